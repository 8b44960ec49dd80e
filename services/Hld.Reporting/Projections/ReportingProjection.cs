using System.Collections.Immutable;
using Hld.Domain;

namespace Hld.Reporting.Projections;

/// <summary>Where a participant stands in the participation table.</summary>
public sealed record ParticipantRow(ParticipantCategory Category, RegionalGroup RegionalGroup, LevelOfRepresentation Level, long LevelVersion);

/// <summary>What the events of one topic have shown so far: the evidence the implementation report cites.</summary>
public sealed record TopicEvidence(long Count, DateTimeOffset First, DateTimeOffset Last, ImmutableList<EvidenceItem> Recent);

/// <summary>A contribution as the report needs it: due, and whether received.</summary>
public sealed record ContributionRow(string Paragraph, string ContributorId, DateTimeOffset DueAt, bool Received);

/// <summary>A final list's spread by regional group and how many entries were dropped on objection.</summary>
public sealed record ListSpread(string Kind, ImmutableDictionary<RegionalGroup, long> Spread, int Dropped);

/// <summary>A round table's composition: co-chairs by State, participants by State or organisation.</summary>
public sealed record RoundTableRow(
    ImmutableDictionary<string, RegionalGroup> CoChairs,
    ImmutableDictionary<string, ParticipantRow> Participants,
    bool SummaryRecorded)
{
    public static RoundTableRow Empty { get; } = new(
        ImmutableDictionary<string, RegionalGroup>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, ParticipantRow>.Empty.WithComparers(StringComparer.Ordinal),
        false);
}

/// <summary>A speakers list's latest figures and when they were taken.</summary>
public sealed record SpeakersRow(DateTimeOffset At, int Inscribed, int Fitting, ImmutableList<SpeakersBlockFigures> Blocks);

/// <summary>The hearing in figures.</summary>
public sealed record HearingRow(
    DateOnly? Date,
    ImmutableDictionary<string, RegionalGroup> Admitted,
    ImmutableDictionary<string, string> Selections,
    bool SummaryPublished)
{
    public static HearingRow Empty { get; } = new(
        null,
        ImmutableDictionary<string, RegionalGroup>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
        false);
}

/// <summary>One event cited as evidence.</summary>
public sealed record EvidenceItem(string EventId, string AggregateKey, DateTimeOffset OccurredAt);

