using Hld.Contracts.Events.V1;
using Hld.Platform.State;

namespace Hld.Platform.InMemory;

/// <summary>
/// Tests only: the same compare-and-set and all-or-nothing commit as the Redis store, in one lock.
/// Hosts refuse it outside Development and Testing (see ServiceDefaults).
/// </summary>
public sealed class InMemoryAggregateStore(InMemoryEventStreamLog log) : IAggregateStore
{
    private readonly Dictionary<string, Versioned> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _expires = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Index> _indexes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool CommitsAtomically => true;

    public Task<Versioned?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Current(key));
        }
    }

    public Task<IReadOnlyList<Versioned?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Versioned?>>([.. keys.Select(k => Current(k))]);
        }
    }

    public Task<bool> TryCommitAsync(string key, long expectedVersion, ReadOnlyMemory<byte> value, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default) =>
        CommitAsync(new Commit(key, expectedVersion, value, events), cancellationToken);

    public Task<bool> CommitAsync(Commit commit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(commit.ExpectedVersion);
        lock (_gate)
        {
            var current = Current(commit.Key)?.Version ?? 0;
            if (current != commit.ExpectedVersion
                || commit.Records.Any(r => r.ExpectedVersion is { } expected && (Current(r.Key)?.Version ?? 0) != expected))
            {
                return Task.FromResult(false);
            }

            Put(commit.Key, commit.Value, current + 1, commit.TimeToLive);
            foreach (var record in commit.Records)
            {
                Put(record.Key, record.Value, (Current(record.Key)?.Version ?? 0) + 1, record.TimeToLive);
            }

            foreach (var append in commit.Appends)
            {
                IndexOf(append.Index).Add(append.Member);
            }

            foreach (var envelope in commit.Events)
            {
                log.Append(envelope);
            }
        }

        return Task.FromResult(true);
    }

    public Task WriteRecordsAsync(IReadOnlyList<RecordWrite> records, CancellationToken cancellationToken = default)
    {
        KeyByKey.RefuseConditions(records);
        lock (_gate)
        {
            foreach (var record in records)
            {
                Put(record.Key, record.Value, (Current(record.Key)?.Version ?? 0) + 1, record.TimeToLive);
            }
        }

        return Task.CompletedTask;
    }

    public Task AppendAsync(IndexAppend append, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IndexOf(append.Index).Add(append.Member);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IndexEntry>> ReadIndexAsync(string index, long afterPosition, int count, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var members = _indexes.GetValueOrDefault(index)?.Members ?? [];
            var start = (int)Math.Clamp(afterPosition, 0, members.Count);
            return Task.FromResult<IReadOnlyList<IndexEntry>>(
                [.. members.Skip(start).Take(count).Select((m, i) => new IndexEntry(start + i + 1, m))]);
        }
    }

    public Task<long> IndexLengthAsync(string index, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult((long)(_indexes.GetValueOrDefault(index)?.Members.Count ?? 0));
        }
    }

    // Called under the lock. Expiry is on real time, as Redis's is.
    private Versioned? Current(string key)
    {
        if (_expires.TryGetValue(key, out var until) && until <= TimeProvider.System.GetUtcNow())
        {
            _expires.Remove(key);
            _values.Remove(key);
        }

        return _values.GetValueOrDefault(key);
    }

    private void Put(string key, ReadOnlyMemory<byte> value, long version, TimeSpan? timeToLive)
    {
        // As Redis's HSET: a write without a time to live keeps the one the key had.
        _values[key] = new Versioned(value.ToArray(), version);
        if (timeToLive is { } ttl)
        {
            _expires[key] = TimeProvider.System.GetUtcNow() + ttl;
        }
    }

    private Index IndexOf(string name)
    {
        if (!_indexes.TryGetValue(name, out var index))
        {
            _indexes[name] = index = new Index();
        }

        return index;
    }

    private sealed class Index
    {
        private readonly HashSet<string> _known = new(StringComparer.Ordinal);

        public List<string> Members { get; } = [];

        public void Add(string member)
        {
            if (_known.Add(member))
            {
                Members.Add(member);
            }
        }
    }
}
