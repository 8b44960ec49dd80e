using System.Collections.Immutable;
using System.Text.Json;
using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Platform.Errors;
using Hld.Platform.State;
using Hld.Reporting.Api.EventStore;
using Hld.Reporting.Projections;

namespace Hld.Reporting.Api.Projections;

/// <summary>The projection as stored: the state and the log position it includes, committed together.</summary>
public sealed record StoredProjection(string Position, ReportingProjection Projection)
{
    public static StoredProjection Empty { get; } = new(string.Empty, ReportingProjection.Empty);
}

/// <summary>
/// Follows the event store's log and applies each entry to the projection exactly once: the
/// position is part of the value it commits, so a crash or a competing replica replays nothing twice.
/// </summary>
/// <remarks>
/// On a store that commits atomically (Redis, InMemory) the participant rows live apart, one small key
/// each (<see cref="RowKey"/>), written in the same commit as the projection and its position; the
/// projection value holds only what the aggregates read (cells, lists, round tables, evidence), so a
/// query and a commit cost the same at any number of participants (docs/decisions/005). A batch loads
/// just the rows its facts touch. Where commits are not atomic (Dapr), the rows stay inside the one
/// value, as exactness after a crash needs them in the same write as the position.
/// </remarks>
public sealed class Projector(IEventLogReader log, AggregateRepository repository, IAggregateStore store, ILogger<Projector> logger)
{
    public const string Key = "reporting/projection";
    private const int Batch = 4096;

    // Rows compared per read when a rebuild checks itself against the live rows.
    private const int RowsPerRead = 5000;

    // The last projection this replica read or wrote is kept with its version; a read asks the store
    // only for the version and reuses it while no other replica has moved it.
    private volatile Loaded<StoredProjection>? _latest;

    private bool RowsApart => store.CommitsAtomically;

    /// <summary>
    /// Raised when this replica learns of a newer projection: one it committed, or one another replica
    /// committed that it read. Watchers wait on it instead of polling the store.
    /// </summary>
    public event Action? Advanced;

    public static string RowKey(string participantId) => $"reporting/participant/{participantId}";

    public async Task<StoredProjection> LoadAsync(CancellationToken cancellationToken) =>
        (await LoadLatestAsync(cancellationToken))?.Value ?? StoredProjection.Empty;

    /// <summary>One participant's row, wherever this store keeps it; null when reporting has not seen it.</summary>
    public async Task<ParticipantRow?> LoadRowAsync(string participantId, CancellationToken cancellationToken)
    {
        if (!RowsApart)
        {
            return (await LoadAsync(cancellationToken)).Projection.Participants.GetValueOrDefault(participantId);
        }

        return (await repository.LoadAsync<ParticipantRow>(RowKey(participantId), cancellationToken))?.Value;
    }

    private async Task<Loaded<StoredProjection>?> LoadLatestAsync(CancellationToken cancellationToken)
    {
        var latest = _latest;
        if (latest is not null && await repository.VersionAsync(Key, cancellationToken) == latest.Version)
        {
            return latest;
        }

        var loaded = await repository.LoadAsync<StoredProjection>(Key, cancellationToken);
        _latest = loaded;
        if (latest is not null && loaded is not null && loaded.Version != latest.Version)
        {
            Advanced?.Invoke();
        }

        return loaded;
    }

    /// <summary>Applies what the log holds beyond the stored position; returns how many entries it applied.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var loaded = await LoadLatestAsync(cancellationToken);
        var current = loaded?.Value ?? StoredProjection.Empty;
        var entries = await log.ReadAfterAsync(ReportingEventStore.LogTopic, current.Position, Batch, cancellationToken);
        if (entries.Count == 0)
        {
            return 0;
        }

        var facts = entries.Select(ToFact).ToList();
        var rows = RowsApart ? await LoadRowsAsync(facts, cancellationToken) : current.Projection.Participants;
        var next = Apply(current with { Projection = current.Projection with { Participants = rows } }, entries[^1].Position, facts);
        try
        {
            var (value, records) = Split(next, rows);
            var version = await repository.CommitAsync(Key, loaded?.Version ?? 0, value, [], cancellationToken, records);
            _latest = new Loaded<StoredProjection>(value, version);
        }
        catch (ConcurrencyConflictException)
        {
            logger.LogDebug("Another projector advanced first; reloading");
            return 0;
        }

