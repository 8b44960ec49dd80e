using System.Collections.Concurrent;
using System.Globalization;
using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Dapr;

/// <summary>
/// The positional log of the Dapr adapter (decision 003). Pub/sub cannot be read by position, so the
/// events of a log topic (<see cref="DaprOptions.LogTopics"/>) are appended by the outbox relay to a
/// log kept in the state store, with single-key compare-and-set writes only:
/// <list type="bullet">
/// <item><c>platform/log/{topic}/{n}</c>: chunk n, its entries in log order. The write that fills a
/// chunk seals it; a sealed chunk never changes, and the log goes on in chunk n + 1.</item>
/// <item><c>platform/log/{topic}/head</c>: the chunk writers start from; a hint that may lag.</item>
/// </list>
/// A position is <c>{chunk:D12}:{index:D4}</c>, so positions compare ordinally in log order and an
/// entry keeps its position forever. An append looks for each event from the chunk its commit
/// recorded, and since the event is in no earlier chunk, a retried append finds it and adds nothing.
/// </summary>
/// <remarks>
/// Under Dapr the sidecar delivers events (<see cref="DaprEventBus"/>); this class is an
/// <see cref="IEventStreamLog"/> only so that in-process readers can wait on
/// <see cref="Appended"/>. Its consumer-group methods are not supported.
/// </remarks>
public sealed class DaprEventLog : IEventLogReader, IEventStreamLog
{
    /// <summary>A chunk is also sealed once its envelopes reach this many bytes, so a value stays a few hundred KB at most.</summary>
    internal const int ChunkBytes = 256 * 1024;

    internal const int MaxChunkEntries = 4096;

    private readonly DaprSidecar _sidecar;
    private readonly IReadOnlySet<string> _topics;
    private readonly int _chunkEntries;
    private readonly ILogger<DaprEventLog> _logger;

    // Per topic: the lowest chunk this process knows may still be open. It only moves forward.
    private readonly ConcurrentDictionary<string, long> _open = new(StringComparer.Ordinal);

    // Appenders of one process take turns per topic, so compare-and-set contention on the open chunk
    // comes only from other processes.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _appenders = new(StringComparer.Ordinal);

    public DaprEventLog(DaprSidecar sidecar, IOptions<DaprOptions> options, IEnumerable<PositionalLogTopic> positionalLogs, ILogger<DaprEventLog> logger)
    {
        _sidecar = sidecar;
        _topics = options.Value.LogTopicsWith(positionalLogs);
        _chunkEntries = options.Value.LogChunkEntries;
        _logger = logger;
        if (_chunkEntries is < 1 or > MaxChunkEntries)
        {
            throw new InvalidOperationException($"Hld:Dapr:LogChunkEntries must be between 1 and {MaxChunkEntries}; it is {_chunkEntries}.");
        }
    }

    /// <summary>Raised in this process after it appended entries to a topic's log; readers elsewhere poll.</summary>
    public event Action<string>? Appended;

    public static string HeadKey(string topic) => $"platform/log/{topic}/head";

    public static string ChunkKey(string topic, long chunk) => string.Create(CultureInfo.InvariantCulture, $"platform/log/{topic}/{chunk}");

    /// <summary>The position of entry <paramref name="index"/> of chunk <paramref name="chunk"/>; ordinal order is log order.</summary>
    public static string PositionOf(long chunk, int index) => string.Create(CultureInfo.InvariantCulture, $"{chunk:D12}:{index:D4}");

    public bool IsLogTopic(string topic) => _topics.Contains(topic);

    public async Task<IReadOnlyList<PositionedEnvelope>> ReadAfterAsync(string topic, string after, int count, CancellationToken cancellationToken)
    {
        RequireLogTopic(topic);
        var (chunk, index) = Parse(after);
        var read = new List<PositionedEnvelope>();
        while (read.Count < count)
        {
            var (stored, _) = await _sidecar.ReadAsync<StoredLogChunk>(ChunkKey(topic, chunk), cancellationToken);
            if (stored is null)
            {
                break;
            }

            var entries = stored.Items;
            for (var i = index + 1; i < entries.Count && read.Count < count; i++)
            {
                read.Add(new PositionedEnvelope(PositionOf(chunk, i), EventEnvelope.Parser.ParseFrom(entries[i].Envelope)));
            }

            // An open chunk is the end of the log for now; only a sealed one is followed by another.
            if (!stored.Sealed)
            {
                break;
            }

            chunk++;
            index = -1;
        }

        return read;
    }

    /// <summary>
    /// The chunk a commit records for a new event of <paramref name="topic"/>: one no later than the
    /// chunk the event will land in. Known in this process after the first call, else the head.
    /// </summary>
    internal async Task<long> PlacementAsync(string topic, CancellationToken cancellationToken)
    {
        if (_open.TryGetValue(topic, out var known))
        {
            return known;
        }

        var (head, _) = await _sidecar.ReadAsync<StoredLogHead>(HeadKey(topic), cancellationToken);
        return Remember(topic, head?.Chunk ?? 0);
    }

