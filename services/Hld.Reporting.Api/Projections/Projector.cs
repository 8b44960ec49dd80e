using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
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

    // Entries read per call while replaying: small enough that no array of one read is a large object.
    private const int ReplayBatch = 1000;

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
        while (true)
        {
            // The projection this replica committed last is the one to build on without asking the
            // store again: if another replica (or a rebuild) moved it since, the commit's
            // compare-and-set fails and the stored one is read before trying again.
            var loaded = _latest ?? await LoadLatestAsync(cancellationToken);
            var current = loaded?.Value ?? StoredProjection.Empty;
            var entries = await log.ReadAfterAsync(ReportingEventStore.LogTopic, current.Position, Batch, cancellationToken);
            if (entries.Count == 0)
            {
                return 0;
            }

            var facts = entries.Select(ToFact).ToList();
            var rows = RowsApart ? await LoadRowsAsync(facts, cancellationToken) : current.Projection.Participants;
            var next = new StoredProjection(entries[^1].Position, (current.Projection with { Participants = rows }).Apply(facts));
            try
            {
                var (value, records) = Split(next, rows);
                var version = await repository.CommitAsync(Key, loaded?.Version ?? 0, value, [], cancellationToken, records);
                _latest = new Loaded<StoredProjection>(value, version);
            }
            catch (ConcurrencyConflictException)
            {
                logger.LogDebug("Another projector advanced first; reloading");
                Interlocked.CompareExchange(ref _latest, null, loaded);
                continue;
            }

            Advanced?.Invoke();
            return entries.Count;
        }
    }

    /// <summary>Builds the projection, every row in memory, from the first entry of the log up to <paramref name="until"/> (or the end).</summary>
    public async Task<(StoredProjection Projection, long Replayed)> ReplayAsync(string? until, Func<Fact, bool>? include, CancellationToken cancellationToken)
    {
        // One builder for the whole log: each fact changes the collections in place, and the
        // projection is made immutable once, at the end (a new projection per fact was the cost).
        var builder = ReportingProjection.Empty.ToBuilder();
        var position = string.Empty;
        long replayed = 0;
        await foreach (var batch in ReadFactsAsync(until, cancellationToken))
        {
            foreach (var fact in batch.Facts)
            {
                if (include is null || include(fact))
                {
                    builder.Apply(fact);
                }
            }

            position = batch.Position;
            replayed += batch.Facts.Count;
        }

        return (new StoredProjection(position, builder.ToProjection()), replayed);
    }

    /// <summary>Rebuilds from the store at the live position, swaps it in, and says whether the two were equal.</summary>
    public async Task<(long Replayed, bool MatchedLive, string Position)> RebuildAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var live = await LoadLatestAsync(cancellationToken);
            var target = live?.Value.Position ?? string.Empty;
            var (rebuilt, replayed) = target.Length == 0 ? (StoredProjection.Empty, 0L) : await ReplayAsync(target, null, cancellationToken);
            var value = WithoutRows(rebuilt);
            var rows = RowsApart ? await RowsUnlikeStoredAsync(rebuilt.Projection.Participants, cancellationToken) : [];
            var matched = live is null || (Json(value) == Json(live.Value) && rows.Count == 0);
            try
            {
                // The rows that differ from the stored ones (every row, when reporting's keys were lost)
                // go with the position in one commit, so the live projector never reads a row of the
                // rebuild's position beside a projection of its own, or the other way round. A row equal
                // to the stored one is not written again: nothing but a projector commit, which moves the
                // projection's version and so fails this commit, can change it in between.
                var version = await repository.CommitAsync(Key, live?.Version ?? 0, value, [], cancellationToken, rows);
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

    /// <summary>
    /// The log's facts a batch at a time, from the first entry up to <paramref name="until"/> (or the end).
    /// Reading and translating run up to four batches ahead on another thread, so a replay keeps the
    /// store, the parsing and the applying busy at once.
    /// </summary>
    private async IAsyncEnumerable<(string Position, IReadOnlyList<Fact> Facts)> ReadFactsAsync(string? until, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batches = Channel.CreateBounded<(string Position, IReadOnlyList<Fact> Facts)>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(async () =>
        {
            try
            {
                var after = string.Empty;
                while (true)
                {
                    var entries = await log.ReadAfterAsync(ReportingEventStore.LogTopic, after, ReplayBatch, stop.Token);

                    // Entries come in log order, so the one at `until` ends the replay.
                    var end = until is null ? -1 : IndexOf(entries, until);
                    var batch = end < 0 ? entries : entries.Take(end + 1).ToList();
                    if (batch.Count == 0)
                    {
                        break;
                    }

                    after = batch[^1].Position;
                    await batches.Writer.WriteAsync((after, [.. batch.Select(ToFact)]), stop.Token);
                    if (end >= 0)
                    {
                        break;
                    }
                }

                batches.Writer.Complete();
            }
            catch (Exception ex)
            {
                batches.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                yield return batch;
            }
        }
        finally
        {
            await stop.CancelAsync();
            await reading;
        }
    }

    private static int IndexOf(IReadOnlyList<PositionedEnvelope> entries, string position)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Position == position)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Json(StoredProjection value) => JsonSerializer.Serialize(value, AggregateRepository.Json);

    private static Fact ToFact(PositionedEnvelope entry) => FactTranslator.Translate(entry.Envelope.Payload.Unpack<EventStored>().Envelope);

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
            .Select(r => RowWrite(r.Key, r.Value))
            .ToList();
        return (WithoutRows(next), changed);
    }

    /// <summary>The projection value to store: where rows live apart, without them.</summary>
    private StoredProjection WithoutRows(StoredProjection projection) =>
        RowsApart ? projection with { Projection = projection.Projection with { Participants = ReportingProjection.Empty.Participants } } : projection;

    private static RecordWrite RowWrite(string participantId, ParticipantRow row) =>
        new(RowKey(participantId), JsonSerializer.SerializeToUtf8Bytes(row, AggregateRepository.Json));

    /// <summary>The rebuilt rows that differ from the stored ones (or are not stored), as the writes that would store them.</summary>
    private async Task<IReadOnlyList<RecordWrite>> RowsUnlikeStoredAsync(ImmutableDictionary<string, ParticipantRow> rebuilt, CancellationToken cancellationToken)
    {
        var slices = rebuilt.Chunk(RowsPerRead).ToList();
        var unlike = new List<RecordWrite>[slices.Count];

        // A few reads in flight, so the store's answers and their parsing overlap. A row is compared
        // as the bytes it would be stored as; only where those differ is the stored row read back as a
        // value, so a row written in another form of the same value does not count as different.
        await Parallel.ForEachAsync(Enumerable.Range(0, slices.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (s, ct) =>
        {
            var slice = slices[s];
            var stored = await store.GetManyAsync([.. slice.Select(r => RowKey(r.Key))], ct);
            unlike[s] = [];
            for (var i = 0; i < slice.Length; i++)
            {
                var row = RowWrite(slice[i].Key, slice[i].Value);
                if (stored[i] is not { } found || (!found.Value.Span.SequenceEqual(row.Value.Span) && JsonSerializer.Deserialize<ParticipantRow>(found.Value.Span, AggregateRepository.Json) != slice[i].Value))
                {
                    unlike[s].Add(row);
                }
            }
        });
        return [.. unlike.SelectMany(u => u)];
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
