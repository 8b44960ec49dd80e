using System.Collections.Immutable;
using System.Text.Json;
using Hld.Domain;
using Hld.Platform.Events;
using Hld.Platform.State;
using Hld.Reporting.Api.EventStore;
using Hld.Reporting.Report;

namespace Hld.Reporting.Api.ReportData;

/// <summary>
/// The reporting service's reference data, read once from the JSON files beside the binary: the
/// rule and texts of each paragraph of the implementation report, and the regional commissions.
/// </summary>
public sealed class ReportReferenceData
{
    public ReportReferenceData(IHostEnvironment environment)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "ReportData");
        if (!Directory.Exists(folder))
        {
            folder = Path.Combine(environment.ContentRootPath, "ReportData");
        }

        var paragraphs = Read<ParagraphsFile>(Path.Combine(folder, "paragraphs.json"));
        Rules = [.. paragraphs.Rules.Select(r => new ParagraphRule(
            r.Paragraph,
            r.Mandate.ToImmutableDictionary(StringComparer.Ordinal),
            r.Done.ToImmutableDictionary(StringComparer.Ordinal),
            [.. r.Progress],
            r.OverdueWhen.ToImmutableDictionary(StringComparer.Ordinal),
            r.Due,
            [.. r.Evidence],
            r.DoneOf?.ToImmutableDictionary(StringComparer.Ordinal))
        {
            Breaches = (r.Breaches ?? []).ToImmutableDictionary(StringComparer.Ordinal),
            DueBeforeHearing = r.DueBeforeHearing is { } relative ? new DueBeforeHearing(relative.Months, relative.VenueUtcOffset) : null,
        })];
        Labels = new FigureLabels(paragraphs.Labels.ToImmutableDictionary(
            l => l.Key, l => l.Value.ToImmutableDictionary(StringComparer.Ordinal), StringComparer.Ordinal));
        RegionalCommissions = Read<CommissionsFile>(Path.Combine(folder, "regional-commissions.json"))
            .Commissions.Select(c => c.Id).ToImmutableHashSet(StringComparer.Ordinal);
        if (Rules.Count != 19 || Rules.Select(r => r.Paragraph).Distinct().Count() != 19)
        {
            throw new InvalidOperationException("paragraphs.json must hold one rule for each of the 19 operative paragraphs.");
        }

        // Each document the service writes is issued in the six languages (issue 13), and the file says per
        // language where its texts come from: official, condensed from the official text, or a working translation.
        var untranslated = Rules.SelectMany(r => OfficialLanguages.All.Where(l => !r.Mandate.ContainsKey(l)).Select(l => $"para {r.Paragraph} mandate in {l}"))
            .Concat(Labels.ByFigure.SelectMany(f => OfficialLanguages.All.Where(l => !f.Value.ContainsKey(l)).Select(l => $"label {f.Key} in {l}")))
            .Concat(OfficialLanguages.All.Where(l => paragraphs.Texts?.ContainsKey(l) != true).Select(l => $"texts.{l} (where the {l} texts come from)"))
            .ToList();
        if (untranslated.Count > 0)
        {
            throw new InvalidOperationException($"paragraphs.json lacks {string.Join(", ", untranslated)}.");
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

    public FigureLabels Labels { get; }

    public ImmutableHashSet<string> RegionalCommissions { get; }

    private static T Read<T>(string path) =>
        JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), AggregateRepository.Json)
        ?? throw new InvalidOperationException($"{path} is empty.");

    private sealed record ParagraphsFile(
        string Version, string Source, List<RuleFile> Rules, Dictionary<string, Dictionary<string, string>> Labels, Dictionary<string, TextsFile>? Texts = null);

    /// <summary>Where one language's texts come from: "official", "condensed-official", "working-summary" or "working-translation", and a note naming the source.</summary>
    private sealed record TextsFile(string Status, string Note);

    private sealed record RuleFile(
        string Paragraph,
        Dictionary<string, string> Mandate,
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
