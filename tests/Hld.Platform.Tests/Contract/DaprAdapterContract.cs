using Hld.Platform.Events;
using Hld.Platform.State;
using Hld.Platform.Tests.Dapr;

namespace Hld.Platform.Tests.Contract;

/// <summary>
/// The contract against the Dapr adapter, through Dapr.Client and the app callback, with a fake
/// sidecar that speaks the Dapr runtime gRPC protocol (daprd cannot be installed here). Both tokens
/// are on, so every call in either direction is authenticated as in Kubernetes.
/// </summary>
public sealed class DaprAdapterContract() : StateAndEventsContract(new DaprHarnessFactory())
{
    private sealed class DaprHarnessFactory : IAdapterHarnessFactory
    {
        public bool OrdersPerAggregate => false;

        // Delivery options belong to the sidecar's resiliency policy under Dapr; the dispatcher
        // above the bus still applies MaxAttempts, which the sidecar's own limit exceeds.
        public async Task<IAdapterHarness> CreateAsync(EventDeliveryOptions options)
        {
            var sidecar = await FakeDaprSidecar.StartAsync(new FakeSidecarSettings
            {
                ApiToken = "dapr-api-token-for-tests",
                AppApiToken = "app-api-token-for-tests",
                MaxDeliveryAttempts = options.MaxAttempts + 5,
            });
            var app = await DaprAppHost.StartAsync(sidecar);
            return new Harness(sidecar, app);
        }
    }

    private sealed class Harness(FakeDaprSidecar sidecar, DaprAppHost app) : IAdapterHarness
    {
        public IAggregateStore Store => app.Store;

        public IEventBus Bus => app.Bus;

        public async ValueTask DisposeAsync()
        {
            await app.DisposeAsync();
            await sidecar.DisposeAsync();
        }
    }
}
