using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Hld.Platform.Resilience;

/// <summary>
/// Every call to a backing store (Redis, a Dapr sidecar) runs inside a deadline and a circuit
/// breaker. Reads and other idempotent calls also retry transient failures with jittered backoff; a
/// compare-and-set write does not, because a timed-out write may have landed and a blind retry would
/// then report a false conflict. Each adapter says which of its failures are transient.
/// </summary>
public sealed class StoreResilience
{
    public StoreResilience(TimeSpan operationTimeout, Func<Exception, bool> isTransient)
    {
        Idempotent = new ResiliencePipelineBuilder()
            .AddTimeout(operationTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(isTransient),
                MaxRetryAttempts = 3,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(50),
            })
            .AddCircuitBreaker(Breaker(isTransient))
            .Build();
        NonIdempotent = new ResiliencePipelineBuilder()
            .AddTimeout(operationTimeout)
            .AddCircuitBreaker(Breaker(isTransient))
            .Build();
    }

    public ResiliencePipeline Idempotent { get; }

    public ResiliencePipeline NonIdempotent { get; }

    // One breaker per pipeline: a run of failed writes does not stop reads, and the reverse.
    private static CircuitBreakerStrategyOptions Breaker(Func<Exception, bool> isTransient) => new()
    {
        ShouldHandle = new PredicateBuilder().Handle<Exception>(ex => isTransient(ex) || ex is TimeoutRejectedException),
        FailureRatio = 0.5,
        MinimumThroughput = 10,
        SamplingDuration = TimeSpan.FromSeconds(10),
        BreakDuration = TimeSpan.FromSeconds(5),
    };
}

/// <summary>
/// An adapter's word on its store client's exceptions: which mean the store is unavailable for now
/// (the caller gets UNAVAILABLE and retries with backoff) rather than a fault of the service. The host
/// asks every adapter registered, so it names no store client itself.
/// </summary>
public interface IStoreFaults
{
    bool IsUnavailable(Exception exception);
}
