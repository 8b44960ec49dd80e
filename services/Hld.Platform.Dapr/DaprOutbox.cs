using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Hld.Platform.Dapr;

/// <summary>
/// The outbox of the Dapr adapter, made of single-key writes only (a Dapr transaction on Redis is
/// not all-or-nothing). A commit saves its events inside the aggregate's own value; before that save
/// it marks the key in the pending set, so that after a crash the relay finds the aggregate again.
/// The relay publishes the pending events of the aggregates it is given (in bulk, decision 008), clears them with a compare-and-set that leaves
/// the logical version alone, and then drops the mark. A crash between publish and clear publishes
/// again: consumers drop duplicates by event id. Events of a log topic are not published: the relay
/// appends them to the topic's <see cref="DaprEventLog"/> instead, and a commit that carries some
/// relays at once, before it returns, so that its entries are readable when the commit is (003).
/// </summary>
/// <remarks>
/// The pending set is split into <see cref="Shards"/> keys by a stable hash of the aggregate key,
/// so concurrent commits of different aggregates rarely contend on one compare-and-set; a sweep
/// reads every shard. The shard count is fixed in code, because a smaller count would orphan marks.
/// A mark carries the version being committed: the relay drops it only once it has seen that
/// version (or a later one) with nothing pending, so it never drops the mark of a commit in flight.
/// </remarks>
public sealed class DaprOutbox(DaprSidecar sidecar, DaprEventLog log, DaprPublisher publisher, TimeProvider clock, ILogger<DaprOutbox> logger)
{
    public const int Shards = 8;

    // Rounds of a compare-and-set loop before giving up; each lost round means another writer won.
    internal const int MaxRounds = 32;

    // A mark whose commit never landed (it lost its race, or its writer died before saving) goes
    // after this long: far beyond any sidecar call's deadline, so no save of it can still arrive.
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(5);

    private readonly Channel<string> _signals = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, byte> _queued = new(StringComparer.Ordinal);

    internal DaprSidecar Sidecar => sidecar;

    internal DaprEventLog Log => log;

    public static string ShardKey(int shard) => $"platform/outbox-pending/{shard}";

    public static int ShardOf(string key)
    {
        // FNV-1a: stable across processes and restarts, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Shards);
    }

    /// <summary>Asks the relay to publish <paramref name="key"/>'s pending events soon; repeated asks coalesce.</summary>
    public void Signal(string key)
    {
        if (_queued.TryAdd(key, 0))
        {
            _signals.Writer.TryWrite(key);
        }
    }

