using Hld.Contracts.Events.V1;
using Hld.Platform.Dapr;
using Hld.Platform.Events;
using Hld.Platform.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Tests.Dapr;

/// <summary>
/// The store, outbox and log of one process whose relay service never runs: what a crash right
/// after a save leaves, and a way to drive the relay by hand. Two of them on one sidecar are two
/// processes, each with its own in-process state.
/// </summary>
internal sealed class BareDaprAdapter : IDisposable
{
    private readonly DaprSidecar _sidecar;

    private BareDaprAdapter(DaprSidecar sidecar, DaprOptions options, TimeProvider clock)
    {
        _sidecar = sidecar;
        // Reporting's event-store log, read by position, as the reporting host declares it.
        Log = new DaprEventLog(sidecar, Options.Create(options), [new PositionalLogTopic(Topics.Of<EventStored>())], NullLogger<DaprEventLog>.Instance);
        Outbox = new DaprOutbox(sidecar, Log, new DaprPublisher(sidecar, Options.Create(options), NullLogger<DaprPublisher>.Instance), clock, NullLogger<DaprOutbox>.Instance);
        Store = new DaprAggregateStore(Outbox);
    }

    public DaprOutbox Outbox { get; }

    public DaprEventLog Log { get; }

    public IAggregateStore Store { get; }

    public static BareDaprAdapter On(FakeDaprSidecar fake, TimeProvider? clock = null, int? logChunkEntries = null, bool bulkPublish = true)
    {
        var options = new DaprOptions { GrpcEndpoint = fake.GrpcEndpoint, ApiToken = fake.Settings.ApiToken, BulkPublish = bulkPublish };
        if (logChunkEntries is { } entries)
        {
            options.LogChunkEntries = entries;
        }

        return new BareDaprAdapter(new DaprSidecar(Options.Create(options)), options, clock ?? TimeProvider.System);
    }

    public void Dispose() => _sidecar.Dispose();
}
