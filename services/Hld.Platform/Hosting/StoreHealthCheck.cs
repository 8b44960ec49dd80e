using Hld.Platform.State;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hld.Platform.Hosting;

/// <summary>Healthy when the state store answers a read.</summary>
public sealed class StoreHealthCheck(IAggregateStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.GetAsync("platform/health", cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The state store does not answer.", ex);
        }
    }
}
