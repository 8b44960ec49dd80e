using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;
using StackExchange.Redis;

namespace Hld.Platform.Redis;

/// <summary>
/// Every call to Redis runs inside a deadline and a circuit breaker. Reads and other idempotent
/// calls also retry transient failures with jittered backoff; the commit script does not, because a
/// timed-out commit may have landed and a blind retry would then report a false conflict.
/// </summary>
internal sealed class RedisResilience
{
    public RedisResilience(RedisOptions options)
    {
        Idempotent = new ResiliencePipelineBuilder()
            .AddTimeout(options.OperationTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RedisConnectionException>().Handle<RedisTimeoutException>(),
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(50),
            })
            .AddCircuitBreaker(Breaker())
            .Build();
        NonIdempotent = new ResiliencePipelineBuilder()
            .AddTimeout(options.OperationTimeout)
            .AddCircuitBreaker(Breaker())
            .Build();
    }

    public ResiliencePipeline Idempotent { get; }

    public ResiliencePipeline NonIdempotent { get; }

    private static CircuitBreakerStrategyOptions Breaker() => new()
    {
        ShouldHandle = new PredicateBuilder().Handle<RedisConnectionException>().Handle<RedisTimeoutException>().Handle<TimeoutRejectedException>(),
        FailureRatio = 0.5,
        MinimumThroughput = 10,
        SamplingDuration = TimeSpan.FromSeconds(10),
        BreakDuration = TimeSpan.FromSeconds(5),
    };
}