    /// <summary>Keys waiting for the relay, in batches of what has been signalled by the time one is taken (at most <paramref name="maxBatch"/>).</summary>
    internal async IAsyncEnumerable<IReadOnlyList<string>> SignalBatchesAsync(int maxBatch, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await _signals.Reader.WaitToReadAsync(cancellationToken))
        {
            var batch = new List<string>();
            while (batch.Count < maxBatch && _signals.Reader.TryRead(out var key))
            {
                // Taken off before relaying, so a commit during the relay asks again.
                _queued.TryRemove(key, out _);
                batch.Add(key);
            }

            if (batch.Count > 0)
            {
                yield return batch;
            }
        }
    }

    /// <summary>Records on each new event of a log topic the log chunk its append starts from, before the commit saves it.</summary>
    internal async Task<IReadOnlyList<PendingEvent>> PlaceAsync(IReadOnlyList<PendingEvent> events, CancellationToken cancellationToken)
    {
        var placed = new List<PendingEvent>(events.Count);
        foreach (var pending in events)
        {
            placed.Add(pending.LogChunk is null && log.IsLogTopic(pending.Topic)
                ? pending with { LogChunk = await log.PlacementAsync(pending.Topic, cancellationToken) }
                : pending);
        }

        return placed;
    }

    /// <summary>Relays <paramref name="key"/> in the committing call; when that fails, the relay service does it later.</summary>
    internal async Task RelayNowAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await RelayAsync(key, cancellationToken);
        }
        catch (Exception ex)
        {
            // The commit has landed and its key is marked: it stands, and its events go out later.
            logger.LogWarning(ex, "Relaying the events of {Key} at commit failed; the relay service tries again", key);
            Signal(key);
        }
    }

    /// <summary>Signals every key of the pending set: at start-up and periodically, to finish what a crash left.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        for (var shard = 0; shard < Shards; shard++)
        {
            var (marks, _) = await sidecar.ReadAsync<OutboxMarks>(ShardKey(shard), cancellationToken);
            foreach (var key in marks?.Entries.Keys ?? [])
            {
                Signal(key);
            }
        }
    }

    /// <summary>Records, before the save, that <paramref name="key"/> is about to carry pending events at <paramref name="version"/>.</summary>
    internal async Task MarkAsync(string key, long version, CancellationToken cancellationToken)
    {
        var shardKey = ShardKey(ShardOf(key));
        for (var round = 0; round < MaxRounds; round++)
        {
            var now = clock.GetUtcNow();
            var (marks, etag) = await sidecar.ReadAsync<OutboxMarks>(shardKey, cancellationToken);
            var entries = marks?.Entries ?? new Dictionary<string, OutboxMark>(StringComparer.Ordinal);

            // Covered already, and recently enough that the relay cannot take it for abandoned
            // before this commit's save lands.
            if (entries.TryGetValue(key, out var mark) && mark.Version >= version && now - mark.MarkedAt < AbandonedAfter / 2)
            {
                return;
            }

            var next = new Dictionary<string, OutboxMark>(entries, StringComparer.Ordinal) { [key] = new OutboxMark(version, now) };
            if (await sidecar.TrySaveAsync(shardKey, new OutboxMarks(next), etag, cancellationToken))
            {
                return;
            }
        }

        throw new InvalidOperationException($"The pending set shard {shardKey} stayed contended for {MaxRounds} rounds; the commit was not attempted.");
    }

    /// <summary>
    /// Appends <paramref name="key"/>'s pending events of log topics to their logs, publishes the
    /// others, clears them all without moving its version, then drops its mark.
    /// </summary>
    public Task RelayAsync(string key, CancellationToken cancellationToken) => RelayAsync([key], cancellationToken);

    /// <summary>
    /// Relays several keys at once: the pending events of log topics are appended key by key, the
    /// others of every key go out together through <see cref="DaprPublisher"/> (in bulk, each
    /// aggregate's events in order), and each key whose events are all out is cleared with its own
    /// compare-and-set and unmarked. A key with an event the sidecar would not take keeps its
    /// events and its mark; the next sweep relays it again.
    /// </summary>
    public async Task RelayAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        // Ids of events appended or published during this relay: a key read again after losing its
        // clear sends only what is new.
        var done = new HashSet<string>(StringComparer.Ordinal);
        List<string> remaining = [.. keys.Distinct(StringComparer.Ordinal)];
        for (var round = 0; round < MaxRounds && remaining.Count > 0; round++)
        {
            var reads = await Task.WhenAll(remaining.Select(async key => (Key: key, Read: await sidecar.ReadAsync<StoredAggregate>(key, cancellationToken))));
            var ready = new List<(string Key, StoredAggregate Current, string Etag)>();
            var again = new List<string>();
            var steps = new List<Task>();
            foreach (var (key, (current, etag)) in reads)
            {
                if (current is null || current.Events.Count == 0)
                {
                    steps.Add(UnmarkAsync(key, current?.Version ?? 0, cancellationToken));
                }
                else if (current.Events.Any(e => e.LogChunk is null && log.IsLogTopic(e.Topic)))
                {
                    // Saved without a log chunk (its topic became a log topic since): none of these events is
                    // in a log yet, because only placed events are appended. Place them first, then read again.
                    steps.Add(PlaceSavedAsync(key, current, etag, cancellationToken));
                    again.Add(key);
                }
                else
                {
                    ready.Add((key, current, etag));
                }
            }

            await Task.WhenAll(steps);
            var appended = await Task.WhenAll(ready.Select(r => AppendLoggedAsync(r.Current, done, cancellationToken)));
            done.UnionWith(appended.SelectMany(ids => ids));

            var toPublish = ready
                .Select(r => (IReadOnlyList<PendingEvent>)[.. r.Current.Events.Where(e => !done.Contains(e.EventId))])
                .Where(sequence => sequence.Count > 0)
                .ToList();
            done.UnionWith(await publisher.PublishAsync(toPublish, cancellationToken));

            var cleared = await Task.WhenAll(ready
                .Where(r => r.Current.Events.All(e => done.Contains(e.EventId)))
                .Select(async r => (r.Key, Cleared: await ClearAsync(r.Key, r.Current, r.Etag, cancellationToken))));

            // A commit landed (perhaps with more events) or another relay cleared first: read again.
            // What was appended or published stays so; only the new events go out.
            again.AddRange(cleared.Where(c => !c.Cleared).Select(c => c.Key));
            remaining = again;
        }
    }

    private async Task PlaceSavedAsync(string key, StoredAggregate current, string etag, CancellationToken cancellationToken) =>
        await sidecar.TrySaveAsync(key, current with { Pending = await PlaceAsync(current.Events, cancellationToken) }, etag, cancellationToken);

    // Appends the key's events of log topics that are not out yet, topic by topic; returns their ids.
    private async Task<IReadOnlyList<string>> AppendLoggedAsync(StoredAggregate current, HashSet<string> done, CancellationToken cancellationToken)
    {
        var appended = new List<string>();
        foreach (var topic in current.Events.Where(e => log.IsLogTopic(e.Topic) && !done.Contains(e.EventId)).GroupBy(e => e.Topic, StringComparer.Ordinal))
        {
            var events = topic.ToList();
            await log.AppendAsync(topic.Key, events, events.Min(e => e.LogChunk!.Value), cancellationToken);
            appended.AddRange(events.Select(e => e.EventId));
        }

        return appended;
    }

    private async Task<bool> ClearAsync(string key, StoredAggregate current, string etag, CancellationToken cancellationToken)
    {
        if (!await sidecar.TrySaveAsync(key, current with { Pending = [] }, etag, cancellationToken))
        {
            return false;
        }

        await UnmarkAsync(key, current.Version, cancellationToken);
        return true;
    }

    private async Task UnmarkAsync(string key, long cleanVersion, CancellationToken cancellationToken)
    {
        var shardKey = ShardKey(ShardOf(key));
        for (var round = 0; round < MaxRounds; round++)
        {
            var (marks, etag) = await sidecar.ReadAsync<OutboxMarks>(shardKey, cancellationToken);
            if (marks is null || !marks.Entries.TryGetValue(key, out var mark))
            {
                return;
            }

            // A later version is being committed: its own relay drops the mark once it is published.
            if (mark.Version > cleanVersion && clock.GetUtcNow() - mark.MarkedAt < AbandonedAfter)
            {
                return;
            }

            var rest = marks.Entries.Where(e => e.Key != key).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
            if (await sidecar.TrySaveAsync(shardKey, new OutboxMarks(rest), etag, cancellationToken))
            {
                return;
            }
        }
    }
}
