using System.Globalization;
using System.Text;

namespace Hld.Reporting.Report;

/// <summary>Renders the report as Markdown in one of its languages.</summary>
public static class ReportMarkdown
{
    private static readonly Dictionary<string, Dictionary<ImplementationStatus, string>> StatusNames = new(StringComparer.Ordinal)
    {
        ["en"] = new()
        {
            [ImplementationStatus.Done] = "done",
            [ImplementationStatus.InProgress] = "in progress",
            [ImplementationStatus.NotStarted] = "not started",
            [ImplementationStatus.Overdue] = "overdue",
        },
        ["zh"] = new()
        {
            [ImplementationStatus.Done] = "已完成",
            [ImplementationStatus.InProgress] = "进行中",
            [ImplementationStatus.NotStarted] = "尚未开始",
            [ImplementationStatus.Overdue] = "逾期",
        },
    };

    public static bool Supports(string language) => StatusNames.ContainsKey(language);

    public static string Render(IReadOnlyList<ReportSection> sections, DateTimeOffset asOf, long eventsConsidered, string language)
    {
        var zh = language == "zh";
        var md = new StringBuilder();
        md.AppendLine(zh
            ? "# 秘书长关于第 67/219 号决议执行情况的报告"
            : "# Report of the Secretary-General on the implementation of resolution 67/219");
        md.AppendLine();
        var date = asOf.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        md.AppendLine(zh
            ? $"截至 {date}，根据 {eventsConsidered} 个已记录事件编写。"
            : $"As of {date}, from {eventsConsidered} recorded events.");
        md.AppendLine();
        md.AppendLine(zh ? "| 段 | 状态 | 依据 |" : "| Para | Status | Basis |");
        md.AppendLine("|---|---|---|");
        foreach (var s in sections)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {s.Paragraph} | {StatusNames[language][s.Status]} | {Cell(s.Explanation.GetValueOrDefault(language, string.Empty))} |");
        }

        foreach (var s in sections)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"## {(zh ? "第 " + s.Paragraph + " 段" : "Paragraph " + s.Paragraph)} — {StatusNames[language][s.Status]}");
            md.AppendLine();
            md.AppendLine(s.Mandate.GetValueOrDefault(language) ?? s.Mandate.GetValueOrDefault("en", string.Empty));
            md.AppendLine();
            if (s.Due is { } due)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"{(zh ? "期限" : "Due")}: {due.UtcDateTime:yyyy-MM-dd}");
                md.AppendLine();
            }

            if (s.Explanation.GetValueOrDefault(language) is { Length: > 0 } explanation)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"{(zh ? "数据" : "Figures")}: {explanation}");
                md.AppendLine();
            }

            md.AppendLine(CultureInfo.InvariantCulture, $"{(zh ? "证据" : "Evidence")} ({s.EvidenceCount}):");
            md.AppendLine();
            if (s.Evidence.IsEmpty)
            {
                md.AppendLine(zh ? "- 无" : "- none");
            }

            foreach (var (topic, item) in s.Evidence)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {item.OccurredAt.UtcDateTime:yyyy-MM-dd HH:mm} `{topic}` {item.AggregateKey}");
            }
        }

        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
