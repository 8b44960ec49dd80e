using Hld.Platform.Events;
using Hld.Platform.State;

namespace Hld.Platform.Tests.Contract;

/// <summary>One adapter set up for the contract suite: its store and its bus, on a fresh namespace.</summary>
public interface IAdapterHarness : IAsyncDisposable
{
    IAggregateStore Store { get; }

    IEventBus Bus { get; }
}

/// <summary>Builds a fresh harness per test, with the delivery options the test needs.</summary>
public interface IAdapterHarnessFactory
{
    Task<IAdapterHarness> CreateAsync(EventDeliveryOptions options);

    /// <summary>
    /// Whether the adapter delivers one aggregate's events in commit order. The polling bus does (Redis,
    /// InMemory); Dapr's pub/sub does not promise it, and the outbox relay publishes aggregates as they
    /// are signalled (docs/decisions/004-one-commit.md).
    /// </summary>
    bool OrdersPerAggregate => true;
}
