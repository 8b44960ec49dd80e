using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Dapr.Client;
using Google.Protobuf;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Dapr;
using Hld.Platform.Events;
using Hld.Platform.Hosting;
using Hld.Platform.State;
using Hld.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;
using static Hld.Platform.Tests.Dapr.StoredBookkeeping;

namespace Hld.Platform.Tests.Dapr;

/// <summary>The positional-read contract against the Dapr adapter, through the fake sidecar and the production registration.</summary>
public sealed class DaprEventLogReaderTests : EventLogReaderContract, IAsyncLifetime
{
    private FakeDaprSidecar? _sidecar;
    private DaprAppHost? _app;

    public async Task InitializeAsync()
    {
        _sidecar = await FakeDaprSidecar.StartAsync();
        _app = await DaprAppHost.StartAsync(_sidecar);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_sidecar is not null)
        {
            await _sidecar.DisposeAsync();
        }
    }

    protected override (IAggregateStore Store, IEventLogReader Reader) Create() =>
        (_app!.Store, _app.Services.GetRequiredService<IEventLogReader>());
}

/// <summary>
/// What the contract cannot see of the Dapr log: idempotent appends after a crash or a race, positions
/// across chunks, concurrent writers in several processes, and a host that stores and reads back.
/// </summary>
public sealed class DaprEventLogTests
{
    private static readonly DateTimeOffset At = new(2013, 7, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly string LogTopic = Topics.Of<EventStored>();
    private static readonly byte[] Value = [1];

    [Fact]
    public async Task An_append_retried_after_the_relay_died_before_clearing_adds_nothing_even_chunks_later()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();

        // The first process appends the entry; then its clear of the aggregate fails, as if it died
        // between the two: the event is in the log and still pending in the aggregate.
        using (var crashed = BareDaprAdapter.On(sidecar, logChunkEntries: 4))
        {
            sidecar.BeforeNextSave(DaprEventLog.ChunkKey(LogTopic, 0), () =>
            {
                sidecar.BeforeNextSave("reporting/events/a", () => throw new RpcException(new Status(StatusCode.Unavailable, "sidecar went away")));
                return Task.CompletedTask;
            });
            Assert.True(await crashed.Store.TryCommitAsync("reporting/events/a", 0, Value, [Stored("a")]));
        }

        Assert.Equal(1, PendingCount(sidecar, "reporting/events/a"));

        // Other processes fill two chunks and open a third meanwhile.
        using (var busy = BareDaprAdapter.On(sidecar, logChunkEntries: 4))
        {
            foreach (var id in "bcdefghij")
            {
                Assert.True(await busy.Store.TryCommitAsync($"reporting/events/{id}", 0, Value, [Stored(id.ToString())]));
            }
        }

        // The next process retries the relay of the first key, knowing nothing of the log in memory.
        using var next = BareDaprAdapter.On(sidecar, logChunkEntries: 4);
        await next.Outbox.RelayAsync("reporting/events/a", CancellationToken.None);

        var log = await next.Log.ReadAfterAsync(LogTopic, string.Empty, 100, CancellationToken.None);
        Assert.Equal(["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], log.Select(InnerId));
        Assert.Equal(0, PendingCount(sidecar, "reporting/events/a"));
        Assert.Equal(1, (await next.Store.GetAsync("reporting/events/a"))!.Version);
    }

    [Fact]
    public async Task An_event_whose_append_failed_is_appended_once_by_the_next_relay_at_the_end_of_the_log()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        using var adapter = BareDaprAdapter.On(sidecar);
        sidecar.BeforeNextSave(DaprEventLog.ChunkKey(LogTopic, 0), () => throw new RpcException(new Status(StatusCode.Unavailable, "sidecar went away")));

        // The commit stands even though its append failed; its event waits in the aggregate.
        Assert.True(await adapter.Store.TryCommitAsync("reporting/events/a", 0, Value, [Stored("a")]));
        Assert.Empty(await adapter.Log.ReadAfterAsync(LogTopic, string.Empty, 10, CancellationToken.None));
        Assert.True(await adapter.Store.TryCommitAsync("reporting/events/b", 0, Value, [Stored("b")]));

        await adapter.Outbox.RelayAsync("reporting/events/a", CancellationToken.None);
        await adapter.Outbox.RelayAsync("reporting/events/a", CancellationToken.None);

        var log = await adapter.Log.ReadAfterAsync(LogTopic, string.Empty, 10, CancellationToken.None);
        Assert.Equal(["b", "a"], log.Select(InnerId));
        Assert.Equal(0, PendingCount(sidecar, "reporting/events/a"));
    }

    [Fact]
    public async Task Two_processes_relaying_one_key_at_once_append_its_event_once()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        using var first = BareDaprAdapter.On(sidecar);
        using var second = BareDaprAdapter.On(sidecar);

        // The second process relays the whole key between the first one's read of the chunk and its save.
        var raced = false;
        sidecar.BeforeNextSave(DaprEventLog.ChunkKey(LogTopic, 0), () =>
        {
            raced = true;
            return second.Outbox.RelayAsync("reporting/events/a", CancellationToken.None);
        });
        Assert.True(await first.Store.TryCommitAsync("reporting/events/a", 0, Value, [Stored("a")]));
        Assert.True(raced);

        var log = await first.Log.ReadAfterAsync(LogTopic, string.Empty, 10, CancellationToken.None);
        Assert.Equal(["a"], log.Select(InnerId));
        Assert.Equal(0, PendingCount(sidecar, "reporting/events/a"));
    }

