using StackExchange.Redis;

namespace Hld.Platform.Redis;

/// <summary>
/// Where things live in Redis. Keep every key name here so the layout is one read. Every key starts
/// with the configured prefix, whose hash tag (<c>{hld}</c> by default) puts all of a system's keys in
/// one Redis Cluster slot: a commit's script, a multi-stream read and a pipelined read then touch one
/// slot, as Cluster requires (docs/decisions/015-redis-cluster-and-replicas.md).
/// </summary>
internal sealed class RedisKeys(string prefix)
{
    public RedisKey State(string aggregateKey) => $"{StatePrefix}{aggregateKey}";

    /// <summary>What every state key starts with in Redis.</summary>
    public string StatePrefix { get; } = $"{prefix}state:";

    public RedisKey Stream(string topic) => $"{prefix}stream:{topic}";

    /// <summary>An index: a sorted set whose scores are the members' positions.</summary>
    public RedisKey Index(string index) => $"{prefix}index:{index}";

    public RedisChannel Wake => RedisChannel.Literal($"{prefix}wake");

    /// <summary>Where commits announce the near-cached keys they wrote (decision 093).</summary>
    public RedisChannel Invalidations => RedisChannel.Literal($"{prefix}invalidate");

    /// <summary>
    /// Refuses a prefix without a hash tag when the server is a Redis Cluster: there the commit script
    /// would fail with CROSSSLOT on its first write, long after start-up.
    /// </summary>
    public static void RequireOneSlot(IConnectionMultiplexer redis, string prefix)
    {
        if (RedisOptions.HashTagOf(prefix) is null && redis.GetServers().Any(s => s.IsConnected && s.ServerType == ServerType.Cluster))
        {
            throw new InvalidOperationException(
                $"Hld:Redis:KeyPrefix '{prefix}' has no hash tag, and the server is a Redis Cluster: every key of one commit must hash to one slot. " +
                "Use a prefix with a tag, such as '{hld}:' (docs/decisions/015-redis-cluster-and-replicas.md).");
        }
    }
}
