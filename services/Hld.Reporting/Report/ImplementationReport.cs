using System.Collections.Immutable;
using System.Globalization;
using Hld.Domain;
using Hld.Reporting.Projections;

namespace Hld.Reporting.Report;

/// <summary>Where an operative paragraph's implementation stands (para 19).</summary>
public enum ImplementationStatus
{
    Unspecified = 0,
    NotStarted = 1,
    InProgress = 2,
    Done = 3,
    Overdue = 4,

    /// <summary>The definition lists the paragraph, but no rule reads a figure for it.</summary>
    NotTracked = 5,
}

/// <summary>
/// How one paragraph's status follows from the figures. Data, not code: the rules for all nineteen
/// paragraphs live in a data file beside the host, and only this interpretation is code.
/// </summary>
/// <param name="Done">Figures that must all reach their threshold for the paragraph to be done.</param>
/// <param name="Progress">Figures any of which, above zero, means work is under way.</param>
/// <param name="OverdueWhen">Figures any of which reaching its threshold makes a not-done paragraph overdue.</param>
/// <param name="Due">The date after which a not-done paragraph is overdue, if it has one.</param>
/// <param name="Evidence">The topics whose events the section cites.</param>
/// <param name="DoneOf">
/// Figures measured against another figure rather than a number: each key must reach the figure its
/// value names (what was expected), which must itself be above zero, e.g. levels recorded of the
/// Member States inscribed.
/// </param>
public sealed record ParagraphRule(
    string Paragraph,
    ImmutableDictionary<string, string> Mandate,
    ImmutableDictionary<string, long> Done,
    ImmutableList<string> Progress,
    ImmutableDictionary<string, long> OverdueWhen,
    DateTimeOffset? Due,
    ImmutableList<string> Evidence,
    ImmutableDictionary<string, string>? DoneOf = null)
{
    /// <summary>Every figure the rule reads, for checking the rules against the figures the projection can give.</summary>
    public IEnumerable<string> Figures =>
        Done.Keys.Concat(Progress).Concat(OverdueWhen.Keys).Concat(Breaches.Keys).Concat(DoneOf?.Keys ?? []).Concat(DoneOf?.Values ?? []);

    /// <summary>
    /// Figures any of which reaching its threshold makes the paragraph overdue even where its done figures are
    /// reached: a rule of the paragraph is broken now (para 12: a list whose deadline the hearing in force no
    /// longer leaves a month before it).
    /// </summary>
    public ImmutableDictionary<string, long> Breaches { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>When set, the due date follows the hearing in force (para 12: one calendar month before it), not <see cref="Due"/>.</summary>
    public DueBeforeHearing? DueBeforeHearing { get; init; }

    /// <summary>Whether the rule reads anything at all; a paragraph of a meeting whose rules are not written has a rule that does not.</summary>
    public bool Tracks => Done.Count > 0 || Progress.Count > 0 || OverdueWhen.Count > 0 || Due is not null || Breaches.Count > 0
        || DoneOf is { Count: > 0 } || DueBeforeHearing is not null || Evidence.Count > 0;

    /// <summary>The rule of a paragraph nothing tracks: its section says so.</summary>
    public static ParagraphRule Untracked(string paragraph, ImmutableDictionary<string, string> mandate) =>
        new(paragraph, mandate, ImmutableDictionary<string, long>.Empty, [], ImmutableDictionary<string, long>.Empty, null, []);

    /// <summary>The date the paragraph is measured against: derived from the hearing's scheduled day when the rule says so and one was announced.</summary>
    public DateTimeOffset? DueGiven(DateOnly? hearingDate) =>
        DueBeforeHearing is { } relative && hearingDate is { } hearing ? relative.Due(hearing) : Due;
}

/// <summary>
/// A due date a number of calendar months before the hearing day: the end of that day on the venue's clock
/// (para 12: a hearing on 15 July 2013 makes it the end of 15 June in New York, 16 June 04:00 UTC).
/// </summary>
public sealed record DueBeforeHearing(int Months, TimeSpan VenueUtcOffset)
{
    public DateTimeOffset Due(DateOnly hearingDate) => new VenueClock(VenueUtcOffset).StartOf(hearingDate.AddMonths(-Months).AddDays(1));
}

/// <summary>
/// A figure's name in the report's languages, e.g. "category:ObserverState" → "observer States". A
/// name with {0} and {1} is the whole statement, what happened ({0}) and what was expected ({1}):
/// "levels recorded for {0} of the {1} inscribed Member States".
/// </summary>
public sealed record FigureLabels(ImmutableDictionary<string, ImmutableDictionary<string, string>> ByFigure)
{
    public string Label(string figure, string language) =>
        ByFigure.TryGetValue(figure, out var names) && names.TryGetValue(language, out var name) ? name : figure;

    /// <summary>What happened against what was expected, in one language (the current culture's), worded by <paramref name="text"/> when the label is only a name.</summary>
    public string Against(string figure, long happened, long expected, string language, MessageCatalogue text)
    {
        var label = Label(figure, language);
        return label.Contains("{0}", StringComparison.Ordinal)
            ? string.Format(CultureInfo.CurrentCulture, label, happened, expected)
            : text["FigureAgainst", label, happened, expected];
    }
}

/// <summary>One section of the report.</summary>
public sealed record ReportSection(
    string Paragraph,
    ImmutableDictionary<string, string> Mandate,
    ImplementationStatus Status,
    ImmutableDictionary<string, string> Explanation,
    DateTimeOffset? Due,
    ImmutableList<(string Topic, EvidenceItem Item)> Evidence,
    long EvidenceCount);

/// <summary>Derives the implementation report from the projection, as of a date.</summary>
public static class ImplementationReport
{
    /// <summary>The report's languages: the six official ones, each explanation in each.</summary>
    public static ImmutableArray<string> Languages => OfficialLanguages.All;

    public static ImmutableList<ReportSection> Build(ReportingProjection projection, IEnumerable<ParagraphRule> rules, FigureLabels labels, MessageCatalogue text, DateTimeOffset asOf)
    {
        var figures = projection.Counters(asOf);
        long Figure(string name) => figures.GetValueOrDefault(name);

        // In the order the rules come, which is the definition's order of its paragraphs.
        return [.. rules.Select(rule =>
        {
            var breached = rule.Breaches.Any(b => Figure(b.Key) >= b.Value);
            var due = rule.DueGiven(projection.Hearing.Date);
            var doneOf = rule.DoneOf ?? ImmutableDictionary<string, string>.Empty;
            var done = !breached && (rule.Done.Count > 0 || doneOf.Count > 0)
                && rule.Done.All(d => Figure(d.Key) >= d.Value)
                && doneOf.All(d => Figure(d.Value) > 0 && Figure(d.Key) >= Figure(d.Value));
            var late = breached || (due is { } dueAt && asOf > dueAt) || rule.OverdueWhen.Any(o => Figure(o.Key) >= o.Value);
            var started = rule.Progress.Any(p => Figure(p) > 0) || rule.Done.Any(d => Figure(d.Key) > 0) || doneOf.Any(d => Figure(d.Key) > 0);
            var status = !rule.Tracks ? ImplementationStatus.NotTracked
                : done ? ImplementationStatus.Done
                : late ? ImplementationStatus.Overdue
                : started ? ImplementationStatus.InProgress
                : ImplementationStatus.NotStarted;

            var evidence = rule.Evidence
                .Where(projection.Evidence.ContainsKey)
                .SelectMany(topic => projection.Evidence[topic].Recent.Select(item => (topic, item)))
                .OrderBy(e => e.item.OccurredAt)
                .ToImmutableList();
            var count = rule.Evidence.Sum(topic => projection.Evidence.GetValueOrDefault(topic)?.Count ?? 0);
            var explanation = Languages.ToImmutableDictionary(
                language => language,
                language => DocumentLanguage.In(language, _ => Explain(rule, language, labels, text, Figure)));
            return new ReportSection(rule.Paragraph, rule.Mandate, status, explanation, due, evidence, count);
        })];
    }

    private static string Explain(ParagraphRule rule, string language, FigureLabels labels, MessageCatalogue text, Func<string, long> figure)
    {
        var parts = rule.Done.Select(d => labels.Against(d.Key, figure(d.Key), d.Value, language, text))
            .Concat((rule.DoneOf ?? ImmutableDictionary<string, string>.Empty).Select(d => labels.Against(d.Key, figure(d.Key), figure(d.Value), language, text)));
        parts = parts.Concat(rule.OverdueWhen.Concat(rule.Breaches).Where(o => figure(o.Key) > 0)
            .Select(o => text["FigureCount", labels.Label(o.Key, language), figure(o.Key)].Value));
        return string.Join(text["ListSeparator"], parts);
    }
}
