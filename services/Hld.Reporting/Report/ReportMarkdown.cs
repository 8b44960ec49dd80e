using System.Globalization;
using System.Text;
using Hld.Domain;

namespace Hld.Reporting.Report;

/// <summary>
/// Renders the report as Markdown in one of the six official languages. Its words are in the message
/// catalogues beside this class (ReportMarkdown.resx, English, and one .resx per language); dates and
/// numbers follow the language's culture.
/// </summary>
/// <param name="resolution">The resolution the report is on, as documents cite it, without "A/RES/": the dialogue definition's.</param>
public sealed class ReportMarkdown(MessageCatalogue text, string resolution)
{
    /// <summary>The catalogue, for the explanations <see cref="ImplementationReport.Build"/> words in each language.</summary>
    public MessageCatalogue Text => text;

    public string Render(IReadOnlyList<ReportSection> sections, DateTimeOffset asOf, long eventsConsidered, string language) =>
        DocumentLanguage.Framed(language, DocumentLanguage.In(language, culture => Write(sections, asOf, eventsConsidered, language, culture)));

    /// <summary>A status in the current language.</summary>
    public string Status(ImplementationStatus status) => text["Status" + status];

    private string Write(IReadOnlyList<ReportSection> sections, DateTimeOffset asOf, long eventsConsidered, string language, CultureInfo culture)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(text["Title", resolution]);
        md.AppendLine();
        md.AppendLine(text["AsOf", Day(asOf), asOf.UtcDateTime.ToString("HH:mm", culture), eventsConsidered.ToString("N0", culture)]);
        md.AppendLine();
        md.AppendLine(culture, $"| {text["ColumnParagraph"]} | {text["ColumnStatus"]} | {text["ColumnBasis"]} |");
        md.AppendLine("|---|---|---|");
        foreach (var s in sections)
        {
            md.AppendLine(culture, $"| {s.Paragraph} | {Status(s.Status)} | {Cell(s.Explanation.GetValueOrDefault(language, string.Empty))} |");
        }

        foreach (var s in sections)
        {
            md.AppendLine();
            md.AppendLine(culture, $"## {text["Section", s.Paragraph]} — {Status(s.Status)}");
            md.AppendLine();
            md.AppendLine(s.Mandate.GetValueOrDefault(language) ?? s.Mandate.GetValueOrDefault(DocumentLanguage.English, string.Empty));
            md.AppendLine();
            if (s.Due is { } due)
            {
                md.AppendLine(text["Due", Day(due)]);
                md.AppendLine();
            }

            if (s.Explanation.GetValueOrDefault(language) is { Length: > 0 } explanation)
            {
                md.AppendLine(text["Figures", explanation]);
                md.AppendLine();
            }

            md.AppendLine(text["Evidence", s.EvidenceCount.ToString("N0", culture)]);
            md.AppendLine();
            if (s.Evidence.IsEmpty)
            {
                md.Append("- ").AppendLine(text["NoEvidence"]);
            }

            foreach (var (topic, item) in s.Evidence)
            {
                md.AppendLine(culture, $"- {Day(item.OccurredAt)} {item.OccurredAt.UtcDateTime.ToString("HH:mm", culture)} `{topic}` {item.AggregateKey}");
            }
        }

        return md.ToString();
    }

    // The day in UTC, which is how the report states its instants.
    private string Day(DateTimeOffset at) => at.UtcDateTime.ToString(text["DateFormat"], CultureInfo.CurrentCulture);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
