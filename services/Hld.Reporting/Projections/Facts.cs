using System.Collections.Immutable;
using Hld.Domain;

namespace Hld.Reporting.Projections;

/// <summary>
/// What the reporting service learns from other services' events, in its own words. The host
/// translates each integration event into one of these; the projection never sees a contract type.
/// </summary>
public abstract record Fact(string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt);

/// <summary>A participant was registered (paras 4-9, 12); the GMG flag (para 15) is the registry's reference data.</summary>
public sealed record ParticipantRegisteredFact(
    string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt,
    string ParticipantId, ParticipantCategory Category, RegionalGroup RegionalGroup, string CountryCode, bool GlobalMigrationGroupMember = false)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>A delegation's level was set or changed (para 5).</summary>
public sealed record DelegationLevelFact(
    string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt,
    string ParticipantId, ParticipantCategory Category, RegionalGroup RegionalGroup, LevelOfRepresentation Level, long DelegationVersion)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>One of the PGA's lists changed status (paras 8, 9, 12); kind and status are the contract's names.</summary>
public sealed record ListStatusFact(
    string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt,
    string ListId, string Kind, string Status)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>A contribution was recorded or received (paras 15-17).</summary>
public sealed record ContributionFact(
    string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt,
    string ContributionId, string Paragraph, string ContributorId, DateTimeOffset DueAt, bool Received, bool Submitted = false)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>The comprehensive overview was assembled from <paramref name="Inputs"/> para 15 inputs (para 15).</summary>
public sealed record OverviewAssembledFact(string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt, string Symbol, int Inputs)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>A document was recorded (para 1).</summary>
public sealed record DocumentFact(string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt, string Symbol)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>A list became final, with the regional groups of the entries that stand (paras 8, 9, 12).</summary>
public sealed record ListFinalisedFact(
    string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt,
    string ListId, string Kind, ImmutableDictionary<RegionalGroup, long> Spread, int Dropped)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>
/// A conflict between a circulated para 12 list's deadline and the hearing in force arose (<paramref name="Stands"/>)
/// or ended; <paramref name="ListVersion"/> (the list aggregate's) orders the two kinds, which travel on different topics.
/// </summary>
public sealed record ListHearingConflictFact(
    string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt,
    string ListId, bool Stands, long ListVersion)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>A co-chair was appointed to a round table (para 3(d)), in place of <paramref name="Replaces"/> when the seat changed hands.</summary>
public sealed record CoChairFact(
    string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt,
    int RoundTable, string ParticipantId, RegionalGroup RegionalGroup, string? Replaces = null)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>A participant was given a place at a round table (paras 3(b), 13).</summary>
public sealed record RoundTableParticipantFact(
    string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt,
    int RoundTable, string ParticipantId, ParticipantCategory Category, RegionalGroup RegionalGroup)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>A round table's oral summary was recorded (para 3(b)(iii)).</summary>
public sealed record RoundTableSummaryFact(string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt, int RoundTable)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>A delegation or organisation was inscribed on a plenary speakers list (para 5), at the level sessions knew then.</summary>
public sealed record SpeakerInscribedFact(
    string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt,
    string ParticipantId, ParticipantCategory Category, LevelOfRepresentation Level)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>A speakers list's figures after a change (paras 5, 13); the newest by time wins.</summary>
public sealed record SpeakersFiguresFact(
    string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt,
    int MeetingNumber, int Inscribed, int Fitting, ImmutableList<SpeakersBlockFigures> Blocks)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>One block of a speakers list in figures.</summary>
public sealed record SpeakersBlockFigures(string Rank, int Inscribed, int Fitting);

/// <summary>The hearing was scheduled or moved (para 11).</summary>
public sealed record HearingScheduledFact(string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt, DateOnly Date)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>An organisation was admitted to the hearing (paras 9, 11, 12).</summary>
public sealed record HearingAdmittedFact(string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt, string ParticipantId, RegionalGroup RegionalGroup)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>A hearing representative was selected for a group (para 13); the group is the contract's name.</summary>
public sealed record HearingSelectionFact(string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt, string Group, string ParticipantId)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>The hearing's summary was published (para 11).</summary>
public sealed record HearingSummaryFact(string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>Any other event: kept as evidence for the implementation report, counted by topic.</summary>
public sealed record OtherFact(string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);
