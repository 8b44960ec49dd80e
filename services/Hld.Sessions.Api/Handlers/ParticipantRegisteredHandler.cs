using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Platform.State;
using Hld.Sessions.Dialogues;

namespace Hld.Sessions.Api.Handlers;

/// <summary>Keeps the local read model of participants that the speakers list draws on.</summary>
public sealed class ParticipantRegisteredHandler(AggregateRepository repository) : IEventHandler<ParticipantRegistered>
{
    public const string Key = "sessions/known-participants";

    public Task HandleAsync(ParticipantRegistered @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        repository.UpdateAsync<KnownParticipants>(Key, current => (current ?? new KnownParticipants(0)).Add(), cancellationToken);
}