    /// <summary>
    /// Appends, in order, those of <paramref name="events"/> the log does not hold yet, looking from
    /// <paramref name="fromChunk"/> on, where each event's commit placed it or earlier. Returns how many
    /// it appended. A sealed chunk never changes, so an event not in it is not added to it later; an
    /// open chunk is checked again inside the compare-and-set loop. Either way no event lands twice.
    /// </summary>
    internal async Task<int> AppendAsync(string topic, IReadOnlyList<PendingEvent> events, long fromChunk, CancellationToken cancellationToken)
    {
        RequireLogTopic(topic);
        var gate = _appenders.GetOrAdd(topic, _ => new SemaphoreSlim(1, 1));
        var appended = 0;
        await gate.WaitAsync(cancellationToken);
        try
        {
            var remaining = events.ToList();
            var chunk = fromChunk;
            var lost = 0;
            var steppedBack = false;
            while (remaining.Count > 0)
            {
                var key = ChunkKey(topic, chunk);
                var (stored, etag) = await _sidecar.ReadAsync<StoredLogChunk>(key, cancellationToken);
                var entries = stored?.Items ?? [];
                var held = entries.Select(e => e.EventId).ToHashSet(StringComparer.Ordinal);
                remaining.RemoveAll(e => held.Contains(e.EventId));
                if (remaining.Count == 0)
                {
                    break;
                }

                if (stored is { Sealed: true })
                {
                    chunk++;
                    continue;
                }

                // A new chunk may only follow a sealed one, or readers would stop short of it. Starting
                // past the end means the head or this process's memory is ahead of the store (state
                // lost behind it): step back, still checking each chunk for the events.
                if (stored is null && chunk > 0 && !await IsSealedAsync(topic, chunk - 1, cancellationToken))
                {
                    chunk--;
                    steppedBack = true;
                    continue;
                }

                // An open chunk has room for at least one more entry, whatever its size.
                var next = entries.ToList();
                var bytes = entries.Sum(e => (long)e.Envelope.Length);
                var taken = 0;
                while (taken < remaining.Count && next.Count < _chunkEntries && bytes < ChunkBytes)
                {
                    next.Add(new StoredLogEntry(remaining[taken].EventId, remaining[taken].Envelope));
                    bytes += remaining[taken].Envelope.Length;
                    taken++;
                }

                var seal = next.Count >= _chunkEntries || bytes >= ChunkBytes;
                if (!await _sidecar.TrySaveAsync(key, new StoredLogChunk(seal, next), etag, cancellationToken))
                {
                    // Another process appended or sealed first: read the chunk again, which may now hold these events.
                    if (++lost >= DaprOutbox.MaxRounds)
                    {
                        throw new InvalidOperationException($"The log chunk {key} stayed contended for {DaprOutbox.MaxRounds} rounds; the relay tries again later.");
                    }

                    continue;
                }

                appended += taken;
                remaining.RemoveRange(0, taken);
                if (seal)
                {
                    chunk++;
                    await AdvanceHeadAsync(topic, chunk, cancellationToken);
                }
            }

            if (steppedBack)
            {
                _open[topic] = chunk;
            }
            else
            {
                Remember(topic, chunk);
            }
        }
        finally
        {
            gate.Release();
        }

        if (appended > 0)
        {
            Appended?.Invoke(topic);
        }

        return appended;
    }

    Task IEventStreamLog.EnsureGroupAsync(string group, IReadOnlyCollection<string> topics, CancellationToken cancellationToken) =>
        throw GroupsNotSupported();

    Task<IReadOnlyList<LogEntry>> IEventStreamLog.ClaimStaleAsync(string group, string consumer, IReadOnlyCollection<string> topics, TimeSpan minIdle, int count, CancellationToken cancellationToken) =>
        throw GroupsNotSupported();

    Task<IReadOnlyList<LogEntry>> IEventStreamLog.ReadNewAsync(string group, string consumer, IReadOnlyCollection<string> topics, int count, CancellationToken cancellationToken) =>
        throw GroupsNotSupported();

    Task IEventStreamLog.AcknowledgeAsync(string group, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken) =>
        throw GroupsNotSupported();

    private static NotSupportedException GroupsNotSupported() =>
        new("Under Hld:Store=Dapr the sidecar delivers events to consumer groups (IEventBus); the Dapr event log is read by position only (IEventLogReader).");

    private static (long Chunk, int Index) Parse(string after)
    {
        if (after.Length == 0)
        {
            return (0, -1);
        }

        var colon = after.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0
            && long.TryParse(after.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var chunk)
            && int.TryParse(after.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return (chunk, index);
        }

        throw new ArgumentException($"'{after}' is not a position of the Dapr event log ({{chunk}}:{{index}}).", nameof(after));
    }

    private void RequireLogTopic(string topic)
    {
        if (!IsLogTopic(topic))
        {
            throw new InvalidOperationException($"Topic {topic} is not a log topic of the Dapr adapter (Hld:Dapr:LogTopics): under Dapr only log topics are readable by position.");
        }
    }

    private async Task<bool> IsSealedAsync(string topic, long chunk, CancellationToken cancellationToken)
    {
        var (stored, _) = await _sidecar.ReadAsync<StoredLogChunk>(ChunkKey(topic, chunk), cancellationToken);
        return stored is { Sealed: true };
    }

    private long Remember(string topic, long chunk) => _open.AddOrUpdate(topic, chunk, (_, known) => Math.Max(known, chunk));

    // The head is a hint: when moving it fails, writers walk past the sealed chunks and a later seal moves it.
    private async Task AdvanceHeadAsync(string topic, long chunk, CancellationToken cancellationToken)
    {
        var key = HeadKey(topic);
        try
        {
            for (var round = 0; round < DaprOutbox.MaxRounds; round++)
            {
                var (head, etag) = await _sidecar.ReadAsync<StoredLogHead>(key, cancellationToken);
                if (head is not null && head.Chunk >= chunk)
                {
                    return;
                }

                if (await _sidecar.TrySaveAsync(key, new StoredLogHead(chunk), etag, cancellationToken))
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "Moving the head of the {Topic} log to chunk {Chunk} failed; writers walk past sealed chunks until a later seal moves it", topic, chunk);
        }
    }
}
