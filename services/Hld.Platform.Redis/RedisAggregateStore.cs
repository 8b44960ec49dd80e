using Hld.Contracts.Events.V1;
using Hld.Platform.State;
using StackExchange.Redis;

namespace Hld.Platform.Redis;

/// <summary>
/// Aggregates and records as Redis hashes (v = value, n = version); indexes as sorted sets scored by
/// position. A commit is one Lua script that checks the version, writes the value and the records,
/// appends to the indexes and the events to their topic streams, so Redis runs it atomically and a
/// write costs one round trip; commits asked for at about the same time share one script
/// (<see cref="RedisGroupCommit"/>). The script touches the aggregate key, its records, indexes and the
/// topic streams, all under the prefix's hash tag, so on Redis Cluster they share one slot
/// (docs/decisions/015-redis-cluster-and-replicas.md).
/// </summary>
public sealed class RedisAggregateStore : IAggregateStore, IDisposable
{
    private const string AppendScript = """
        redis.call('ZADD', KEYS[1], 'NX', redis.call('ZCARD', KEYS[1]) + 1, ARGV[1])
        return 1
        """;

    // KEYS: the records; ARGV: their values, then their times to live (ms, 0: none), then the
    // invalidation channel and the announcement of the near-cached ones among them (empty: none).
    private const string RecordsScript = """
        for i = 1, #KEYS do
          redis.call('HSET', KEYS[i], 'v', ARGV[i])
          redis.call('HINCRBY', KEYS[i], 'n', 1)
          if tonumber(ARGV[#KEYS + i]) > 0 then redis.call('PEXPIRE', KEYS[i], ARGV[#KEYS + i]) end
        end
        if ARGV[2 * #KEYS + 2] ~= '' then redis.call('PUBLISH', ARGV[2 * #KEYS + 1], ARGV[2 * #KEYS + 2]) end
        return #KEYS
        """;

    private static readonly RedisValue[] ValueAndVersion = ["v", "n"];

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeys _keys;
    private readonly RedisResilience _resilience;
    private readonly RedisGroupCommit _commits;
    private readonly RedisNearCache _cache;

    public RedisAggregateStore(IConnectionMultiplexer redis, RedisOptions options)
    {
        _redis = redis;
        _keys = new RedisKeys(options.KeyPrefix);
        _resilience = new RedisResilience(options);
        _cache = new RedisNearCache(redis, _keys, options.NearCache);
        _commits = new RedisGroupCommit(redis, _keys, options, _resilience, _cache);
        RedisKeys.RequireOneSlot(redis, options.KeyPrefix);
    }

    public bool CommitsAtomically => true;

    /// <summary>The near cache's state, for tests and diagnostics (decision 093).</summary>
    internal RedisNearCache NearCache => _cache;

    public async Task<Versioned?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var cached = _cache.Covers(key);
        if (cached && _cache.TryGet(key, out var kept))
        {
            return kept;
        }

