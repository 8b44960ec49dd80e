using System.Diagnostics;

namespace Hld.Benchmarks;

/// <summary>What one load run measured.</summary>
public sealed record LoadResult(int Concurrency, double Seconds, long Calls, long Errors, LatencyHistogram Latencies)
{
    public double Rps => Calls / Seconds;

    public double P50Ms => Latencies.PercentileMs(50);

    public double P99Ms => Latencies.PercentileMs(99);
}

/// <summary>
/// Closed-loop load: <c>concurrency</c> workers each issue one call, await it, and issue the next,
/// for a warm-up whose calls are not counted and then a measured window. The call is any async
/// operation (a gRPC call, a store commit). Calls that fail (<see cref="IsFailedCall"/>) are counted
/// as errors and left out of the latencies; any other exception is a fault of the benchmark and ends it.
/// </summary>
public static class LoadGenerator
{
    /// <summary>How a call under load fails: a gRPC status, a Redis error or timeout, or the store's resilience pipeline refusing it (deadline, open breaker).</summary>
    public static bool IsFailedCall(Exception ex) =>
        ex is Grpc.Core.RpcException or StackExchange.Redis.RedisException or TimeoutException or Polly.ExecutionRejectedException;

    public static async Task<LoadResult> RunAsync(int concurrency, TimeSpan warmup, TimeSpan duration, Func<int, long, Task> call)
    {
        var clock = Stopwatch.StartNew();
        var measureFrom = warmup;
        var stopAt = warmup + duration;
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var histogram = new LatencyHistogram();
            long errors = 0;
            for (long n = 0; ; n++)
            {
                var started = clock.Elapsed;
                if (started >= stopAt)
                {
                    return (histogram, errors);
                }

                var failed = false;
                try
                {
                    await call(worker, n);
                }
                catch (Exception ex) when (IsFailedCall(ex))
                {
                    failed = true;
                }

                var ended = clock.Elapsed;
                if (started >= measureFrom && ended <= stopAt)
                {
                    if (failed)
                    {
                        errors++;
                    }
                    else
                    {
                        histogram.Record((long)((ended - started).Ticks / (double)TimeSpan.TicksPerMicrosecond));
                    }
                }
            }
        })).ToList();

        var merged = new LatencyHistogram();
        long totalErrors = 0;
        foreach (var (histogram, errors) in await Task.WhenAll(workers))
        {
            merged.Add(histogram);
            totalErrors += errors;
        }

        return new LoadResult(concurrency, duration.TotalSeconds, merged.Count, totalErrors, merged);
    }
}
