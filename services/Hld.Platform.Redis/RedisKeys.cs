using StackExchange.Redis;

namespace Hld.Platform.Redis;

/// <summary>Where things live in Redis. Keep every key name here so the layout is one read.</summary>
internal sealed class RedisKeys(string prefix)
{
    public RedisKey State(string aggregateKey) => $"{prefix}state:{aggregateKey}";

    public RedisKey Stream(string topic) => $"{prefix}stream:{topic}";

    /// <summary>An index: a sorted set whose scores are the members' positions.</summary>
    public RedisKey Index(string index) => $"{prefix}index:{index}";

    public RedisChannel Wake => RedisChannel.Literal($"{prefix}wake");
}
