using Hld.Platform.Events;
using Hld.Platform.State;
using Hld.Platform.Tests.Dapr;

namespace Hld.Platform.Tests.Contract;

/// <summary>
/// The contract against the Dapr adapter, through Dapr.Client and the app callback, with a fake
/// sidecar that speaks the Dapr runtime gRPC protocol (daprd cannot be installed here). Both tokens
/// are on, so every call in either direction is authenticated as in Kubernetes. Events go out by
/// bulk publish and come in by bulk delivery, the defaults (decision 008).
/// </summary>
public sealed class DaprAdapterContract() : StateAndEventsContract(new DaprHarnessFactory(bulk: true));

/// <summary>The same contract with bulk publish and bulk subscribe turned off: one call per event each way.</summary>
public sealed class DaprSingleCallAdapterContract() : StateAndEventsContract(new DaprHarnessFactory(bulk: false));

/// <summary>A fake sidecar and an app wired as a host with <c>Hld:Store=Dapr</c>, bulk calls on or off.</summary>
internal sealed class DaprHarnessFactory(bool bulk) : IAdapterHarnessFactory
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
        var app = await DaprAppHost.StartAsync(sidecar, settings: new Dictionary<string, string?>
        {
            ["Hld:Dapr:BulkPublish"] = bulk.ToString(),
            ["Hld:Dapr:BulkSubscribe"] = bulk.ToString(),
        });
        return new Harness(sidecar, app);
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
