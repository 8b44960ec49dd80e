using Hld.Contracts.Events.V1;
using Hld.Hearings.Hearings;
using Hld.Platform.Events;
using Hld.Platform.State;

namespace Hld.Hearings.Api.Handlers;

/// <summary>Keeps the hearing's local read model of organisations, so it answers while the registry is down.</summary>
public sealed class ParticipantRegisteredHandler(AggregateRepository repository) : IEventHandler<ParticipantRegistered>
{
    public const string Key = "hearings/known-organizations";

    public Task HandleAsync(ParticipantRegistered @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        repository.UpdateAsync<KnownOrganizations>(Key, current => (current ?? new KnownOrganizations(0)).Learn((Hld.Domain.ParticipantCategory)@event.Category), cancellationToken);
}