/// <summary>
/// Everything the reporting service answers from, built by applying facts one by one in the order of
/// its event store. Applying is pure and deterministic, so a rebuild from the store gives exactly
/// the projection that was built live.
/// </summary>
public sealed record ReportingProjection(
    ImmutableDictionary<string, ParticipantRow> Participants,
    ImmutableDictionary<string, long> Cells,
    ImmutableDictionary<string, TopicEvidence> Evidence,
    ImmutableDictionary<string, string> ListStatuses,
    ImmutableDictionary<string, ContributionRow> Contributions,
    ImmutableHashSet<string> Documents,
    ImmutableDictionary<string, ListSpread> ListSpreads,
    ImmutableDictionary<int, RoundTableRow> RoundTables,
    ImmutableDictionary<int, SpeakersRow> SpeakersLists,
    HearingRow Hearing,
    long FactsApplied)
{
    /// <summary>How many evidence items are kept per topic (the count covers all).</summary>
    public const int RecentPerTopic = 10;

    public static ReportingProjection Empty { get; } = new(
        ImmutableDictionary<string, ParticipantRow>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, TopicEvidence>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, ContributionRow>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal),
        ImmutableDictionary<string, ListSpread>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<int, RoundTableRow>.Empty,
        ImmutableDictionary<int, SpeakersRow>.Empty,
        HearingRow.Empty,
        0);

    public static string Cell(ParticipantCategory category, RegionalGroup group, LevelOfRepresentation level) => $"{category}|{group}|{level}";

    /// <summary>
    /// The participant whose row <paramref name="fact"/> reads or writes, if any: a projection that keeps
    /// its rows apart needs only these in <see cref="Participants"/> to apply the fact exactly as the whole would.
    /// </summary>
    public static string? RowOf(Fact fact) => fact switch
    {
        ParticipantRegisteredFact registered => registered.ParticipantId,
        DelegationLevelFact level => level.ParticipantId,
        _ => null,
    };

    public ReportingProjection Apply(Fact fact)
    {
        var next = fact switch
        {
            ParticipantRegisteredFact registered => Register(registered),
            DelegationLevelFact level => ChangeLevel(level),
            ListStatusFact list => AdvanceList(list),
            ContributionFact c => this with { Contributions = Contributions.SetItem(c.ContributionId, Merge(Contributions.GetValueOrDefault(c.ContributionId), c)) },
            DocumentFact d => this with { Documents = Documents.Add(d.Symbol) },
            ListFinalisedFact f => AdvanceList(new ListStatusFact(f.EventId, f.Topic, f.AggregateKey, f.OccurredAt, f.ListId, f.Kind, "Final")) with
            {
                ListSpreads = ListSpreads.SetItem($"{f.Kind}|{f.ListId}", new ListSpread(f.Kind, f.Spread, f.Dropped)),
            },
            CoChairFact c => WithRoundTable(c.RoundTable, rt => rt with { CoChairs = rt.CoChairs.SetItem(c.ParticipantId, c.RegionalGroup) }),
            RoundTableParticipantFact p => WithRoundTable(p.RoundTable, rt => rt with
            {
                Participants = rt.Participants.SetItem(p.ParticipantId, new ParticipantRow(p.Category, p.RegionalGroup, LevelOfRepresentation.Unspecified, 0)),
            }),
            RoundTableSummaryFact r => WithRoundTable(r.RoundTable, rt => rt with { SummaryRecorded = true }),
            SpeakersFiguresFact f when SpeakersLists.GetValueOrDefault(f.MeetingNumber) is not { } known || known.At <= f.OccurredAt
                => this with { SpeakersLists = SpeakersLists.SetItem(f.MeetingNumber, new SpeakersRow(f.OccurredAt, f.Inscribed, f.Fitting, f.Blocks)) },
            HearingScheduledFact h => this with { Hearing = Hearing with { Date = h.Date } },
            HearingAdmittedFact a => this with { Hearing = Hearing with { Admitted = Hearing.Admitted.SetItem(a.ParticipantId, a.RegionalGroup) } },
            HearingSelectionFact sel => this with { Hearing = Hearing with { Selections = Hearing.Selections.SetItem(sel.Group, sel.ParticipantId) } },
            HearingSummaryFact => this with { Hearing = Hearing with { SummaryPublished = true } },
            _ => this,
        };
        return next with { Evidence = next.Cite(fact), FactsApplied = FactsApplied + 1 };
    }

    /// <summary>
    /// The named figures the implementation report's rules read: events per topic, participants per
    /// category, lists per kind and status, documents, contributions expected, received and late.
    /// </summary>
    public IReadOnlyDictionary<string, long> Counters(DateTimeOffset asOf)
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        void Add(string name, long by = 1) => counters[name] = counters.GetValueOrDefault(name) + by;
        foreach (var (topic, evidence) in Evidence)
        {
            Add($"topic:{topic}", evidence.Count);
        }

        // Every participant stands in exactly one cell, so the cells count them without their rows.
        foreach (var (cell, count) in Cells)
        {
            Add($"category:{cell[..cell.IndexOf('|', StringComparison.Ordinal)]}", count);
        }

        foreach (var (key, status) in ListStatuses)
        {
            Add($"list:{key[..key.IndexOf('|', StringComparison.Ordinal)]}:{status}");
        }

        foreach (var symbol in Documents)
        {
            Add($"document:{symbol}");
        }

        foreach (var c in Contributions.Values)
        {
            Add($"contribution:{c.Paragraph}:expected");
            if (c.Received)
            {
                Add($"contribution:{c.Paragraph}:received");
            }
            else if (c.DueAt < asOf)
            {
                Add($"contribution:{c.Paragraph}:late");
            }
        }

        foreach (var paragraph in Contributions.Values.Select(c => c.Paragraph).Distinct())
        {
            if (Contributions.Values.Where(c => c.Paragraph == paragraph).All(c => c.Received))
            {
                Add($"contribution:{paragraph}:complete");
            }
        }

        return counters;
    }

    private ReportingProjection WithRoundTable(int number, Func<RoundTableRow, RoundTableRow> change) =>
        this with { RoundTables = RoundTables.SetItem(number, change(RoundTables.GetValueOrDefault(number) ?? RoundTableRow.Empty)) };

    private static readonly string[] ListLifecycle = ["Draft", "Circulated", "Final"];

    // A list only moves forward: a late "circulated" does not reopen a final list.
    private ReportingProjection AdvanceList(ListStatusFact fact)
    {
        var key = $"{fact.Kind}|{fact.ListId}";
        var before = Array.IndexOf(ListLifecycle, ListStatuses.GetValueOrDefault(key));
        return Array.IndexOf(ListLifecycle, fact.Status) > before
            ? this with { ListStatuses = ListStatuses.SetItem(key, fact.Status) }
            : this;
    }

    // A received contribution stays received even if an older "recorded" event arrives after it.
    private static ContributionRow Merge(ContributionRow? before, ContributionFact fact) =>
        new(fact.Paragraph, fact.ContributorId, fact.DueAt, fact.Received || (before?.Received ?? false));

    private ReportingProjection Register(ParticipantRegisteredFact fact)
    {
        if (Participants.ContainsKey(fact.ParticipantId))
        {
            return this;
        }

        var row = new ParticipantRow(fact.Category, fact.RegionalGroup, LevelOfRepresentation.Unspecified, 0);
        return this with { Participants = Participants.Add(fact.ParticipantId, row), Cells = Move(Cells, null, row) };
    }

    private ReportingProjection ChangeLevel(DelegationLevelFact fact)
    {
        var before = Participants.GetValueOrDefault(fact.ParticipantId);
        if (before is not null && before.LevelVersion >= fact.DelegationVersion)
        {
            // An older change arriving late: the newer level already stands.
            return this;
        }

        var after = new ParticipantRow(
            before?.Category ?? fact.Category,
            before?.RegionalGroup ?? fact.RegionalGroup,
            fact.Level,
            fact.DelegationVersion);
        return this with { Participants = Participants.SetItem(fact.ParticipantId, after), Cells = Move(Cells, before, after) };
    }

    private static ImmutableDictionary<string, long> Move(ImmutableDictionary<string, long> cells, ParticipantRow? from, ParticipantRow to)
    {
        if (from is not null)
        {
            var old = Cell(from.Category, from.RegionalGroup, from.Level);
            var left = cells.GetValueOrDefault(old) - 1;
            cells = left > 0 ? cells.SetItem(old, left) : cells.Remove(old);
        }

        var cell = Cell(to.Category, to.RegionalGroup, to.Level);
        return cells.SetItem(cell, cells.GetValueOrDefault(cell) + 1);
    }

    private ImmutableDictionary<string, TopicEvidence> Cite(Fact fact)
    {
        var item = new EvidenceItem(fact.EventId, fact.AggregateKey, fact.OccurredAt);
        var current = Evidence.GetValueOrDefault(fact.Topic);
        var evidence = current is null
            ? new TopicEvidence(1, fact.OccurredAt, fact.OccurredAt, [item])
            : new TopicEvidence(
                current.Count + 1,
                fact.OccurredAt < current.First ? fact.OccurredAt : current.First,
                fact.OccurredAt > current.Last ? fact.OccurredAt : current.Last,
                (current.Recent.Count >= RecentPerTopic ? current.Recent.RemoveAt(0) : current.Recent).Add(item));
        return Evidence.SetItem(fact.Topic, evidence);
    }
}
