using Hld.Contracts.Events.V1;
using Hld.Hearings.Eligibility;
using Hld.Platform.Events;
using Hld.Hearings.Api.Grpc;
using Hld.Platform.State;

namespace Hld.Hearings.Api.Handlers;

/// <summary>
/// Learns of the organisations the registry registers (the hearing's known organisations): each is
/// appended to an index of its own, so learning one writes one small entry whatever their number;
/// appending one already known changes nothing.
/// </summary>
public sealed class ParticipantRegisteredHandler(IAggregateStore store) : IEventHandler<ParticipantRegistered>
{
    public Task HandleAsync(ParticipantRegistered @event, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var participant = @event.Participant;
        return HearingEligibility.Knows(EligibilityReadModel.Organization(@event.ParticipantId, participant.Category, participant.Name, participant.CountryCode, participant.RegionalGroup))
            ? store.AppendAsync(new IndexAppend(HearingKeys.KnownOrganizations, @event.ParticipantId.ToUpperInvariant()), cancellationToken)
            : Task.CompletedTask;
    }
}

/// <summary>Learns when a PGA list is circulated or decided, with the para 12 non-objection deadline.</summary>
public sealed class ListStatusChangedHandler(AggregateRepository repository) : IEventHandler<ListStatusChanged>
{
    public Task HandleAsync(ListStatusChanged @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        EligibilityReadModel.UpdateAsync(repository, e => e.StatusChanged(
            @event.ListId,
            (Hld.Domain.ListKind)@event.Kind,
            (Hld.Domain.ListStatus)@event.Status,
            @event.ObjectionDeadline?.ToDateTimeOffset()), cancellationToken);
}

/// <summary>Learns the entries that stand on a final list: who may take part in the hearing (paras 9, 11, 12).</summary>
public sealed class ListFinalisedHandler(AggregateRepository repository) : IEventHandler<ListFinalised>
{
    public Task HandleAsync(ListFinalised @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        EligibilityReadModel.UpdateAsync(repository, e => e.Finalised(
            @event.ListId,
            (Hld.Domain.ListKind)@event.Kind,
            @event.Entries.Select(x => EligibilityReadModel.Organization(x.ParticipantId, x.Category, x.Name, x.CountryCode, x.RegionalGroup)),
            @event.DroppedParticipantIds,
            @event.FinalisedAt?.ToDateTimeOffset() ?? envelope.OccurredAt.ToDateTimeOffset()), cancellationToken);
}
