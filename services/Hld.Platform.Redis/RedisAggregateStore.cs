using Hld.Contracts.Events.V1;
using Hld.Platform.State;
using Google.Protobuf;
using StackExchange.Redis;

namespace Hld.Platform.Redis;

/// <summary>
/// Aggregates and records as Redis hashes (v = value, n = version); indexes as sorted sets scored by
/// position. A commit is one Lua script that checks the version, writes the value and the records,
/// appends to the indexes and the events to their topic streams, so Redis runs it atomically and a
/// write costs one round trip. The script touches the aggregate key, its records, indexes and the
/// topic streams, all under the prefix's hash tag, so on Redis Cluster they share one slot
/// (docs/decisions/015-redis-cluster-and-replicas.md).
/// </summary>
public sealed class RedisAggregateStore : IAggregateStore
{
    // KEYS: the aggregate, then E streams, R records, A indexes.
    // ARGV: expected version, value, stream cap, wake channel, E, R, A, the aggregate's time to live
    // (ms, 0: none), then E envelopes, E topics, R record values, R record conditions (-1: none),
    // R record times to live (ms, 0: none), A members. Every check happens before the first write: a
    // script that failed midway would not roll back.
    private const string CommitScript = """
        local function version(key)
          local n = redis.call('HGET', key, 'n')
          if n == false then return 0 end
          return tonumber(n)
        end
        local e, r, a = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
        local events, topics, values, conditions, ttls, members = 8, 8 + e, 8 + 2 * e, 8 + 2 * e + r, 8 + 2 * e + 2 * r, 8 + 2 * e + 3 * r
        local current = version(KEYS[1])
        if current ~= tonumber(ARGV[1]) then return 0 end
        for i = 1, r do
          local expected = tonumber(ARGV[conditions + i])
          if expected >= 0 and version(KEYS[1 + e + i]) ~= expected then return 0 end
        end
        redis.call('HSET', KEYS[1], 'v', ARGV[2], 'n', current + 1)
        if tonumber(ARGV[8]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[8]) end
        local maxlen = tonumber(ARGV[3])
        for i = 1, r do
          local key = KEYS[1 + e + i]
          redis.call('HSET', key, 'v', ARGV[values + i])
          redis.call('HINCRBY', key, 'n', 1)
          if tonumber(ARGV[ttls + i]) > 0 then redis.call('PEXPIRE', key, ARGV[ttls + i]) end
        end
        for i = 1, a do
          local key, member = KEYS[1 + e + r + i], ARGV[members + i]
          if redis.call('ZSCORE', key, member) == false then
            redis.call('ZADD', key, redis.call('ZCARD', key) + 1, member)
          end
        end
        for i = 1, e do
          if maxlen > 0 then
            redis.call('XADD', KEYS[1 + i], 'MAXLEN', '~', maxlen, '*', 'e', ARGV[events + i])
          else
            redis.call('XADD', KEYS[1 + i], '*', 'e', ARGV[events + i])
          end
          redis.call('PUBLISH', ARGV[4], ARGV[topics + i])
        end
        return 1
        """;

    private const string AppendScript = """
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) == false then
          redis.call('ZADD', KEYS[1], redis.call('ZCARD', KEYS[1]) + 1, ARGV[1])
        end
        return 1
        """;

    // KEYS: the records; ARGV: their values, then their times to live (ms, 0: none).
    private const string RecordsScript = """
        for i = 1, #KEYS do
          redis.call('HSET', KEYS[i], 'v', ARGV[i])
          redis.call('HINCRBY', KEYS[i], 'n', 1)
          if tonumber(ARGV[#KEYS + i]) > 0 then redis.call('PEXPIRE', KEYS[i], ARGV[#KEYS + i]) end
        end
        return #KEYS
        """;

    private static readonly RedisValue[] ValueAndVersion = ["v", "n"];

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeys _keys;
    private readonly RedisResilience _resilience;
    private readonly RedisOptions _options;

    public RedisAggregateStore(IConnectionMultiplexer redis, RedisOptions options)
    {
        _redis = redis;
        _options = options;
        _keys = new RedisKeys(options.KeyPrefix);
        _resilience = new RedisResilience(options);
        RedisKeys.RequireOneSlot(redis, options.KeyPrefix);
    }

    public bool CommitsAtomically => true;

    public async Task<Versioned?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var fields = await _resilience.Idempotent.ExecuteAsync(
            async _ => await _redis.GetDatabase().HashGetAsync(_keys.State(key), ValueAndVersion),
            cancellationToken);
        return ToVersioned(fields);
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

    public async Task<bool> CommitAsync(Commit commit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(commit.ExpectedVersion);
        int e = commit.Events.Count, r = commit.Records.Count, a = commit.Appends.Count;
        var keys = new RedisKey[1 + e + r + a];
        var args = new RedisValue[8 + (2 * e) + (3 * r) + a];
        keys[0] = _keys.State(commit.Key);
        args[0] = commit.ExpectedVersion;
        args[1] = commit.Value;
        args[2] = _options.StreamMaxLength;
        args[3] = _keys.Wake.ToString();
        args[4] = e;
        args[5] = r;
        args[6] = a;
        args[7] = Milliseconds(commit.TimeToLive);
        for (var i = 0; i < e; i++)
        {
            keys[1 + i] = _keys.Stream(commit.Events[i].Topic);
            args[8 + i] = commit.Events[i].ToByteArray();
            args[8 + e + i] = commit.Events[i].Topic;
        }

        for (var i = 0; i < r; i++)
        {
            keys[1 + e + i] = _keys.State(commit.Records[i].Key);
            args[8 + (2 * e) + i] = commit.Records[i].Value;
            args[8 + (2 * e) + r + i] = commit.Records[i].ExpectedVersion ?? -1;
            args[8 + (2 * e) + (2 * r) + i] = Milliseconds(commit.Records[i].TimeToLive);
        }

        for (var i = 0; i < a; i++)
        {
            keys[1 + e + r + i] = _keys.Index(commit.Appends[i].Index);
            args[8 + (2 * e) + (3 * r) + i] = commit.Appends[i].Member;
        }

        var result = await _resilience.NonIdempotent.ExecuteAsync(
            async _ => await _redis.GetDatabase().ScriptEvaluateAsync(CommitScript, keys, args),
            cancellationToken);
        return (long)result == 1;
    }

    public async Task WriteRecordsAsync(IReadOnlyList<RecordWrite> records, CancellationToken cancellationToken = default)
    {
        KeyByKey.RefuseConditions(records);
        if (records.Count == 0)
        {
            return;
        }

        RedisKey[] keys = [.. records.Select(r => _keys.State(r.Key))];
        RedisValue[] values = [.. records.Select(r => (RedisValue)r.Value), .. records.Select(r => (RedisValue)Milliseconds(r.TimeToLive))];
        await _resilience.Idempotent.ExecuteAsync(
            async _ => await _redis.GetDatabase().ScriptEvaluateAsync(RecordsScript, keys, values),
            cancellationToken);
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

    private static long Milliseconds(TimeSpan? timeToLive) => timeToLive is { } ttl ? Math.Max(1, (long)ttl.TotalMilliseconds) : 0;

    private static Versioned? ToVersioned(RedisValue[] fields) =>
        fields[1].IsNull ? null : new Versioned((byte[])fields[0]!, (long)fields[1]);
}