        Advanced?.Invoke();
        return entries.Count;
    }

    /// <summary>Builds the projection, every row in memory, from the first entry of the log up to <paramref name="until"/> (or the end).</summary>
    public async Task<(StoredProjection Projection, long Replayed)> ReplayAsync(string? until, Func<Fact, bool>? include, CancellationToken cancellationToken)
    {
        var rebuilt = StoredProjection.Empty;
        long replayed = 0;
        var reading = log.ReadAfterAsync(ReportingEventStore.LogTopic, string.Empty, Batch, cancellationToken);
        while (true)
        {
            var entries = await reading;
            if (entries.Count == 0)
            {
                return (rebuilt, replayed);
            }

            // Entries come in log order, so the one at `until` ends the replay.
            var end = -1;
            if (until is not null)
            {
                for (var i = 0; i < entries.Count && end < 0; i++)
                {
                    end = entries[i].Position == until ? i : -1;
                }
            }

            // The next batch is read while this one is applied: the store and the CPU work at once.
            reading = end >= 0
                ? Task.FromResult<IReadOnlyList<PositionedEnvelope>>([])
                : log.ReadAfterAsync(ReportingEventStore.LogTopic, entries[^1].Position, Batch, cancellationToken);
            var batch = end < 0 ? entries : [.. entries.Take(end + 1)];
            var facts = batch.Select(ToFact).Where(f => include is null || include(f));
            rebuilt = Apply(rebuilt, batch[^1].Position, facts);
            replayed += batch.Count;
            if (end >= 0)
            {
                return (rebuilt, replayed);
            }
        }
    }

    /// <summary>Rebuilds from the store at the live position, swaps it in, and says whether the two were equal.</summary>
    public async Task<(long Replayed, bool MatchedLive, string Position)> RebuildAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var live = await LoadLatestAsync(cancellationToken);
            var target = live?.Value.Position ?? string.Empty;
            var (rebuilt, replayed) = target.Length == 0 ? (StoredProjection.Empty, 0L) : await ReplayAsync(target, null, cancellationToken);
            var (value, records) = Split(rebuilt, ReportingProjection.Empty.Participants);
            var matched = live is null || (Json(value) == Json(live.Value) && await RowsMatchAsync(rebuilt.Projection.Participants, cancellationToken));
            try
            {
                // Every row with the position in one commit, so the live projector never reads a row
                // of the rebuild's position beside a projection of its own, or the other way round.
                var version = await repository.CommitAsync(Key, live?.Version ?? 0, value, [], cancellationToken, records);
                _latest = new Loaded<StoredProjection>(value, version);
                Advanced?.Invoke();
                return (replayed, matched, rebuilt.Position);
            }
            catch (ConcurrencyConflictException)
            {
                // The live projector moved on meanwhile: rebuild to its new position.
            }
        }
    }

    private static string Json(StoredProjection value) => JsonSerializer.Serialize(value, AggregateRepository.Json);

    private static Fact ToFact(PositionedEnvelope entry) => FactTranslator.Translate(entry.Envelope.Payload.Unpack<EventStored>().Envelope);

    private static StoredProjection Apply(StoredProjection from, string position, IEnumerable<Fact> facts)
    {
        var projection = from.Projection;
        foreach (var fact in facts)
        {
            projection = projection.Apply(fact);
        }

        return new StoredProjection(position, projection);
    }

    private async Task<ImmutableDictionary<string, ParticipantRow>> LoadRowsAsync(IEnumerable<Fact> facts, CancellationToken cancellationToken)
    {
        var ids = facts.Select(ReportingProjection.RowOf).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var stored = await repository.LoadManyAsync<ParticipantRow>([.. ids.Select(RowKey)], cancellationToken);
        var rows = ImmutableDictionary.CreateBuilder<string, ParticipantRow>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            if (stored[i] is { } row)
            {
                rows[ids[i]] = row.Value;
            }
        }

        return rows.ToImmutable();
    }

    /// <summary>The value to store and the rows to write with it: where rows live apart, those that changed from <paramref name="before"/>.</summary>
    private (StoredProjection Value, IReadOnlyList<RecordWrite> Rows) Split(StoredProjection next, ImmutableDictionary<string, ParticipantRow> before)
    {
        if (!RowsApart)
        {
            return (next, []);
        }

        var changed = next.Projection.Participants
            .Where(r => !before.TryGetValue(r.Key, out var old) || old != r.Value)
            .Select(r => new RecordWrite(RowKey(r.Key), JsonSerializer.SerializeToUtf8Bytes(r.Value, AggregateRepository.Json)))
            .ToList();
        return (next with { Projection = next.Projection with { Participants = ReportingProjection.Empty.Participants } }, changed);
    }

    private async Task<bool> RowsMatchAsync(ImmutableDictionary<string, ParticipantRow> rebuilt, CancellationToken cancellationToken)
    {
        if (!RowsApart)
        {
            return true; // the rows are part of the value already compared
        }

        foreach (var slice in rebuilt.Chunk(RowsPerRead))
        {
            var stored = await repository.LoadManyAsync<ParticipantRow>([.. slice.Select(r => RowKey(r.Key))], cancellationToken);
            if (slice.Where((row, i) => stored[i]?.Value != row.Value).Any())
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Runs the projector: wakes when the log grows, polls as a safety net.</summary>
public sealed class ProjectorService(Projector projector, IEventStreamLog log, ILogger<ProjectorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var wake = new SemaphoreSlim(0);
        void OnAppended(string topic)
        {
            if (topic == ReportingEventStore.LogTopic && wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }

        log.Appended += OnAppended;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await projector.CatchUpAsync(stoppingToken) > 0)
                    {
                        continue;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Projector could not catch up; retrying");
                }

                await wake.WaitAsync(TimeSpan.FromMilliseconds(250), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            log.Appended -= OnAppended;
        }
    }
}
