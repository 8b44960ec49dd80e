using Hld.Platform.State;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hld.Platform.Hosting;

/// <summary>
/// Healthy when the state store answers a read within <see cref="Deadline"/>. Bounded well inside a
/// Kubernetes probe's timeout (2 s in deploy/): a store that does not answer makes the pod not ready
/// in a second, instead of after the store pipeline's own retries and deadline (5 s and more).
/// </summary>
public sealed class StoreHealthCheck(IAggregateStore store) : IHealthCheck
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            await store.GetAsync("platform/health", deadline.Token).WaitAsync(deadline.Token);
            return HealthCheckResult.Healthy();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"The state store did not answer within {Deadline.TotalSeconds:0.#} s.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The state store does not answer.", ex);
        }
    }
}