    [Fact]
    public async Task Positions_follow_log_order_and_stay_the_same_across_reads_and_chunk_boundaries()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        using var adapter = BareDaprAdapter.On(sidecar, logChunkEntries: 4);
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await adapter.Store.TryCommitAsync($"reporting/events/{i}", 0, Value, [Stored($"e{i}")]));
        }

        var all = await adapter.Log.ReadAfterAsync(LogTopic, string.Empty, 100, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"e{i}"), all.Select(InnerId));
        Assert.Equal(
            [.. Enumerable.Range(0, 10).Select(i => DaprEventLog.PositionOf(i / 4, i % 4))],
            all.Select(e => e.Position).ToArray());
        Assert.Equal(all.Select(e => e.Position), all.Select(e => e.Position).Order(StringComparer.Ordinal));

        // Reading in pages of three, across both chunk boundaries, gives the same entries at the same positions.
        var paged = new List<PositionedEnvelope>();
        var position = string.Empty;
        while (await adapter.Log.ReadAfterAsync(LogTopic, position, 3, CancellationToken.None) is { Count: > 0 } page)
        {
            paged.AddRange(page);
            position = page[^1].Position;
        }

        Assert.Equal(all.Select(e => (e.Position, InnerId(e))), paged.Select(e => (e.Position, InnerId(e))));

        // The last entry of a sealed chunk is followed by the first of the next.
        var afterBoundary = await adapter.Log.ReadAfterAsync(LogTopic, DaprEventLog.PositionOf(0, 3), 1, CancellationToken.None);
        Assert.Equal((DaprEventLog.PositionOf(1, 0), "e4"), (afterBoundary[0].Position, InnerId(afterBoundary[0])));

        // Later appends, from another process, leave earlier positions alone and continue the log.
        using var other = BareDaprAdapter.On(sidecar, logChunkEntries: 4);
        for (var i = 10; i < 13; i++)
        {
            Assert.True(await other.Store.TryCommitAsync($"reporting/events/{i}", 0, Value, [Stored($"e{i}")]));
        }

        var again = await other.Log.ReadAfterAsync(LogTopic, string.Empty, 100, CancellationToken.None);
        Assert.Equal(all.Select(e => (e.Position, InnerId(e))), again.Take(10).Select(e => (e.Position, InnerId(e))));
        Assert.Equal(["e10", "e11", "e12"], (await other.Log.ReadAfterAsync(LogTopic, all[^1].Position, 100, CancellationToken.None)).Select(InnerId));
        Assert.True(Sealed(sidecar, 0) && Sealed(sidecar, 1) && Sealed(sidecar, 2));
        Assert.False(Sealed(sidecar, 3));
        using var head = sidecar.StoredJson(DaprEventLog.HeadKey(LogTopic));
        Assert.Equal(3, head!.RootElement.GetProperty("chunk").GetInt64());
    }

    [Fact]
    public async Task A_head_ahead_of_the_log_after_state_was_lost_does_not_open_a_gap_readers_would_stop_at()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        using (var first = BareDaprAdapter.On(sidecar, logChunkEntries: 4))
        {
            Assert.True(await first.Store.TryCommitAsync("reporting/events/a", 0, Value, [Stored("a")]));
        }

        // The head says chunk 2 while only chunk 0, still open, exists.
        using (var client = new DaprClientBuilder().UseGrpcEndpoint(sidecar.GrpcEndpoint).Build())
        {
            await client.SaveStateAsync(sidecar.Settings.StateStore, DaprEventLog.HeadKey(LogTopic), new { chunk = 2 });
        }

        using var next = BareDaprAdapter.On(sidecar, logChunkEntries: 4);
        Assert.True(await next.Store.TryCommitAsync("reporting/events/b", 0, Value, [Stored("b")]));
        Assert.True(await next.Store.TryCommitAsync("reporting/events/c", 0, Value, [Stored("c")]));

        var log = await next.Log.ReadAfterAsync(LogTopic, string.Empty, 10, CancellationToken.None);
        Assert.Equal([("a", DaprEventLog.PositionOf(0, 0)), ("b", DaprEventLog.PositionOf(0, 1)), ("c", DaprEventLog.PositionOf(0, 2))], log.Select(e => (InnerId(e), e.Position)));
        Assert.Null(sidecar.StoredJson(DaprEventLog.ChunkKey(LogTopic, 2)));
    }

    [Fact]
    public async Task Concurrent_commits_of_many_aggregates_in_two_processes_each_appear_once_in_aggregate_order()
    {
        const int Aggregates = 12;
        const int Commits = 25;
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        await using var one = await DaprAppHost.StartAsync(sidecar);
        await using var two = await DaprAppHost.StartAsync(sidecar);

        // 300 entries at the default chunk size: the log crosses a chunk boundary under contention.
        await Task.WhenAll(Enumerable.Range(0, Aggregates).Select(a => Task.Run(async () =>
        {
            var store = (a % 2 == 0 ? one : two).Store;
            var key = $"reporting/stream/{a}";
            for (var version = 1; version <= Commits; version++)
            {
                Assert.True(await store.TryCommitAsync(key, version - 1, new byte[] { (byte)version }, [Stored($"{a}-{version}", key, version)]));
            }
        })));

        var reader = one.Services.GetRequiredService<IEventLogReader>();
        var log = await Eventually.Until(
            () => reader.ReadAfterAsync(LogTopic, string.Empty, 10_000, CancellationToken.None),
            l => l.Count >= Aggregates * Commits,
            what: "every commit's entry in the log");

        Assert.Equal(Aggregates * Commits, log.Count);
        Assert.Equal(Aggregates * Commits, log.Select(InnerId).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(log.Select(e => e.Position), log.Select(e => e.Position).Order(StringComparer.Ordinal));
        Assert.Equal(log.Count, log.Select(e => e.Position).Distinct(StringComparer.Ordinal).Count());
        Assert.True(Sealed(sidecar, 0));
        for (var a = 0; a < Aggregates; a++)
        {
            var prefix = $"{a}-";
            Assert.Equal(
                Enumerable.Range(1, Commits).Select(v => $"{a}-{v}"),
                log.Select(InnerId).Where(id => id.StartsWith(prefix, StringComparison.Ordinal)));
        }

        // A reader of the second process sees the same log.
        var seenByTwo = await two.Services.GetRequiredService<IEventLogReader>().ReadAfterAsync(LogTopic, string.Empty, 10_000, CancellationToken.None);
        Assert.Equal(log.Select(e => (e.Position, InnerId(e))), seenByTwo.Select(e => (e.Position, InnerId(e))));
    }

    [Fact]
    public async Task Log_topics_go_to_the_log_and_wake_readers_in_process_while_other_topics_are_published_as_before()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        using var adapter = BareDaprAdapter.On(sidecar);
        var woken = new ConcurrentQueue<string>();
        ((IEventStreamLog)adapter.Log).Appended += woken.Enqueue;
        var registered = EventEnvelopes.Create(ParticipantRegistered.Of(new Participant { ParticipantId = "FRA", Category = ParticipantCategory.MemberState }), "reporting/mixed", 1, At, "test");

        Assert.True(await adapter.Store.TryCommitAsync("reporting/mixed", 0, Value, [Stored("a", "reporting/mixed"), registered]));

        Assert.Equal([LogTopic], woken);
        Assert.Equal(["a"], (await adapter.Log.ReadAfterAsync(LogTopic, string.Empty, 10, CancellationToken.None)).Select(InnerId));
        var published = Assert.Single(sidecar.Published);
        Assert.Equal("registry.participant-registered", published.Topic);
        Assert.Equal(registered, EventEnvelope.Parser.ParseFrom(published.Data));
        Assert.Equal(0, PendingCount(sidecar, "reporting/mixed"));
    }

    [Fact]
    public async Task Subscribing_to_a_log_topic_or_reading_another_topic_by_position_is_refused()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        await using var app = await DaprAppHost.StartAsync(sidecar);

        var subscribe = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            app.Bus.SubscribeAsync("group", [LogTopic], (_, _) => Task.CompletedTask));
        Assert.Contains("Hld:Dapr:LogTopics", subscribe.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            app.Services.GetRequiredService<IEventLogReader>().ReadAfterAsync("registry.participant-registered", string.Empty, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Log_topics_are_configurable()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        await using var app = await DaprAppHost.StartAsync(sidecar, settings: new Dictionary<string, string?>
        {
            ["Hld:Dapr:LogTopics:0"] = "registry.participant-registered",
        });
        var envelope = EventEnvelopes.Create(ParticipantRegistered.Of(new Participant { ParticipantId = "FRA", Category = ParticipantCategory.MemberState }), "participant/FRA", 1, At, "test");

        Assert.True(await app.Store.TryCommitAsync("participant/FRA", 0, Value, [envelope]));

        var log = await app.Services.GetRequiredService<IEventLogReader>().ReadAfterAsync("registry.participant-registered", string.Empty, 10, CancellationToken.None);
        Assert.Equal([envelope], log.Select(e => e.Envelope));
        Assert.Empty(sidecar.Published);
        // Configuration adds to the topics the service declares; it cannot take away one a reader needs.
        Assert.True(app.Services.GetRequiredService<DaprEventLog>().IsLogTopic(LogTopic));
        Assert.False(app.Services.GetRequiredService<DaprEventLog>().IsLogTopic("registry.participant-updated"));
    }

    [Fact]
    public async Task A_host_with_the_Dapr_store_stores_a_received_event_and_reads_it_back_from_its_log_by_position()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync(new FakeSidecarSettings { AppApiToken = "the-app-token" });
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hld:Store"] = "Dapr",
            ["Hld:Dapr:GrpcEndpoint"] = sidecar.GrpcEndpoint,
            ["Hld:Dapr:AppApiToken"] = "the-app-token",
        });
        builder.AddServiceDefaults("hld-reporting");
        builder.Services.AddPositionalLog(LogTopic);

        // What the reporting service's event store does with each received event: the first write of
        // its key, committed together with an EventStored entry for the log.
        builder.Services.AddSingleton(new EventSubscription("registry.participant-registered", (provider, envelope, ct) =>
        {
            var key = $"reporting/events/{envelope.EventId}";
            var stored = EventEnvelopes.Create(new EventStored { Envelope = envelope }, key, 1, At, "hld-reporting");
            return provider.GetRequiredService<IAggregateStore>().TryCommitAsync(key, 0, envelope.ToByteArray(), [stored], ct);
        }));
        await using var host = builder.Build();
        host.MapServiceDefaults();
        var woken = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        host.Services.GetRequiredService<IEventStreamLog>().Appended += topic => woken.TrySetResult(topic);
        await host.StartAsync();
        sidecar.AttachApp(host.Urls.First());

        // Another service's event arrives through pub/sub and the app callback.
        using (var registry = BareDaprAdapter.On(sidecar))
        {
            var registered = EventEnvelopes.Create(ParticipantRegistered.Of(new Participant { ParticipantId = "FRA", Category = ParticipantCategory.MemberState }), "participant/FRA", 1, At, "hld-registry");
            Assert.True(await registry.Store.TryCommitAsync("participant/FRA", 0, Value, [registered]));
            await registry.Outbox.RelayAsync("participant/FRA", CancellationToken.None);

            var reader = host.Services.GetRequiredService<IEventLogReader>();
            Assert.IsType<DaprEventLog>(reader);
            var entries = await Eventually.Until(() => reader.ReadAfterAsync(LogTopic, string.Empty, 10, CancellationToken.None), l => l.Count > 0, what: "the stored event in the log");

            var entry = Assert.Single(entries);
            Assert.Equal(DaprEventLog.PositionOf(0, 0), entry.Position);
            Assert.Equal(registered, entry.Envelope.Payload.Unpack<EventStored>().Envelope);
            Assert.Empty(await reader.ReadAfterAsync(LogTopic, entry.Position, 10, CancellationToken.None));
            Assert.Equal(LogTopic, await woken.Task.WaitAsync(TimeSpan.FromSeconds(15)));
            Assert.Equal(1, (await host.Services.GetRequiredService<IAggregateStore>().GetAsync($"reporting/events/{registered.EventId}"))!.Version);
            Assert.DoesNotContain(sidecar.Published, p => p.Topic == LogTopic);
        }

        await host.StopAsync();
    }

    private static EventEnvelope Stored(string innerId, string? key = null, long version = 1) =>
        EventEnvelopes.Create(new EventStored { Envelope = new EventEnvelope { EventId = innerId } }, key ?? $"reporting/events/{innerId}", version, At, "test");

    private static string InnerId(PositionedEnvelope entry) => entry.Envelope.Payload.Unpack<EventStored>().Envelope.EventId;

    private static bool Sealed(FakeDaprSidecar sidecar, long chunk)
    {
        using var stored = sidecar.StoredJson(DaprEventLog.ChunkKey(LogTopic, chunk));
        return stored is not null && stored.RootElement.GetProperty("sealed").GetBoolean();
    }
}
