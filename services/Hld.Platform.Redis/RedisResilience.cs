using Hld.Platform.Resilience;
using Polly;
using StackExchange.Redis;

namespace Hld.Platform.Redis;

/// <summary>The shared store pipelines, with lost connections and timeouts as Redis's transient failures.</summary>
internal sealed class RedisResilience(RedisOptions options)
{
    private readonly StoreResilience _pipelines = new(options.OperationTimeout, IsTransient);

    /// <summary>Redis gone, slow, or back but still loading its data from disk after a restart.</summary>
    public static bool IsTransient(Exception ex) =>
        ex is RedisConnectionException or RedisTimeoutException
        || (ex is RedisServerException server && server.Message.StartsWith("LOADING", StringComparison.Ordinal));

    public ResiliencePipeline Idempotent => _pipelines.Idempotent;

    public ResiliencePipeline NonIdempotent => _pipelines.NonIdempotent;
}
