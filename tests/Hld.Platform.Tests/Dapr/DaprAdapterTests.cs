using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
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
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Hld.Platform.Tests.Dapr.StoredBookkeeping;
using AppCallbackApi = Dapr.AppCallback.Autogen.Grpc.v1;

namespace Hld.Platform.Tests.Dapr;

/// <summary>
/// What the contract suite cannot see of the Dapr adapter: the outbox between the state write and
/// the publish, the CloudEvent id, the logical version beside the store's etag, and the app callback.
/// </summary>
public sealed class DaprAdapterTests
{
    private static readonly DateTimeOffset At = new(2013, 7, 15, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Events_of_a_commit_whose_process_died_before_publishing_are_published_by_the_next_relay_and_handled_once()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        var lost = Registered("FRA");

        // The first process commits and dies before any relay runs: its events exist only inside
        // the aggregate's value, and its mark in the pending set.
        using (var crashed = BareDaprAdapter.On(sidecar))
        {
            Assert.True(await crashed.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), [lost]));
        }

        Assert.Empty(sidecar.Published);
        Assert.True(Marked(sidecar, "participant/FRA"));

        // The next process: its relay sweeps the pending set at start-up.
        await using var restarted = await DaprAppHost.StartAsync(sidecar);
        await using var consumer = await DaprConsumer.SubscribeAsync(restarted);
        await Eventually.True(() => consumer.Handled(lost.EventId) == 1, what: "the recovered event");

        var sentinel = Registered("ITA");
        Assert.True(await restarted.Store.TryCommitAsync("participant/ITA", 0, Bytes("Italy"), [sentinel]));
        await Eventually.True(() => consumer.Handled(sentinel.EventId) == 1, what: "the sentinel event");
        await Eventually.True(() => !Marked(sidecar, "participant/FRA"), what: "the mark to be dropped");

        Assert.Equal(1, consumer.Handled(lost.EventId));
        Assert.Single(sidecar.Published, p => p.CloudEventId == lost.EventId);
        var stored = await restarted.Store.GetAsync("participant/FRA");
        Assert.Equal(1, stored!.Version);
    }

    [Fact]
    public async Task A_published_event_carries_its_event_id_as_the_cloud_event_id_on_its_topic()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        await using var app = await DaprAppHost.StartAsync(sidecar);
        var envelope = Registered("FRA");

        Assert.True(await app.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), [envelope]));

        // At least once: the commit's own relay and the start-up sweep may both publish before
        // either clears the outbox. Every copy carries the same id, which is what consumers dedupe on.
        var all = await Eventually.Until(() => Task.FromResult(sidecar.Published), p => p.Count >= 1, what: "the publish");
        Assert.All(all, p => Assert.Equal(envelope.EventId, p.CloudEventId));
        var published = all[0];
        Assert.Equal("registry.participant-registered", published.Topic);
        Assert.Equal(envelope.Topic, published.Topic);
        Assert.Equal("pubsub", published.PubsubName);
        Assert.Equal("application/octet-stream", published.DataContentType);
        Assert.Equal(envelope, EventEnvelope.Parser.ParseFrom(published.Data));
    }

    [Fact]
    public async Task Clearing_published_events_moves_the_stores_etag_but_not_the_version_partners_see()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        using var adapter = BareDaprAdapter.On(sidecar);
        var envelope = Registered("FRA");
        Assert.True(await adapter.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), [envelope]));
        Assert.Equal("1", sidecar.EtagOf("participant/FRA"));

        await adapter.Outbox.RelayAsync("participant/FRA", CancellationToken.None);

        Assert.Equal("2", sidecar.EtagOf("participant/FRA"));
        var stored = await adapter.Store.GetAsync("participant/FRA");
        Assert.Equal(1, stored!.Version);
        Assert.Equal("1", stored.Etag);
        Assert.Equal("France", Encoding.UTF8.GetString(stored.Value.Span));
        Assert.Single(sidecar.Published, p => p.CloudEventId == envelope.EventId);
        Assert.False(Marked(sidecar, "participant/FRA"));

        // A partner holding etag "1" still writes.
        Assert.True(await adapter.Store.TryCommitAsync("participant/FRA", 1, Bytes("République française"), []));
        Assert.Equal(2, (await adapter.Store.GetAsync("participant/FRA"))!.Version);
    }

    [Fact]
    public async Task A_commit_that_loses_its_save_to_the_relay_clearing_events_is_retried_not_refused()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        using var adapter = BareDaprAdapter.On(sidecar);
        var first = Registered("FRA");
        var second = Registered("FRA", version: 2);
        Assert.True(await adapter.Store.TryCommitAsync("participant/FRA", 0, Bytes("v1"), [first]));

        // The relay clears the first event between the commit's read and its save.
        sidecar.BeforeNextSave("participant/FRA", () => adapter.Outbox.RelayAsync("participant/FRA", CancellationToken.None));
        Assert.True(await adapter.Store.TryCommitAsync("participant/FRA", 1, Bytes("v2"), [second]));

        var stored = await adapter.Store.GetAsync("participant/FRA");
        Assert.Equal(2, stored!.Version);
        Assert.Equal("v2", Encoding.UTF8.GetString(stored.Value.Span));
        Assert.True(Marked(sidecar, "participant/FRA"));

        await adapter.Outbox.RelayAsync("participant/FRA", CancellationToken.None);
        Assert.Equal([first.EventId, second.EventId], sidecar.Published.Select(p => p.CloudEventId));
        Assert.False(Marked(sidecar, "participant/FRA"));
    }

    [Fact]
    public async Task A_refused_commit_leaves_no_mark_and_publishes_nothing()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        using var adapter = BareDaprAdapter.On(sidecar);
        Assert.True(await adapter.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), []));

        Assert.False(await adapter.Store.TryCommitAsync("participant/FRA", 0, Bytes("stale"), [Registered("FRA")]));

        Assert.False(Marked(sidecar, "participant/FRA"));
        await adapter.Outbox.SweepAsync(CancellationToken.None);
        await adapter.Outbox.RelayAsync("participant/FRA", CancellationToken.None);
        Assert.Empty(sidecar.Published);
    }

    [Fact]
    public async Task The_mark_of_a_commit_that_never_landed_is_kept_while_it_could_land_and_dropped_once_abandoned()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        var clock = new FakeTimeProvider(At);
        using var adapter = BareDaprAdapter.On(sidecar, clock);

        // The sidecar fails the save after the mark was written: the commit's outcome is unknown to it.
        sidecar.BeforeNextSave("participant/FRA", () => throw new RpcException(new Status(StatusCode.Unavailable, "state store is down")));
        await Assert.ThrowsAnyAsync<Exception>(() => adapter.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), [Registered("FRA")]));
        Assert.True(Marked(sidecar, "participant/FRA"));

        await adapter.Outbox.RelayAsync("participant/FRA", CancellationToken.None);
        Assert.True(Marked(sidecar, "participant/FRA"));

        clock.Advance(TimeSpan.FromMinutes(6));
        await adapter.Outbox.RelayAsync("participant/FRA", CancellationToken.None);
        Assert.False(Marked(sidecar, "participant/FRA"));
        Assert.Null(await adapter.Store.GetAsync("participant/FRA"));
        Assert.Empty(sidecar.Published);
    }

    [Fact]
    public async Task Subscriptions_name_the_apps_dead_letter_topic_and_the_sidecar_moves_an_event_there_when_its_attempts_run_out()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync(new FakeSidecarSettings { MaxDeliveryAttempts = 3 });
        await using var app = await DaprAppHost.StartAsync(sidecar);

        // The platform's own limit is out of reach here, so only the sidecar's safety net acts.
        await using var consumer = await DaprConsumer.SubscribeAsync(app, maxAttempts: 1000, fail: true);
        using var channel = GrpcChannel.ForAddress(app.Endpoint);
        var subscriptions = await channel.CreateCallInvoker().AsyncUnaryCall(DaprWire.ListTopicSubscriptions, null, default, new Empty());
        var subscription = Assert.Single(subscriptions.Subscriptions);
        Assert.Equal("registry.participant-registered", subscription.Topic);
        Assert.Equal("pubsub", subscription.PubsubName);
        Assert.Equal($"{DaprAppHost.AppId}.dead-letter", subscription.DeadLetterTopic);

        var envelope = Registered("FRA");
        Assert.True(await app.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), [envelope]));

        var dead = (await Eventually.Until(() => Task.FromResult(sidecar.DeadLettered), d => d.Count == 1, what: "the sidecar's dead letter"))[0];
        Assert.Equal(envelope.EventId, dead.CloudEventId);
        Assert.Equal("contract-app.dead-letter", dead.DeadLetterTopic);
        Assert.Equal(3, dead.Attempts);
        Assert.Equal(3, consumer.Attempts(envelope.EventId));

        // Through bulk deliveries, each answered RETRY for the event until the sidecar gave up.
        Assert.Equal(3, sidecar.Deliveries.Count);
        Assert.All(sidecar.Deliveries, d => Assert.Equal((DaprWire.OnBulkTopicEvent.Name, "RETRY"), (d.Method, Assert.Single(d.Entries).Status)));
    }

    [Fact]
    public async Task The_app_callback_refuses_a_caller_without_the_app_api_token()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync(new FakeSidecarSettings { AppApiToken = "the-app-token" });
        await using var app = await DaprAppHost.StartAsync(sidecar);
        await using var consumer = await DaprConsumer.SubscribeAsync(app);
        using var channel = GrpcChannel.ForAddress(app.Endpoint);
        var invoker = channel.CreateCallInvoker();
        var forged = new AppCallbackApi.TopicEventRequest { Id = "forged", Topic = "registry.participant-registered", PubsubName = "pubsub", Data = Registered("XXX").ToByteString() };

        var anonymous = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(DaprWire.OnTopicEvent, null, default, forged));
        var wrong = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(DaprWire.OnTopicEvent, null, new CallOptions(new Metadata { { "dapr-api-token", "guessed" } }), forged));
        Assert.Equal(StatusCode.PermissionDenied, anonymous.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, wrong.StatusCode);

        // The sidecar, which holds the token, still delivers.
        var envelope = Registered("FRA");
        Assert.True(await app.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), [envelope]));
        await Eventually.True(() => consumer.Handled(envelope.EventId) == 1, what: "the delivery through the sidecar");
        Assert.Equal(0, consumer.Handled("forged"));
    }

    [Fact]
    public async Task A_host_with_the_Dapr_store_takes_events_from_its_sidecar_without_a_jwt_and_refuses_callers_without_the_app_token()
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
        builder.AddServiceDefaults("hld-dapr-host");
        var handled = new ConcurrentQueue<string>();
        builder.Services.AddSingleton(new RecordingHandler(handled));
        builder.Services.AddEventHandler<ParticipantRegistered, RecordingHandler>();
        await using var host = builder.Build();
        host.MapServiceDefaults();
        await host.StartAsync();
        sidecar.AttachApp(host.Urls.First());

        Assert.IsType<DaprAggregateStore>(host.Services.GetRequiredService<IAggregateStore>());
        var envelope = Registered("FRA");
        Assert.True(await host.Services.GetRequiredService<IAggregateStore>().TryCommitAsync("participant/FRA", 0, Bytes("France"), [envelope]));
        await Eventually.True(() => handled.Contains(envelope.EventId), what: "the event through the host's app callback");

        // No JWT is asked of anyone on the callback; the app token is.
        using var channel = GrpcChannel.ForAddress(host.Urls.First());
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await channel.CreateCallInvoker().AsyncUnaryCall(DaprWire.ListTopicSubscriptions, null, default, new Empty()));
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        await host.StopAsync();
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static EventEnvelope Registered(string participantId, long version = 1) =>
        EventEnvelopes.Create(ParticipantRegistered.Of(new Participant { ParticipantId = participantId, Category = ParticipantCategory.MemberState }), $"participant/{participantId}", version, At, "dapr-test");

    private sealed class RecordingHandler(ConcurrentQueue<string> handled) : IEventHandler<ParticipantRegistered>
    {
        public Task HandleAsync(ParticipantRegistered @event, EventEnvelope envelope, CancellationToken cancellationToken)
        {
            handled.Enqueue(envelope.EventId);
            return Task.CompletedTask;
        }
    }
}
