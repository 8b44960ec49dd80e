using System.Collections.Immutable;
using System.Text.Json;
using Hld.Domain;
using Hld.Modalities;
using Hld.Platform.Events;
using Hld.Platform.State;
using Hld.Reporting.Api.EventStore;
using Hld.Reporting.Contributions;
using Hld.Reporting.Report;

namespace Hld.Reporting.Api.ReportData;

/// <summary>
/// The reporting service's reference data, read once at start-up: the implementation report's
/// sections (the operative paragraphs of the dialogue definition in force, with their texts), the rule
/// by which the figures read each (paragraphs.json beside the binary), and the regional commissions.
/// </summary>
public sealed class ReportReferenceData
{
    public ReportReferenceData(IHostEnvironment environment, DialogueDefinition definition)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "ReportData");
        if (!Directory.Exists(folder))
        {
            folder = Path.Combine(environment.ContentRootPath, "ReportData");
        }

        var paragraphs = Read<ParagraphsFile>(Path.Combine(folder, "paragraphs.json"));
        Labels = new FigureLabels(paragraphs.Labels.ToImmutableDictionary(
            l => l.Key, l => l.Value.ToImmutableDictionary(StringComparer.Ordinal), StringComparer.Ordinal));
        RegionalCommissions = Read<CommissionsFile>(Path.Combine(folder, "regional-commissions.json"))
            .Commissions.Select(c => c.Id).ToImmutableHashSet(StringComparer.Ordinal);

        // The report's sections are the operative paragraphs of the definition in force, in its order; the
        // rules file says how the figures read them for the definition it was written for. Another
        // meeting's paragraphs are listed, each marked as not tracked, until its rules are written.
        var operative = definition.Paragraphs.Where(p => !p.Number.Contains('(', StringComparison.Ordinal)).ToList();
        var written = string.Equals(paragraphs.Dialogue, definition.Id, StringComparison.Ordinal)
            ? paragraphs.Rules.ToDictionary(r => r.Paragraph, StringComparer.Ordinal)
            : [];
        var strays = written.Keys.Where(k => operative.All(p => p.Number != k)).ToList();
        var unruled = operative.Where(p => written.Count > 0 && !written.ContainsKey(p.Number)).Select(p => p.Number).ToList();
        if (strays.Count > 0 || unruled.Count > 0)
        {
            throw new InvalidOperationException(
                $"paragraphs.json must hold one rule for each operative paragraph of {definition.Id}: " +
                $"rules for paragraphs it does not have [{string.Join(", ", strays)}], none for [{string.Join(", ", unruled)}].");
        }

        Dialogue = definition.Id;
        Paragraphs = definition.Paragraphs.Select(p => p.Number).ToImmutableHashSet(StringComparer.Ordinal);
        string? OwedUnder(string id) => definition.Reports.FirstOrDefault(r => r.Id == id)?.Paragraph;
        Owed = new OwedInputs(OwedUnder(ReportIds.Overview), OwedUnder(ReportIds.RegionalInputs), OwedUnder(ReportIds.MemberStateContributions),
            definition.Reports.FirstOrDefault(r => r.Id == ReportIds.FollowUp)?.Session);
        Rules = [.. operative.Select(p => written.TryGetValue(p.Number, out var r)
            ? new ParagraphRule(
                r.Paragraph,
                p.Summary.ToImmutableDictionary(StringComparer.Ordinal),
                r.Done.ToImmutableDictionary(StringComparer.Ordinal),
                [.. r.Progress],
                r.OverdueWhen.ToImmutableDictionary(StringComparer.Ordinal),
                r.Due,
                [.. r.Evidence],
                r.DoneOf?.ToImmutableDictionary(StringComparer.Ordinal))
            {
                Breaches = (r.Breaches ?? []).ToImmutableDictionary(StringComparer.Ordinal),
                DueBeforeHearing = r.DueBeforeHearing is { } relative ? new DueBeforeHearing(relative.Months, relative.VenueUtcOffset) : null,
            }
            : ParagraphRule.Untracked(p.Number, p.Summary.ToImmutableDictionary(StringComparer.Ordinal)))];

        // Each document the service writes is issued in the six languages (issue 13): where the rules are
        // written, the definition says per language where the paragraphs' texts come from, and has them all.
        // Another meeting's paragraphs are rendered in English where a language is missing.
        var untranslated = written.Count == 0 ? [] : Rules.SelectMany(r => OfficialLanguages.All.Where(l => !r.Mandate.ContainsKey(l)).Select(l => $"para {r.Paragraph} summary in {l} ({definition.Id})"))
            .Concat(OfficialLanguages.All.Where(l => definition.ParagraphSources?.ContainsKey(l) != true).Select(l => $"paragraphSources.{l} ({definition.Id}: where the {l} texts come from)"))
            .ToList();
        untranslated.AddRange(Labels.ByFigure.SelectMany(f => OfficialLanguages.All.Where(l => !f.Value.ContainsKey(l)).Select(l => $"label {f.Key} in {l} (paragraphs.json)")));
        if (untranslated.Count > 0)
        {
            throw new InvalidOperationException($"The implementation report lacks {string.Join(", ", untranslated)}.");
        }

        // A rule that counts a topic no event of the store's log has would never move (para 19 once
        // counted the log's own topic, which no stored event carries).
        var cited = Topics.All.Where(t => t != ReportingEventStore.LogTopic).ToHashSet(StringComparer.Ordinal);
        var unknown = Rules.SelectMany(r => r.Figures.Concat(r.Evidence.Select(e => $"topic:{e}")))
            .Where(f => f.StartsWith("topic:", StringComparison.Ordinal) && !cited.Contains(f["topic:".Length..]))
            .Distinct(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException($"paragraphs.json counts topics that never reach the projection: {string.Join(", ", unknown)}.");
        }
    }

    public ImmutableList<ParagraphRule> Rules { get; }

    /// <summary>The dialogue definition whose paragraphs the report's sections are.</summary>
    public string Dialogue { get; }

    /// <summary>The inputs the definition owes, which the Secretariat records here: their paragraphs, and the follow-up's session.</summary>
    public OwedInputs Owed { get; }

    /// <summary>Every paragraph of the definition's resolutions, sub-paragraphs included: what a document may be recorded under.</summary>
    public ImmutableHashSet<string> Paragraphs { get; }

    public FigureLabels Labels { get; }

    public ImmutableHashSet<string> RegionalCommissions { get; }

    private static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), AggregateRepository.Json)
        ?? throw new InvalidOperationException($"{path} is empty.");

    /// <summary>The rules, for the dialogue definition <paramref name="Dialogue"/> names; the paragraphs' texts are the definition's.</summary>
    private sealed record ParagraphsFile(
        string Version, string Dialogue, string Source, List<RuleFile> Rules, Dictionary<string, Dictionary<string, string>> Labels);

    private sealed record RuleFile(
        string Paragraph,
        Dictionary<string, long> Done,
        List<string> Progress,
        Dictionary<string, long> OverdueWhen,
        DateTimeOffset? Due,
        List<string> Evidence,
        Dictionary<string, string>? DoneOf = null,
        Dictionary<string, long>? Breaches = null,
        DueBeforeHearingFile? DueBeforeHearing = null);

    /// <summary>A due date the hearing's day gives (para 12): months before it, at the end of that day on the venue's clock.</summary>
    private sealed record DueBeforeHearingFile(int Months, TimeSpan VenueUtcOffset);

    private sealed record CommissionsFile(string Version, string Source, List<CommissionFile> Commissions);

    private sealed record CommissionFile(string Id, Dictionary<string, string> Name);
}
