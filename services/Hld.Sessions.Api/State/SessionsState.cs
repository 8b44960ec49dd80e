using Google.Protobuf;
using Hld.Platform.Errors;
using Hld.Platform.State;
using Hld.Sessions.Dialogues;
using Hld.Sessions.Participants;
using Hld.Sessions.Programmes;
using Hld.Sessions.Speakers;
using Microsoft.Extensions.Options;

namespace Hld.Sessions.Api.State;

/// <summary>A change to commit: the new state and the events it causes, together.</summary>
public sealed record Change<T>(T State, IReadOnlyList<IMessage> Events);

/// <summary>
/// Where the sessions service keeps its aggregates, one key each, and how it changes them. Keys start
/// with <c>sessions/</c> and carry the dialogue's id where the state belongs to one dialogue.
/// </summary>
public sealed class SessionsState(AggregateRepository repository, IOptions<SessionsOptions> options, TimeProvider clock)
{
    // A change without an etag from the partner (an inscription, an appointment) is decided again on
    // fresh state when another writer won the race; a handful of rounds is plenty at this scale.
    private const int Attempts = 5;

    public const string DirectoryKey = "sessions/participants";
    public const string FinalListsKey = "sessions/final-lists";

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
    public async Task<Loaded<Programme>> ProgrammeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await repository.LoadAsync<Programme>(ProgrammeKey, cancellationToken) is { } stored)
            {
                return stored;
            }

            var programme = options.Value.Programme.ToDomain();
            try
            {
                var version = await repository.CommitAsync(ProgrammeKey, 0, programme, [SessionsEvents.ProgrammeConfigured(this, programme, 1, fromConfiguration: true)], cancellationToken);
                return new Loaded<Programme>(programme, version);
            }
            catch (ConcurrencyConflictException)
            {
                // Another replica seeded it first: read theirs.
            }
        }
    }

    public async Task<ParticipantDirectory> DirectoryAsync(CancellationToken cancellationToken) =>
        (await repository.LoadAsync<ParticipantDirectory>(DirectoryKey, cancellationToken))?.Value ?? ParticipantDirectory.Empty;

    public async Task<FinalLists> FinalListsAsync(CancellationToken cancellationToken) =>
        (await repository.LoadAsync<FinalLists>(FinalListsKey, cancellationToken))?.Value ?? FinalLists.Empty;

    public async Task<(T Value, long Version)> LoadAsync<T>(string key, T empty, CancellationToken cancellationToken)
    {
        var loaded = await repository.LoadAsync<T>(key, cancellationToken);
        return loaded is null ? (empty, 0) : (loaded.Value, loaded.Version);
    }

    /// <summary>
    /// Read, decide, commit with the events; on a lost race, read and decide again. <paramref name="decide"/>
    /// gets the current state and version and returns the change, or null when there is nothing to do;
    /// a refusal it throws goes to the partner unchanged. Returns the committed state and version, or
    /// the current ones when nothing changed. Event handlers pass <paramref name="untilCommitted"/>:
    /// their changes are idempotent, and giving up would count a delivery failure towards dead letter.
    /// </summary>
    public async Task<(T State, long Version)> ChangeAsync<T>(string key, T empty, Func<T, long, Change<T>?> decide, CancellationToken cancellationToken, bool untilCommitted = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (current, version) = await LoadAsync(key, empty, cancellationToken);
            if (decide(current, version) is not { } change)
            {
                return (current, version);
            }

            try
            {
                return (change.State, await repository.CommitAsync(key, version, change.State, change.Events, cancellationToken));
            }
            catch (ConcurrencyConflictException) when (untilCommitted || attempt < Attempts)
            {
                // Lost the race: decide again on what the winner wrote.
            }
        }
    }

    /// <summary>The speaking order of a list, with the levels the registry last announced.</summary>
    public static SpeakersListOrder Order(PlenarySpeakersList list, ParticipantDirectory directory, Programme programme)
    {
        var meeting = programme.Meeting(list.Meeting)!;
        var levels = list.Inscriptions.ToDictionary(i => i.ParticipantId, i => directory.LevelOf(i.ParticipantId), StringComparer.OrdinalIgnoreCase);
        return PlenarySpeakersList.Order(list.Inscriptions, list.HearingSpeakers, levels, new MeetingTime(meeting.SpeakingTime, programme.SpeakerTimeLimit));
    }
}
