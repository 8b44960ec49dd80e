using Hld.Platform.Resilience;
using Polly;
using StackExchange.Redis;

namespace Hld.Platform.Redis;

/// <summary>The shared store pipelines, with lost connections and timeouts as Redis's transient failures.</summary>
internal sealed class RedisResilience(RedisOptions options)
{
    private readonly StoreResilience _pipelines = new(options.OperationTimeout, static ex => ex is RedisConnectionException or RedisTimeoutException);

    public ResiliencePipeline Idempotent => _pipelines.Idempotent;

    public ResiliencePipeline NonIdempotent => _pipelines.NonIdempotent;
}
