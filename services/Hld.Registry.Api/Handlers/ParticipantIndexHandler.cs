using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Platform.State;
using Hld.Registry.Api.Storage;
using Model = Hld.Registry.Participants;

namespace Hld.Registry.Api.Handlers;

/// <summary>
/// The registry's own consumer of ParticipantRegistered, on stores whose commit does not include the index
/// (Dapr): lists the participant in its facets again, so a crash between the participant's commit and its
/// listing heals. Listing a participant twice changes nothing.
/// </summary>
public sealed class ParticipantIndexHandler(AggregateRepository repository, ParticipantDirectory participants) : IEventHandler<ParticipantRegistered>
{
    public async Task HandleAsync(ParticipantRegistered @event, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var stored = await repository.LoadAsync<Model.Participant>(envelope.AggregateKey, cancellationToken);
        if (stored is not null)
        {
            await participants.WriteIndexAsync(stored.Value, cancellationToken);
        }
    }
}
