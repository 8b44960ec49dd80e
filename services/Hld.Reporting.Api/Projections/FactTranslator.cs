using System.Collections.Immutable;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hld.Contracts.Events.V1;
using Hld.Reporting.Projections;
using Domain = Hld.Domain;

namespace Hld.Reporting.Api.Projections;

/// <summary>Turns integration events into the reporting domain's facts.</summary>
internal static class FactTranslator
{
    // One look-up by the payload's type name instead of a TryUnpack per known type: a rebuild
    // translates every stored event, most of them of types reporting keeps only as evidence.
    private static readonly Dictionary<string, Func<EventEnvelope, DateTimeOffset, Fact?>> ByType = new(
    [
        On<ParticipantRegistered>((e, at, registered) => new ParticipantRegisteredFact(e.EventId, e.Topic, e.AggregateKey, at, registered.ParticipantId,
            (Domain.ParticipantCategory)registered.Participant.Category, (Domain.RegionalGroup)registered.Participant.RegionalGroup,
            registered.Participant.CountryCode, registered.Participant.GlobalMigrationGroupMember)),
        On<DelegationLevelChanged>((e, at, level) => new DelegationLevelFact(e.EventId, e.Topic, e.AggregateKey, at, level.ParticipantId,
            (Domain.ParticipantCategory)level.Category, (Domain.RegionalGroup)level.RegionalGroup, (Domain.LevelOfRepresentation)level.Level,
            level.DelegationVersion)),
        On<ListStatusChanged>((e, at, list) => new ListStatusFact(e.EventId, e.Topic, e.AggregateKey, at, list.ListId, list.Kind.ToString(), list.Status.ToString())),
        On<ListFinalised>((e, at, final) => new ListFinalisedFact(e.EventId, e.Topic, e.AggregateKey, at, final.ListId, final.Kind.ToString(),
            final.Entries.GroupBy(x => (Domain.RegionalGroup)x.RegionalGroup).ToImmutableDictionary(g => g.Key, g => (long)g.Count()),
            final.DroppedParticipantIds.Count)),
        On<HearingDateConflictRecorded>((e, at, conflict) => new ListHearingConflictFact(e.EventId, e.Topic, e.AggregateKey, at, conflict.ListId, true, e.AggregateVersion)),
        On<HearingDateConflictResolved>((e, at, conflict) => new ListHearingConflictFact(e.EventId, e.Topic, e.AggregateKey, at, conflict.ListId, false, e.AggregateVersion)),
        On<CoChairAppointed>((e, at, appointed) => new CoChairFact(e.EventId, e.Topic, e.AggregateKey, at, appointed.RoundTable, appointed.ParticipantId,
            (Domain.RegionalGroup)appointed.CoChair.RegionalGroup)),
        On<CoChairReplaced>((e, at, replaced) => new CoChairFact(e.EventId, e.Topic, e.AggregateKey, at, replaced.RoundTable, replaced.Successor.ParticipantId,
            (Domain.RegionalGroup)StoredEvents.Current(replaced.Successor).CoChair.RegionalGroup, replaced.ReplacedParticipantId)),
        On<RoundTableParticipantAssigned>((e, at, assigned) => new RoundTableParticipantFact(e.EventId, e.Topic, e.AggregateKey, at, assigned.RoundTable, assigned.ParticipantId,
            (Domain.ParticipantCategory)assigned.Participant.Category, (Domain.RegionalGroup)assigned.Participant.RegionalGroup)),
        On<RoundTableSummaryRecorded>((e, at, summary) => new RoundTableSummaryFact(e.EventId, e.Topic, e.AggregateKey, at, summary.RoundTable)),
        On<SpeakerInscribed>((e, at, inscribed) => new SpeakerInscribedFact(e.EventId, e.Topic, e.AggregateKey, at, inscribed.ParticipantId,
            (Domain.ParticipantCategory)inscribed.Speaker.Category, (Domain.LevelOfRepresentation)inscribed.Speaker.Level)),
        On<SpeakersListFiguresChanged>((e, at, changed) => new SpeakersFiguresFact(e.EventId, e.Topic, e.AggregateKey, at, changed.MeetingNumber,
            changed.Figures.Speakers, changed.Figures.Fitting, [.. changed.Figures.ByRank.Select(b => new SpeakersBlockFigures(b.Rank.ToString(), b.Speakers, b.Fitting))])),
        On<HearingScheduled>((e, at, hearing) => hearing.Date is { } day ? new HearingScheduledFact(e.EventId, e.Topic, e.AggregateKey, at, new DateOnly(day.Year, day.Month, day.Day)) : null),
        On<ParticipantAdmitted>((e, at, admitted) => new HearingAdmittedFact(e.EventId, e.Topic, e.AggregateKey, at, admitted.ParticipantId,
            (Domain.RegionalGroup)admitted.Participant.RegionalGroup)),
        On<RepresentativeSelected>((e, at, selected) => new HearingSelectionFact(e.EventId, e.Topic, e.AggregateKey, at, selected.Group.ToString(), selected.ParticipantId)),
        On<SummaryPublished>((e, at, _) => new HearingSummaryFact(e.EventId, e.Topic, e.AggregateKey, at)),
        On<ContributionRecorded>((e, at, contribution) => new ContributionFact(e.EventId, e.Topic, e.AggregateKey, at, contribution.ContributionId, contribution.Paragraph,
            contribution.ContributorId, contribution.DueAt.ToDateTimeOffset(), contribution.Received, contribution.Submitted)),
        On<OverviewAssembled>((e, at, overview) => new OverviewAssembledFact(e.EventId, e.Topic, e.AggregateKey, at, overview.Symbol, overview.InputContributionIds.Count)),
        On<DocumentRecorded>((e, at, document) => new DocumentFact(e.EventId, e.Topic, e.AggregateKey, at, document.Symbol)),
    ], StringComparer.Ordinal);

    public static Fact Translate(EventEnvelope e)
    {
        var at = e.OccurredAt.ToDateTimeOffset();
        return ByType.TryGetValue(Any.GetTypeName(e.Payload.TypeUrl), out var translate) && translate(e, at) is { } fact
            ? fact
            : new OtherFact(e.EventId, e.Topic, e.AggregateKey, at);
    }

    private static KeyValuePair<string, Func<EventEnvelope, DateTimeOffset, Fact?>> On<TEvent>(Func<EventEnvelope, DateTimeOffset, TEvent, Fact?> translate)
        where TEvent : IMessage<TEvent>, new() =>
        new(new TEvent().Descriptor.FullName, (e, at) => translate(e, at, StoredEvents.Current(e.Payload.Unpack<TEvent>())));
}
