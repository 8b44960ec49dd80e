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

        return new OtherFact(e.EventId, e.Topic, e.AggregateKey, at);
    }
}
