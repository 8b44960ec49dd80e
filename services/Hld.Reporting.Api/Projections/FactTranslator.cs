using System.Collections.Immutable;
using Hld.Contracts.Events.V1;
using Hld.Reporting.Projections;
using Domain = Hld.Domain;

namespace Hld.Reporting.Api.Projections;

/// <summary>Turns integration events into the reporting domain's facts.</summary>
internal static class FactTranslator
{
    public static Fact Translate(EventEnvelope e)
    {
        var at = e.OccurredAt.ToDateTimeOffset();
        if (e.Payload.TryUnpack(out ParticipantRegistered registered))
        {
            return new ParticipantRegisteredFact(e.EventId, e.Topic, e.AggregateKey, at, registered.ParticipantId,
                (Domain.ParticipantCategory)registered.Category, (Domain.RegionalGroup)registered.RegionalGroup, registered.CountryCode);
        }

        if (e.Payload.TryUnpack(out DelegationLevelChanged level))
        {
            return new DelegationLevelFact(e.EventId, e.Topic, e.AggregateKey, at, level.ParticipantId,
                (Domain.ParticipantCategory)level.Category, (Domain.RegionalGroup)level.RegionalGroup, (Domain.LevelOfRepresentation)level.Level,
                level.DelegationVersion);
        }

        if (e.Payload.TryUnpack(out ListStatusChanged list))
        {
            return new ListStatusFact(e.EventId, e.Topic, e.AggregateKey, at, list.ListId, list.Kind.ToString(), list.Status.ToString());
        }

        if (e.Payload.TryUnpack(out ListFinalised final))
        {
            var spread = final.Entries.GroupBy(x => (Domain.RegionalGroup)x.RegionalGroup).ToImmutableDictionary(g => g.Key, g => (long)g.Count());
            return new ListFinalisedFact(e.EventId, e.Topic, e.AggregateKey, at, final.ListId, final.Kind.ToString(), spread, final.DroppedParticipantIds.Count);
        }

        if (e.Payload.TryUnpack(out CoChairAppointed coChair))
        {
            return new CoChairFact(e.EventId, e.Topic, e.AggregateKey, at, coChair.RoundTable, coChair.ParticipantId, (Domain.RegionalGroup)coChair.RegionalGroup);
        }

        if (e.Payload.TryUnpack(out RoundTableParticipantAssigned seat))
        {
            return new RoundTableParticipantFact(e.EventId, e.Topic, e.AggregateKey, at, seat.RoundTable, seat.ParticipantId,
                (Domain.ParticipantCategory)seat.Category, (Domain.RegionalGroup)seat.RegionalGroup);
        }

        if (e.Payload.TryUnpack(out RoundTableSummaryRecorded summary))
        {
            return new RoundTableSummaryFact(e.EventId, e.Topic, e.AggregateKey, at, summary.RoundTable);
        }

        if (e.Payload.TryUnpack(out SpeakersListFiguresChanged figures))
        {
            return new SpeakersFiguresFact(e.EventId, e.Topic, e.AggregateKey, at, figures.MeetingNumber, figures.Speakers, figures.Fitting,
                [.. figures.ByRank.Select(b => new SpeakersBlockFigures(b.Rank.ToString(), b.Speakers, b.Fitting))]);
        }

        if (e.Payload.TryUnpack(out HearingScheduled hearing) && hearing.Date is { } day)
        {
            return new HearingScheduledFact(e.EventId, e.Topic, e.AggregateKey, at, new DateOnly(day.Year, day.Month, day.Day));
        }

        if (e.Payload.TryUnpack(out ParticipantAdmitted admitted))
        {
            return new HearingAdmittedFact(e.EventId, e.Topic, e.AggregateKey, at, admitted.ParticipantId, (Domain.RegionalGroup)admitted.RegionalGroup);
        }

        if (e.Payload.TryUnpack(out RepresentativeSelected selected))
        {
            return new HearingSelectionFact(e.EventId, e.Topic, e.AggregateKey, at, selected.Group.ToString(), selected.ParticipantId);
        }

        if (e.Payload.Is(SummaryPublished.Descriptor))
        {
            return new HearingSummaryFact(e.EventId, e.Topic, e.AggregateKey, at);
        }

        if (e.Payload.TryUnpack(out ContributionRecorded contribution))
        {
            return new ContributionFact(e.EventId, e.Topic, e.AggregateKey, at, contribution.ContributionId, contribution.Paragraph,
                contribution.ContributorId, contribution.DueAt.ToDateTimeOffset(), contribution.Received);
        }

        if (e.Payload.TryUnpack(out DocumentRecorded document))
        {
            return new DocumentFact(e.EventId, e.Topic, e.AggregateKey, at, document.Symbol);
        }

        return new OtherFact(e.EventId, e.Topic, e.AggregateKey, at);
    }
}
