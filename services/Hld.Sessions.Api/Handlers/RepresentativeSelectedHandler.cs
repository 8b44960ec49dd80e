using Hld.Contracts.Events.V1;
using Hld.Domain;
using Hld.Platform.Api;
using Hld.Platform.Events;
using Hld.Platform.State;
using Hld.Sessions.Api.Grpc;
using Hld.Sessions.Api.State;
using Hld.Sessions.Speakers;
using Microsoft.Extensions.Logging;

namespace Hld.Sessions.Api.Handlers;

/// <summary>
/// The hearing selected a representative (para 13): the speaker closes the list of the plenary meeting
/// the mandate names, as time permits, at most one per group.
/// </summary>
public sealed class RepresentativeSelectedHandler(SessionsState state, ILogger<RepresentativeSelectedHandler> logger) : IEventHandler<RepresentativeSelected>
{
    public async Task HandleAsync(RepresentativeSelected @event, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (@event.DialogueId.Length > 0 && @event.DialogueId != state.Dialogue.Id)
        {
            logger.LogWarning("Representative selected for dialogue {DialogueId}, not {Configured}; ignored", @event.DialogueId, state.Dialogue.Id);
            return;
        }

        var speaker = new HearingSpeaker(
            (HearingGroup)@event.Group,
            @event.ParticipantId,
            @event.RepresentativeName,
            ApiValues.Texts(@event.OrganizationName),
            (RegionalGroup)@event.RegionalGroup,
            (@event.SelectedAt ?? envelope.OccurredAt).ToDateTimeOffset());
        var meeting = state.Mandate.HearingSpeakersMeeting;
        if (meeting == 0)
        {
            return; // this meeting's resolution puts no hearing representative on a plenary list
        }

        var programme = (await state.ProgrammeAsync(cancellationToken)).Value;
        var at = envelope.OccurredAt?.ToDateTimeOffset() ?? state.Now;
        await state.ChangeAsync(state.SpeakersListKey(meeting), PlenarySpeakersList.Open(meeting), async (list, _) =>
        {
            var seating = list.Seat(speaker);
            if (!seating.Changed)
            {
                return null;
            }

            var directory = await state.DirectoryAsync(list, [], cancellationToken);
            var before = SessionsState.Order(list, directory, programme);
            var after = SessionsState.Order(seating.List, directory, programme);
            var joined = SessionsEvents.Inscribed(state.Dialogue.Id, meeting, after.Positions.Single(p => p.Rank == SpeakerRank.HearingRepresentative && p.HearingGroup == speaker.Group));
            var events = seating.Replaced is { } replaced
                ? SessionsEvents.WithFigures(state.Dialogue.Id, meeting, after,
                    SessionsEvents.Withdrawn(state.Dialogue.Id, meeting, before.Positions.Single(p => p.Rank == SpeakerRank.HearingRepresentative && p.HearingGroup == replaced.Group), at), joined)
                : SessionsEvents.WithFigures(state.Dialogue.Id, meeting, after, joined);
            return new Change<PlenarySpeakersList>(seating.List, [.. events]);
        }, cancellationToken, untilCommitted: true);
    }
}