        var mark = cached ? _cache.Begin(key) : null;
        Versioned? read = null;
        try
        {
            var fields = await _resilience.Idempotent.ExecuteAsync(
                async _ => await _redis.GetDatabase().HashGetAsync(_keys.State(key), ValueAndVersion),
                cancellationToken);
            read = ToVersioned(fields);
            return read;
        }
        finally
        {
            if (mark is not null)
            {
                // A failed read keeps nothing and takes its mark away.
                _cache.Keep(key, read, mark);
            }
        }
    }

    public async Task<IReadOnlyList<Versioned?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        // One pipelined flush: the multiplexer writes every HMGET before the first answer comes back.
        return await _resilience.Idempotent.ExecuteAsync(
            async _ =>
            {
                var batch = _redis.GetDatabase().CreateBatch();
                var reads = keys.Select(k => batch.HashGetAsync(_keys.State(k), ValueAndVersion)).ToArray();
                batch.Execute();
                return (await Task.WhenAll(reads)).Select(ToVersioned).ToArray();
            },
            cancellationToken);
    }

    public async Task<long> GetVersionAsync(string key, CancellationToken cancellationToken = default)
    {
        var version = await _resilience.Idempotent.ExecuteAsync(
            async _ => await _redis.GetDatabase().HashGetAsync(_keys.State(key), "n"),
            cancellationToken);
        return version.IsNull ? 0 : (long)version;
    }

    public Task<bool> TryCommitAsync(string key, long expectedVersion, ReadOnlyMemory<byte> value, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default) =>
        CommitAsync(new Commit(key, expectedVersion, value, events), cancellationToken);

    public Task<bool> CommitAsync(Commit commit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(commit.ExpectedVersion);
        return _cache.Enabled ? CommitAndForgetAsync(commit, cancellationToken) : _commits.CommitAsync(commit, cancellationToken);
    }

    public bool SharesReadsOf(string key) => _cache.Covers(key);

    public void Dispose() => _cache.Dispose();

    public async Task WriteRecordsAsync(IReadOnlyList<RecordWrite> records, CancellationToken cancellationToken = default)
    {
        KeyByKey.RefuseConditions(records);
        if (records.Count == 0)
        {
            return;
        }

        RedisKey[] keys = [.. records.Select(r => _keys.State(r.Key))];
        var covered = records.Where(r => _cache.Covers(r.Key)).Select(r => r.Key).ToList();
        RedisValue announcement = covered.Count == 0 ? RedisValue.EmptyString : RedisNearCache.Announce(_cache.Writer, covered.Select(k => (string)_keys.State(k)!));
        RedisValue[] values =
        [
            .. records.Select(r => (RedisValue)r.Value),
            .. records.Select(r => (RedisValue)RedisGroupCommit.Milliseconds(r.TimeToLive)),
            _cache.Channel,
            announcement,
        ];
        try
        {
            await _resilience.Idempotent.ExecuteAsync(
                async _ => await _redis.GetDatabase().ScriptEvaluateAsync(RecordsScript, keys, values),
                cancellationToken);
        }
        finally
        {
            covered.ForEach(_cache.Forget);
        }
    }

    public async Task AppendAsync(IndexAppend append, CancellationToken cancellationToken = default) =>
        await _resilience.Idempotent.ExecuteAsync(
            async _ => await _redis.GetDatabase().ScriptEvaluateAsync(AppendScript, [_keys.Index(append.Index)], [append.Member]),
            cancellationToken);

    public async Task<IReadOnlyList<IndexEntry>> ReadIndexAsync(string index, long afterPosition, int count, CancellationToken cancellationToken = default)
    {
        var entries = await _resilience.Idempotent.ExecuteAsync(
            async _ => await _redis.GetDatabase().SortedSetRangeByScoreWithScoresAsync(
                _keys.Index(index), afterPosition, double.PositiveInfinity, Exclude.Start, Order.Ascending, 0, count),
            cancellationToken);
        return [.. entries.Select(x => new IndexEntry((long)x.Score, x.Element!))];
    }

    public async Task<long> IndexLengthAsync(string index, CancellationToken cancellationToken = default) =>
        await _resilience.Idempotent.ExecuteAsync(
            async _ => await _redis.GetDatabase().SortedSetLengthAsync(_keys.Index(index)),
            cancellationToken);

    // Whatever the outcome (held, lost the race, failed or unknown), this process's next read of the
    // key goes to Redis: whoever wrote reads what is stored, and a lost race is not decided again on
    // the value that lost it.
    private async Task<bool> CommitAndForgetAsync(Commit commit, CancellationToken cancellationToken)
    {
        try
        {
            return await _commits.CommitAsync(commit, cancellationToken);
        }
        finally
        {
            if (_cache.Covers(commit.Key))
            {
                _cache.Forget(commit.Key);
            }

            foreach (var record in commit.Records)
            {
                if (_cache.Covers(record.Key))
                {
                    _cache.Forget(record.Key);
                }
            }
        }
    }

    private static Versioned? ToVersioned(RedisValue[] fields) =>
        fields[1].IsNull ? null : new Versioned((byte[])fields[0]!, (long)fields[1]);
}
