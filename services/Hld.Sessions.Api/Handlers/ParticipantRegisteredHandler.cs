using Hld.Contracts.Events.V1;
using Hld.Domain;
using Hld.Platform.Api;
using Hld.Platform.Events;
using Hld.Platform.State;
using Hld.Sessions.Api.Grpc;
using Hld.Sessions.Api.State;
using Hld.Sessions.Participants;

namespace Hld.Sessions.Api.Handlers;

/// <summary>Keeps the local directory of participants (category, regional group, name) that every rule draws on.</summary>
public sealed class ParticipantRegisteredHandler(SessionsState state) : IEventHandler<ParticipantRegistered>
{
    public Task HandleAsync(ParticipantRegistered @event, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var participant = @event.Participant;
        var registration = new Registration(
            @event.ParticipantId,
            (ParticipantCategory)participant.Category,
            (RegionalGroup)participant.RegionalGroup,
            ApiValues.Texts(participant.Name),
            participant.CountryCode);
        // Learning the same registration twice leaves the participant as it was, so a replay is harmless.
        return state.ChangeParticipantAsync(registration.Id, current => Task.FromResult<Change<ParticipantDirectory>?>(new(current.Learn(registration), [])), cancellationToken);
    }
}
