using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Google.Protobuf.WellKnownTypes;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Events;
using Hld.Registry.Api.Hosting;
using Hld.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Hld.Functional.Tests.RegistryTestKit;

namespace Hld.Functional.Tests;

/// <summary>
/// The para 12 deadline is a transition of the stored list, not a timer in a process: a registry started
/// after the list was circulated finalises it, and two replicas sweeping at once finalise it once.
/// </summary>
public sealed class RegistryDeadlineRestartTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly string _prefix = $"r{Guid.NewGuid():N}:";

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    private HostUnderTest<Registry.Api.Grpc.RegistryGrpcService> Replica()
    {
        var host = new HostUnderTest<Registry.Api.Grpc.RegistryGrpcService>(_redis, _prefix, new Dictionary<string, string?>());
        _ = host.Server;
        return host;
    }

    [Fact]
    public async Task A_list_circulated_before_a_restart_becomes_final_once_even_with_two_replicas_sweeping_para12()
    {
        var deadline = new DateTimeOffset(2013, 6, 5, 12, 0, 0, TimeSpan.Zero);
        var before = Replica();
        try
        {
            var registry = Client(before.Channel);
            await RegisterAsync(registry, Organization("ngo-restart-1", ParticipantCategory.OtherNgo));
            await RegisterAsync(registry, Organization("ngo-restart-2", ParticipantCategory.OtherNgo));
            var list = await DraftListAsync(registry, "p12-restart", ListKind.OtherStakeholders, "ngo-restart-1", "ngo-restart-2");
            list = (await registry.RecordListConsultationAsync(new RecordListConsultationRequest { ListId = "p12-restart", HeldOn = new CalendarDate { Year = 2013, Month = 5, Day = 30 }, Summary = "Consulted.", Etag = list.Etag }, Pga)).List;
            await registry.CirculateListAsync(new CirculateListRequest { ListId = "p12-restart", ObjectionDeadline = Timestamp.FromDateTimeOffset(deadline), Etag = list.Etag }, Pga);
        }
        finally
        {
            await StopHostAsync(before);
        }

        var first = Replica();
        var second = Replica();
        try
        {
            await FinalisedOnceAsync(first, second, deadline);
        }
        finally
        {
            await StopHostAsync(first);
            await StopHostAsync(second);
        }
    }

    private static async Task FinalisedOnceAsync(HostUnderTest<Registry.Api.Grpc.RegistryGrpcService> first, HostUnderTest<Registry.Api.Grpc.RegistryGrpcService> second, DateTimeOffset deadline)
    {
        await using var probe = await EventProbe.StartAsync(first.Services, Topics.Of<ListFinalised>());
        Assert.Equal(ListStatus.Circulated, (await Client(first.Channel).GetListAsync(new GetListRequest { ListId = "p12-restart" }, Pga)).List.Status);

        using var sweeps = new SweepCounter(first.Services, second.Services);
        Assert.True(second.Clock.TryMoveTo(deadline.AddSeconds(1)));
        Assert.True(first.Clock.TryMoveTo(deadline.AddSeconds(1)));

        var final = await Eventually.Until(
            async () => (await Client(second.Channel).GetListAsync(new GetListRequest { ListId = "p12-restart" }, Pga)).List,
            l => l.Status == ListStatus.Final,
            what: "a replica to finalise the list");
        Assert.Equal(["ngo-restart-1", "ngo-restart-2"], Assert.Single(await probe.WaitFor<ListFinalised>(e => e.ListId == "p12-restart")).Entries.Select(e => e.ParticipantId));

        // Both replicas go on sweeping past the deadline; the guarded transition leaves the final list alone.
        var (firstSweeps, secondSweeps) = (sweeps.Completed(first.Services), sweeps.Completed(second.Services));
        await Eventually.True(
            () => sweeps.Completed(first.Services) >= firstSweeps + 3 && sweeps.Completed(second.Services) >= secondSweeps + 3,
            what: "both replicas to sweep three more times");
        Assert.Equal(final.Etag, (await Client(first.Channel).GetListAsync(new GetListRequest { ListId = "p12-restart" }, Pga)).List.Etag);
        Assert.Single(probe.Seen<ListFinalised>(), s => s.Event.ListId == "p12-restart");
        Assert.Equal(1, sweeps.Finalised(first.Services) + sweeps.Finalised(second.Services));
    }
}

/// <summary>Reads each replica's deadline-sweep counters (the registry's Hld.Registry meter), told apart by meter instance.</summary>
internal sealed class SweepCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(Meter, string), long> _totals = new();
    private readonly Dictionary<object, Meter> _meters;

    public SweepCounter(params IServiceProvider[] replicas)
    {
        _meters = replicas.ToDictionary(r => (object)r, r => r.GetRequiredService<IMeterFactory>().Create(new MeterOptions(NonObjectionDeadlineSweep.MeterName)));
        var mine = _meters.Values.ToHashSet();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (mine.Contains(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate((instrument.Meter, instrument.Name), value, (_, total) => total + value));
        _listener.Start();
    }

    public long Completed(IServiceProvider replica) => _totals.GetValueOrDefault((_meters[replica], "hld.registry.deadline_sweeps"));

    public long Finalised(IServiceProvider replica) => _totals.GetValueOrDefault((_meters[replica], "hld.registry.lists_finalised_at_deadline"));

    public void Dispose() => _listener.Dispose();
}
