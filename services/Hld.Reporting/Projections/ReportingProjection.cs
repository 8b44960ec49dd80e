using System.Collections.Immutable;
using Hld.Domain;

namespace Hld.Reporting.Projections;

/// <summary>Where a participant stands in the participation table.</summary>
public sealed record ParticipantRow(ParticipantCategory Category, RegionalGroup RegionalGroup, LevelOfRepresentation Level, long LevelVersion);

/// <summary>What the events of one topic have shown so far: the evidence the implementation report cites.</summary>
public sealed record TopicEvidence(long Count, DateTimeOffset First, DateTimeOffset Last, ImmutableList<EvidenceItem> Recent);

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
    long FactsApplied)
{
    /// <summary>How many evidence items are kept per topic (the count covers all).</summary>
    public const int RecentPerTopic = 10;

    public static ReportingProjection Empty { get; } = new(
        ImmutableDictionary<string, ParticipantRow>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, TopicEvidence>.Empty.WithComparers(StringComparer.Ordinal),
        0);

    public static string Cell(ParticipantCategory category, RegionalGroup group, LevelOfRepresentation level) => $"{category}|{group}|{level}";

    public ReportingProjection Apply(Fact fact)
    {
        var next = fact switch
        {
            ParticipantRegisteredFact registered => Register(registered),
            DelegationLevelFact level => ChangeLevel(level),
            _ => this,
        };
        return next with { Evidence = next.Cite(fact), FactsApplied = FactsApplied + 1 };
    }

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
