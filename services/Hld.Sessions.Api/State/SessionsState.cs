using Google.Protobuf;
using Hld.Platform.Errors;
using Hld.Platform.State;
using Hld.Sessions.Dialogues;
using Hld.Sessions.Participants;
using Hld.Sessions.Programmes;
using Hld.Sessions.Speakers;
using Microsoft.Extensions.Options;

namespace Hld.Sessions.Api.State;

/// <summary>
/// Where the sessions service keeps its aggregates, one key each, and how it changes them. Keys start
/// with <c>sessions/</c> and carry the dialogue's id where the state belongs to one dialogue.
/// </summary>
public sealed class SessionsState(AggregateRepository repository, IAggregateStore store, IOptions<SessionsOptions> options, TimeProvider clock)
{
    /// <summary>The index of every participant the registry announced (for their count).</summary>
    public const string ParticipantsIndex = "sessions/participants";
    public const string FinalListsKey = "sessions/final-lists";

    /// <summary>One participant of the local directory: a key each, so learning one writes one small value.</summary>
    public static string ParticipantKey(string participantId) => $"sessions/participant/{ParticipantDirectory.Normalise(participantId)}";

    public Dialogue Dialogue { get; } = options.Value.Dialogue.ToDomain();

    public DialogueMandate Mandate { get; } = options.Value.Mandate.ToDomain();

    public string ProgrammeKey => $"sessions/{Dialogue.Id}/programme";

    public string ChairsKey => $"sessions/{Dialogue.Id}/round-table-chairs";

    public string ParticipationKey => $"sessions/{Dialogue.Id}/round-table-participation";

    public string PanelKey => $"sessions/{Dialogue.Id}/panel-discussion";

    public string NoteKey => $"sessions/{Dialogue.Id}/organisation-of-work-note";

    public string SpeakersListKey(int meeting) => $"sessions/{Dialogue.Id}/speakers-list/{meeting}";

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>
    /// The stored programme. The configured default takes effect on first use, as a commit of its own
    /// with its ProgrammeConfigured event, so reports see where the programme came from.
    /// </summary>
    public async Task<Loaded<Programme>> ProgrammeAsync(CancellationToken cancellationToken) =>
        (await repository.ChangeAsync<Programme>(ProgrammeKey, stored =>
        {
            if (stored is not null)
            {
                return null;
            }

            // Another replica may seed it first: the lost race reads theirs.
            var programme = options.Value.Programme.ToDomain();
            return new Change<Programme>(programme, [SessionsEvents.ProgrammeConfigured(this, programme, 1, fromConfiguration: true)]);
        }, AggregateRepository.UntilCommitted, cancellationToken))!;

    /// <summary>The participants named, in one read; those the registry never announced are absent.</summary>
    public async Task<ParticipantDirectory> DirectoryAsync(IEnumerable<string> participantIds, CancellationToken cancellationToken)
    {
        var ids = participantIds.Select(ParticipantDirectory.Normalise).Distinct(StringComparer.Ordinal).ToList();
        var rows = await repository.LoadManyAsync<KnownParticipant>([.. ids.Select(ParticipantKey)], cancellationToken);
        return ParticipantDirectory.Of(rows.OfType<Loaded<KnownParticipant>>().Select(r => r.Value));
    }

    /// <summary>The participants a speakers list's order needs: its inscribed delegations, and any others named.</summary>
    public Task<ParticipantDirectory> DirectoryAsync(PlenarySpeakersList list, IEnumerable<string> others, CancellationToken cancellationToken) =>
        DirectoryAsync(list.Inscriptions.Select(i => i.ParticipantId).Concat(others), cancellationToken);

    /// <summary>How many participants the registry has announced to this service.</summary>
    public Task<long> KnownParticipantsAsync(CancellationToken cancellationToken) => store.IndexLengthAsync(ParticipantsIndex, cancellationToken);

    /// <summary>
    /// Changes one participant's row: <paramref name="change"/> gets the directory of that participant
    /// alone (empty when unknown) and returns the next one with the events to commit with it, or null
    /// when nothing changes. A new participant is appended to the index in the same commit.
    /// </summary>
    public Task ChangeParticipantAsync(string participantId, Func<ParticipantDirectory, Task<Change<ParticipantDirectory>?>> change, CancellationToken cancellationToken) =>
        repository.ChangeAsync<KnownParticipant>(ParticipantKey(participantId), async row =>
        {
            var current = row is null ? ParticipantDirectory.Empty : ParticipantDirectory.Of([row.Value]);
            if (await change(current) is not { } next || next.State.Find(participantId) is not { } known)
            {
                return null;
            }

            return new Change<KnownParticipant>(known, next.Events)
            {
                Appends = row is null ? [new IndexAppend(ParticipantsIndex, ParticipantDirectory.Normalise(participantId))] : null,
            };
        }, AggregateRepository.UntilCommitted, cancellationToken);

    public async Task<FinalLists> FinalListsAsync(CancellationToken cancellationToken) =>
        (await repository.LoadAsync<FinalLists>(FinalListsKey, cancellationToken))?.Value ?? FinalLists.Empty;

    public async Task<(T Value, long Version)> LoadAsync<T>(string key, T empty, CancellationToken cancellationToken)
    {
        var loaded = await repository.LoadAsync<T>(key, cancellationToken);
        return loaded is null ? (empty, 0) : (loaded.Value, loaded.Version);
    }

    /// <summary>
    /// Read, decide, commit with the events, through <see cref="AggregateRepository.ChangeAsync{T}(string, Func{Loaded{T}?, ValueTask{Change{T}?}}, int, CancellationToken)"/>:
    /// <paramref name="decide"/> gets the current state (<paramref name="empty"/> when never written) and
    /// version and returns the change, or null when there is nothing to do. Returns the committed state
    /// and version, or the current ones when nothing changed. Event handlers pass
    /// <paramref name="untilCommitted"/>; a request without an etag is decided again a few times.
    /// </summary>
    public Task<(T State, long Version)> ChangeAsync<T>(string key, T empty, Func<T, long, Change<T>?> decide, CancellationToken cancellationToken, bool untilCommitted = false) =>
        ChangeAsync(key, empty, (current, version) => Task.FromResult(decide(current, version)), cancellationToken, untilCommitted);

    /// <summary>As the other overload, for a decision that reads more state first (the directory of a list's delegations).</summary>
    public async Task<(T State, long Version)> ChangeAsync<T>(string key, T empty, Func<T, long, Task<Change<T>?>> decide, CancellationToken cancellationToken, bool untilCommitted = false)
    {
        var stored = await repository.ChangeAsync<T>(key, async current => await decide(current is null ? empty : current.Value, current?.Version ?? 0),
            untilCommitted ? AggregateRepository.UntilCommitted : AggregateRepository.RequestAttempts, cancellationToken);
        return stored is null ? (empty, 0) : (stored.Value, stored.Version);
    }

    /// <summary>The speaking order of a list, with the levels the registry last announced.</summary>
    public static SpeakersListOrder Order(PlenarySpeakersList list, ParticipantDirectory directory, Programme programme)
    {
        var meeting = programme.Meeting(list.Meeting)!;
        var levels = list.Inscriptions.ToDictionary(i => i.ParticipantId, i => directory.LevelOf(i.ParticipantId), StringComparer.OrdinalIgnoreCase);
        return PlenarySpeakersList.Order(list.Inscriptions, list.HearingSpeakers, levels, new MeetingTime(meeting.SpeakingTime, programme.SpeakerTimeLimit));
    }
}
