using System.Globalization;
using Hld.Domain;

namespace Hld.Modalities;

/// <summary>
/// The paragraph of the definition in force for each rule a service refuses under (decision 092): a
/// domain names the rule by the part of the definition that states it (<see cref="Rules"/>), and this
/// book reads that part's paragraph. Built once per host from the definition it loaded; the error
/// interceptor asks it for every refusal, so no paragraph number is written in a service.
/// </summary>
public sealed class RuleBook
{
    private readonly DialogueDefinition _definition;

    public RuleBook(DialogueDefinition definition) => _definition = definition;

    /// <summary>The rules every definition must give a paragraph, whatever meeting it describes: the sections each service refuses under.</summary>
    public static IReadOnlyList<Rule> Required { get; } =
    [
        Rules.Dates, Rules.MeetingCounts, Rules.CoChairs, Rules.Precedence, Rules.Hearing, Rules.HearingSummary, Rules.Registration,
        .. Enum.GetValues<ParticipantCategory>().Where(c => c != ParticipantCategory.Unspecified).Select(Rules.Participation),
    ];

    /// <summary>The paragraph that states <paramref name="rule"/> in the definition in force; null when the definition has no such part.</summary>
    public string? ParagraphOf(Rule rule)
    {
        var d = _definition;
        return rule.Section switch
        {
            "dates" => d.Dates.Paragraph,
            "followsSession" => d.FollowsSession?.Paragraph,
            "meetingCounts" => d.MeetingCounts.Paragraph,
            "closingSummaries" => d.ClosingSummaries?.Paragraph,
            "coChairs" => d.CoChairs.Paragraph,
            "speakers.precedence" => d.Speakers.PrecedenceParagraph,
            "speakers.asTimePermits" => d.Speakers.AsTimePermits?.Paragraph,
            "hearing" => d.Hearing.Paragraph,
            "hearing.summary" => d.Hearing.Summary.Paragraph,
            "hearing.representativesToPlenary" => d.Hearing.RepresentativesToPlenary?.Paragraph,
            "registration" => d.Registration?.Paragraph,
            "participation" when Enum.TryParse<ParticipantCategory>(rule.Entry, out var category) =>
                d.Participation.FirstOrDefault(p => p.Categories.Contains(category))?.Paragraph,
            "lists" when Enum.TryParse<ListKind>(rule.Entry, out var kind) => d.ListOf(kind)?.Paragraph,
            "reports" => d.Reports.FirstOrDefault(r => r.Id == rule.Entry)?.Paragraph,
            "meetings" => MeetingOf(rule.Entry)?.Paragraph,
            "paragraphs" => d.Paragraphs.Any(p => p.Number == rule.Entry) ? rule.Entry : null,
            _ => null,
        };
    }

    /// <summary>Where in the file a rule's paragraph is written, as a JSONPath, for the problems found at loading.</summary>
    public static string PathOf(Rule rule) => rule.Section switch
    {
        "speakers.precedence" => "$.speakers.precedenceParagraph",
        "participation" => "$.participation",
        "lists" => "$.lists",
        "reports" => "$.reports",
        "meetings" => "$.meetings",
        "paragraphs" => "$.paragraphs",
        _ => $"$.{rule.Section}.paragraph",
    };

    /// <summary>The required rules the definition gives no paragraph, each as a problem at its place in the file.</summary>
    public IEnumerable<DefinitionProblem> Unresolved(IEnumerable<Rule> rules) =>
        rules.Where(r => ParagraphOf(r) is null)
            .Select(r => new DefinitionProblem(PathOf(r), r.Entry is null
                ? $"the rule '{r}' needs the paragraph of the resolution that states it"
                : $"no entry names {r.Entry}, so the rule '{r}' has no paragraph of the resolution"));

    // "RoundTable" (the first of the kind) or "RoundTable 2".
    private MeetingDefinition? MeetingOf(string? entry)
    {
        var parts = (entry ?? string.Empty).Split(' ', 2);
        if (!Enum.TryParse<MeetingKind>(parts[0], out var kind))
        {
            return null;
        }

        return parts.Length == 1
            ? _definition.MeetingsOf(kind).FirstOrDefault()
            : int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? _definition.MeetingsOf(kind).FirstOrDefault(m => m.Number == number)
                : null;
    }
}
