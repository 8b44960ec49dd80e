using System.Globalization;
using Hld.Contracts.Events.V1;
using Hld.Platform.Events;

namespace Hld.Platform.InMemory;

/// <summary>Tests only: Redis Streams semantics (groups, pending entries, claiming) in memory.</summary>
public sealed class InMemoryEventStreamLog : IEventStreamLog, IEventLogReader
{
    // Pending entries age on real time, as Redis's do, whatever clock the rules run on.
    private static TimeProvider Clock => TimeProvider.System;

    private readonly Dictionary<string, List<EventEnvelope>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Group, string Topic), Cursor> _groups = [];
    private readonly Lock _gate = new();

    public event Action<string>? Appended;

    internal void Append(EventEnvelope envelope)
    {
        lock (_gate)
        {
            Stream(envelope.Topic).Add(envelope);
        }

        Appended?.Invoke(envelope.Topic);
    }

    public Task EnsureGroupAsync(string group, IReadOnlyCollection<string> topics, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var topic in topics)
            {
                _groups.TryAdd((group, topic), new Cursor());
                Stream(topic);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LogEntry>> ReadNewAsync(string group, string consumer, IReadOnlyCollection<string> topics, int count, CancellationToken cancellationToken)
    {
        var read = new List<LogEntry>();
        lock (_gate)
        {
            foreach (var topic in topics)
            {
                var cursor = _groups[(group, topic)];
                var stream = _streams[topic];
                while (cursor.Next < stream.Count && read.Count < count)
                {
                    var index = cursor.Next++;
                    cursor.Pending[index] = Clock.GetUtcNow();
                    read.Add(new LogEntry(topic, index.ToString(CultureInfo.InvariantCulture), stream[index]));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<LogEntry>>(read);
    }

    public Task<IReadOnlyList<LogEntry>> ClaimStaleAsync(string group, string consumer, IReadOnlyCollection<string> topics, TimeSpan minIdle, int count, CancellationToken cancellationToken)
    {
        var claimed = new List<LogEntry>();
        var now = Clock.GetUtcNow();
        lock (_gate)
        {
            foreach (var topic in topics)
            {
                var cursor = _groups[(group, topic)];
                foreach (var (index, deliveredAt) in cursor.Pending.Where(p => now - p.Value >= minIdle).Take(count - claimed.Count).ToList())
                {
                    cursor.Pending[index] = now;
                    claimed.Add(new LogEntry(topic, index.ToString(CultureInfo.InvariantCulture), _streams[topic][index]));
                }
            }
        }

        return Task.FromResult<IReadOnlyList<LogEntry>>(claimed);
    }

    public Task AcknowledgeAsync(string group, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                _groups[(group, entry.Topic)].Pending.Remove(int.Parse(entry.EntryId, CultureInfo.InvariantCulture));
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PositionedEnvelope>> ReadAfterAsync(string topic, string after, int count, CancellationToken cancellationToken)
    {
        var start = after.Length == 0 ? 0 : int.Parse(after, CultureInfo.InvariantCulture) + 1;
        lock (_gate)
        {
            var stream = Stream(topic);
            return Task.FromResult<IReadOnlyList<PositionedEnvelope>>(
                [.. stream.Skip(start).Take(count).Select((e, i) => new PositionedEnvelope((start + i).ToString(CultureInfo.InvariantCulture), e))]);
        }
    }

    /// <summary>Everything appended to a topic so far, for tests that inspect what was published.</summary>
    public IReadOnlyList<EventEnvelope> Read(string topic)
    {
        lock (_gate)
        {
            return [.. Stream(topic)];
        }
    }

    private List<EventEnvelope> Stream(string topic)
    {
        if (!_streams.TryGetValue(topic, out var stream))
        {
            _streams[topic] = stream = [];
        }

        return stream;
    }

    private sealed class Cursor
    {
        public int Next { get; set; }

        public SortedDictionary<int, DateTimeOffset> Pending { get; } = [];
    }
}
