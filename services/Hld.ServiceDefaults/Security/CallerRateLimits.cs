using System.Globalization;
using System.Threading.RateLimiting;
using Google.Rpc;
using Hld.Platform.Errors;
using Hld.Platform.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hld.Platform.Security;

/// <summary>
/// A token bucket per caller (<see cref="Callers"/>) on every host (decision 010). It runs after
/// authentication, so a token's subject is known, and before authorisation, so calls the role gate
/// refuses count too. A refused call gets RESOURCE_EXHAUSTED with the limiter's own retry-after as
/// RetryInfo, trailers-only like the role gate's refusals; health and the Dapr callback opt out.
/// </summary>
public static class CallerRateLimits
{
    public const string Reason = "RATE_LIMIT_EXCEEDED";

    public static IServiceCollection AddCallerRateLimits(this IServiceCollection services, RateLimitOptions limits)
    {
        if (limits.PermitsPerSecond < 1 || limits.Burst < 1)
        {
            throw new InvalidOperationException($"Hld:RateLimits needs PermitsPerSecond and Burst of at least 1 (has {limits.PermitsPerSecond} and {limits.Burst}).");
        }

        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = limits.Burst,
            TokensPerPeriod = limits.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            // Refused at once rather than queued: a queued call holds its connection and its deadline
            // runs out, where a refusal tells the client how long to wait.
            QueueLimit = 0,
        };
        var metadata = new Dictionary<string, string>
        {
            ["permits_per_second"] = limits.PermitsPerSecond.ToString(CultureInfo.InvariantCulture),
            ["burst"] = limits.Burst.ToString(CultureInfo.InvariantCulture),
        };
        var message = $"A caller makes at most {limits.PermitsPerSecond} calls a second to this host, {limits.Burst} at once; retry after the delay.";
        return services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetTokenBucketLimiter(Callers.Of(http), _ => bucket));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : bucket.ReplenishmentPeriod;
                var http = rejected.HttpContext;
                var refusal = RefusalStatus.Of(Code.ResourceExhausted, message, Reason, metadata).RetryAfter(retryAfter);
                if (RefusalStatus.IsGrpc(http.Request))
                {
                    refusal.WriteTrailersOnly(http.Response);
                    return ValueTask.CompletedTask;
                }

                // A REST caller (JSON transcoding): HTTP 429 with Retry-After and the same status as JSON.
                http.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return new ValueTask(Rest.JsonStatusResults.WriteAsync(http, refusal.ToStatus()));
            };
        });
    }
}
