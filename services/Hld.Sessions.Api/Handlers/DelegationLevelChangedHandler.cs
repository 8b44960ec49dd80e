using Google.Protobuf;
using Hld.Contracts.Events.V1;
using Hld.Domain;
using Hld.Platform.Events;
using Hld.Platform.State;
using Hld.Sessions.Api.State;
using Hld.Sessions.Participants;
using Hld.Sessions.Speakers;

namespace Hld.Sessions.Api.Handlers;

/// <summary>
/// A delegation's level changed (para 5): the directory takes the new level, unless it has applied
/// the same or a later delegation version, and every list the delegation is inscribed on re-orders.
/// The order is derived from the directory at read time, so the change and the SpeakersListReordered
/// events commit together on the participant's own key.
/// </summary>
public sealed class DelegationLevelChangedHandler(SessionsState state) : IEventHandler<DelegationLevelChanged>
{
    public async Task HandleAsync(DelegationLevelChanged @event, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var change = new LevelChange(
            @event.ParticipantId,
            (ParticipantCategory)@event.Category,
            (RegionalGroup)@event.RegionalGroup,
            (LevelOfRepresentation)@event.Level,
            @event.HeadOfDelegation,
            @event.DelegationVersion);
        var programme = (await state.ProgrammeAsync(cancellationToken)).Value;
        var lists = new List<PlenarySpeakersList>();
        foreach (var meeting in programme.PlenaryMeetings.Select(m => m.Number))
        {
            var (list, version) = await state.LoadAsync(state.SpeakersListKey(meeting), PlenarySpeakersList.Open(meeting), cancellationToken);
            if (version > 0 && list.Find(change.Id) is not null)
            {
                lists.Add(list);
            }
        }

        // The other delegations inscribed on those lists, whose levels the orders before and after need.
        var others = await state.DirectoryAsync(lists.SelectMany(l => l.Inscriptions).Select(i => i.ParticipantId).Where(id => !string.Equals(id, change.Id, StringComparison.OrdinalIgnoreCase)), cancellationToken);
        await state.ChangeParticipantAsync(change.Id, current =>
        {
            if (current.Apply(change) is not { } applied)
            {
                return Task.FromResult<Change<ParticipantDirectory>?>(null);
            }

            var directory = ParticipantDirectory.Of(others.Participants.Values.Concat(current.Participants.Values));
            var next = ParticipantDirectory.Of(others.Participants.Values.Concat(applied.Participants.Values));
            var events = new List<IMessage>();
            foreach (var list in lists)
            {
                var before = SessionsState.Order(list, directory, programme);
                var after = SessionsState.Order(list, next, programme);
                events.Add(SessionsEvents.Reordered(state.Dialogue.Id, list.Meeting, before.Of(change.Id)!, after.Of(change.Id)!, change.DelegationVersion));
                events.Add(SessionsEvents.Figures(state.Dialogue.Id, list.Meeting, after.Figures));
            }

            return Task.FromResult<Change<ParticipantDirectory>?>(new(applied, events));
        }, cancellationToken);
    }
}
