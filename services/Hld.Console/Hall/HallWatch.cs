using Grpc.Core;
using Hld.Console.Api;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Sessions.V1;

namespace Hld.Console.Hall;

/// <summary>
/// One reader of the sessions API for every screen in the room. The sessions service has no streaming
/// RPC, and reporting's WatchAggregates carries figures, not names, a consumer hop later; so the console
/// polls the speakers lists and the co-chairs every <see cref="Interval"/> while anyone watches, keeps
/// the last answer, and wakes the screens' event streams when it changes. Screens never call the API
/// themselves, so a hundred screens cost the API what one does (docs/decisions/100-web-console.md).
/// </summary>
public sealed class HallWatch(ConsoleApi api, HallIdentity identity, TimeProvider time, ILogger<HallWatch> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan ProgrammeEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan WatchedFor = TimeSpan.FromMinutes(2);

    private HallSnapshot _snapshot = HallSnapshot.Empty;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset _lastWatched = DateTimeOffset.MinValue;
    private DateTimeOffset _programmeReadAt = DateTimeOffset.MinValue;
    private readonly SemaphoreSlim _wake = new(0, 1);

    public HallSnapshot Snapshot
    {
        get
        {
            Watched();
            return _snapshot;
        }
    }

    /// <summary>Waits until the snapshot is newer than <paramref name="version"/>, or the timeout passes.</summary>
    public async Task<HallSnapshot> NextAsync(long version, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Watched();
        var changed = _changed.Task;
        if (_snapshot.Version > version)
        {
            return _snapshot;
        }

        await Task.WhenAny(changed, Task.Delay(timeout, time, cancellationToken));
        return _snapshot;
    }

    private void Watched()
    {
        var idle = time.GetUtcNow() - _lastWatched > WatchedFor;
        _lastWatched = time.GetUtcNow();
        if (idle && _wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another request woke it first.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (time.GetUtcNow() - _lastWatched > WatchedFor)
            {
                await _wake.WaitAsync(stoppingToken);
            }

            await ReadAsync(stoppingToken);
            await timer.WaitForNextTickAsync(stoppingToken);
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var last = _snapshot;
        try
        {
            var headers = new Metadata { { "authorization", "Bearer " + await identity.TokenAsync(cancellationToken) } };
            CallOptions Call() => new(headers, CallerCredentials.DeadlineFromNow(), cancellationToken);
            var dialogue = last.Dialogue;
            var programme = last.Programme;
            if (programme is null || time.GetUtcNow() - _programmeReadAt > ProgrammeEvery)
            {
                dialogue = (await api.Sessions.GetDialogueAsync(new GetDialogueRequest(), Call())).Dialogue;
                programme = (await api.Sessions.GetProgrammeAsync(new GetProgrammeRequest(), Call())).Programme;
                _programmeReadAt = time.GetUtcNow();
            }

            var now = (await api.Clock.GetClockAsync(new GetClockRequest(), Call())).Now.ToDateTimeOffset();
            var speakers = new Dictionary<int, IReadOnlyList<SpeakerPosition>>();
            foreach (var meeting in programme.PlenaryMeetings)
            {
                speakers[meeting.Number] = await SpeakersAsync(meeting.Number, Call);
            }

            var coChairs = (await api.Sessions.GetCoChairBalanceAsync(new GetCoChairBalanceRequest(), Call())).CoChairs.ToList();
            var changed = last.Stale || !Equals(dialogue, last.Dialogue) || !Equals(programme, last.Programme) || !coChairs.SequenceEqual(last.CoChairs)
                || speakers.Count != last.Speakers.Count || speakers.Any(s => !last.Speakers.TryGetValue(s.Key, out var before) || !s.Value.SequenceEqual(before))
                || Board(programme, speakers, now) != Board(programme, last.Speakers, last.Now);
            _snapshot = new HallSnapshot(changed ? last.Version + 1 : last.Version, dialogue, programme, speakers, coChairs, now, time.GetUtcNow(), false);
            if (changed)
            {
                Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
        catch (Exception failure) when (failure is RpcException or HttpRequestException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // The screens keep the last answer, marked stale, until the API answers again.
            logger.LogWarning(failure, "The Hall display could not read the sessions API");
            if (!last.Stale)
            {
                _snapshot = last with { Version = last.Version + 1, Stale = true };
                Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            }
        }
    }

    private Task<IReadOnlyList<SpeakerPosition>> SpeakersAsync(int meeting, Func<CallOptions> call) => Paging.AllAsync(async token =>
    {
        var page = await api.Sessions.GetSpeakersListAsync(new GetSpeakersListRequest { MeetingNumber = meeting, PageSize = 500, PageToken = token }, call());
        return (page.Positions.AsEnumerable(), page.NextPageToken);
    });

    public override void Dispose()
    {
        _wake.Dispose();
        base.Dispose();
    }

    /// <summary>Who speaks, as the clock says: a change of speaker is a change on the screens too.</summary>
    private static string Board(Programme programme, IReadOnlyDictionary<int, IReadOnlyList<SpeakerPosition>> speakers, DateTimeOffset now)
    {
        var meeting = PlenaryBoard.CurrentMeeting(programme, now);
        if (meeting is null)
        {
            return "";
        }

        var board = PlenaryBoard.For(meeting, speakers.GetValueOrDefault(meeting.Number) ?? [], programme.SpeakerTimeLimit.ToTimeSpan(), now);
        return $"{meeting.Number}:{board.Phase}:{board.Now?.ParticipantId}";
    }
}
