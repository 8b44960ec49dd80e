using Hld.Contracts.Events.V1;
using Hld.Platform.State;
using Google.Protobuf;
using StackExchange.Redis;

namespace Hld.Platform.Redis;

/// <summary>
/// Aggregates as Redis hashes (v = value, n = version); commit is one Lua script that checks the
/// version, writes the value and appends the events to their topic streams, so Redis runs it
/// atomically. The script touches the aggregate key and the topic streams: fine on one primary; on
/// Redis Cluster those keys sit in different slots, which is why Cluster needs the Dapr adapter
/// (see docs/decisions/001-platform.md).
/// </summary>
public sealed class RedisAggregateStore : IAggregateStore
{
    // Every check happens before the first write: a script that fails midway would not roll back.
    private const string CommitScript = """
        local current = redis.call('HGET', KEYS[1], 'n')
        if current == false then current = 0 else current = tonumber(current) end
        if current ~= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', ARGV[2], 'n', current + 1)
        local maxlen = tonumber(ARGV[3])
        for i = 2, #KEYS do
          if maxlen > 0 then
            redis.call('XADD', KEYS[i], 'MAXLEN', '~', maxlen, '*', 'e', ARGV[i + 3])
          else
            redis.call('XADD', KEYS[i], '*', 'e', ARGV[i + 3])
          end
          redis.call('PUBLISH', ARGV[4], ARGV[2 + #KEYS + i])
        end
        return 1
        """;

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
    }

    public async Task<Versioned?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var fields = await _resilience.Idempotent.ExecuteAsync(
            async _ => await _redis.GetDatabase().HashGetAsync(_keys.State(key), ["v", "n"]),
            cancellationToken);
        if (fields[1].IsNull)
        {
            return null;
        }

        return new Versioned((byte[])fields[0]!, (long)fields[1]);
    }

    public async Task<long> GetVersionAsync(string key, CancellationToken cancellationToken = default)
    {
        var version = await _resilience.Idempotent.ExecuteAsync(
            async _ => await _redis.GetDatabase().HashGetAsync(_keys.State(key), "n"),
            cancellationToken);
        return version.IsNull ? 0 : (long)version;
    }

    public async Task<bool> TryCommitAsync(string key, long expectedVersion, ReadOnlyMemory<byte> value, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var keys = new RedisKey[1 + events.Count];
        var args = new RedisValue[4 + (2 * events.Count)];
        keys[0] = _keys.State(key);
        args[0] = expectedVersion;
        args[1] = value;
        args[2] = _options.StreamMaxLength;
        args[3] = _keys.Wake.ToString();
        for (var i = 0; i < events.Count; i++)
        {
            keys[1 + i] = _keys.Stream(events[i].Topic);
            args[4 + i] = events[i].ToByteArray();
            args[4 + events.Count + i] = events[i].Topic;
        }

        var result = await _resilience.NonIdempotent.ExecuteAsync(
            async _ => await _redis.GetDatabase().ScriptEvaluateAsync(CommitScript, keys, args),
            cancellationToken);
        return (long)result == 1;
    }
}
