using Hld.Domain;

namespace Hld.Reporting.Projections;

/// <summary>
/// What the reporting service learns from other services' events, in its own words. The host
/// translates each integration event into one of these; the projection never sees a contract type.
/// </summary>
public abstract record Fact(string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt);

/// <summary>A participant was registered (paras 4-9, 12).</summary>
public sealed record ParticipantRegisteredFact(
    string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt,
    string ParticipantId, ParticipantCategory Category, RegionalGroup RegionalGroup, string CountryCode)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>A delegation's level was set or changed (para 5).</summary>
public sealed record DelegationLevelFact(
    string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt,
    string ParticipantId, ParticipantCategory Category, RegionalGroup RegionalGroup, LevelOfRepresentation Level, long DelegationVersion)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);

/// <summary>Any other event: kept as evidence for the implementation report, counted by topic.</summary>
public sealed record OtherFact(string EventId, string Topic, string AggregateKey, DateTimeOffset OccurredAt)
    : Fact(EventId, Topic, AggregateKey, OccurredAt);
