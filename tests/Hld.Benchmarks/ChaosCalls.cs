using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;

namespace Hld.Benchmarks;

/// <summary>How one request ended: answered (OK), refused (a status no retry changes), or given up.</summary>
public sealed record CallResult<TResponse>(TResponse? Response, int Attempts, string? Refusal, bool GaveUp)
    where TResponse : class
{
    public bool Acknowledged => Response is not null;
}

/// <summary>
/// Sends one request until it is answered: every attempt has a deadline; an attempt that fails the
/// way a crash makes calls fail (UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, INTERNAL, UNKNOWN,
/// RESOURCE_EXHAUSTED, CANCELLED, or the connection itself) is sent again, the same request with the
/// same request_id, after a jittered backoff (50 ms doubling to 1 s), until it is answered or
/// <see cref="ChaosOptions.GiveUpAfter"/> has passed. Any other status is a refusal: no retry would
/// change it, and under the contract (AIP-155) a retry of a request that was applied is answered
/// with its first answer, never refused.
/// </summary>
public sealed class ChaosCaller(ChaosOptions options)
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LastBackoff = TimeSpan.FromSeconds(1);
    private long _inRetry;

    /// <summary>Failed attempts by what failed them (a status code or an exception type).</summary>
    public ConcurrentDictionary<string, long> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>Requests between a failed attempt and their answer, now.</summary>
    public long InRetry => Interlocked.Read(ref _inRetry);

    public long FailedAttempts => Failures.Values.Sum();

    public static bool IsTransient(StatusCode code) => code is StatusCode.Unavailable or StatusCode.DeadlineExceeded
        or StatusCode.Aborted or StatusCode.Internal or StatusCode.Unknown or StatusCode.ResourceExhausted or StatusCode.Cancelled;

    public async Task<CallResult<TResponse>> CallAsync<TResponse>(Func<CallOptions, AsyncUnaryCall<TResponse>> call, Metadata auth, TimeSpan? giveUpAfter = null)
        where TResponse : class
    {
        var limit = giveUpAfter ?? options.GiveUpAfter;
        var started = Stopwatch.StartNew();
        var backoff = FirstBackoff;
        var retrying = false;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                string failure;
                try
                {
                    var response = await call(new CallOptions(auth, DateTime.UtcNow + options.Deadline));
                    return new CallResult<TResponse>(response, attempt, null, false);
                }
                catch (RpcException ex) when (IsTransient(ex.StatusCode))
                {
                    failure = ex.StatusCode.ToString();
                }
                catch (RpcException ex)
                {
                    return new CallResult<TResponse>(null, attempt, $"{ex.StatusCode}: {ex.Status.Detail}", false);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException or System.Net.Sockets.SocketException)
                {
                    failure = ex.GetType().Name;
                }

                Failures.AddOrUpdate(failure, 1, (_, n) => n + 1);
                if (!retrying)
                {
                    retrying = true;
                    Interlocked.Increment(ref _inRetry);
                }

                var pause = TimeSpan.FromMilliseconds(backoff.TotalMilliseconds * (0.5 + (Random.Shared.NextDouble() / 2)));
                if (started.Elapsed + pause > limit)
                {
                    return new CallResult<TResponse>(null, attempt, null, true);
                }

                await Task.Delay(pause);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, LastBackoff.Ticks));
            }
        }
        finally
        {
            if (retrying)
            {
                Interlocked.Decrement(ref _inRetry);
            }
        }
    }

    /// <summary>A call the verification needs an answer to: retried like any other, and an exception when it gets none.</summary>
    public async Task<TResponse> RequireAsync<TResponse>(string what, Func<CallOptions, AsyncUnaryCall<TResponse>> call, Metadata auth)
        where TResponse : class
    {
        var result = await CallAsync(call, auth);
        return result.Response ?? throw new ChaosVerificationException(
            result.GaveUp ? $"{what}: no answer after {options.GiveUpAfter.TotalSeconds:0}s of retries" : $"{what}: {result.Refusal}");
    }
}

/// <summary>The run could not read what it needs to judge the system; it fails.</summary>
public sealed class ChaosVerificationException(string message) : Exception(message);
