using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Dapr;
using Hld.Platform.Events;
using Hld.Testing;
using Xunit;
using static Hld.Platform.Tests.Dapr.StoredBookkeeping;
using AppCallbackApi = Dapr.AppCallback.Autogen.Grpc.v1;

namespace Hld.Platform.Tests.Dapr;

/// <summary>
/// Bulk publish and bulk delivery through the fake sidecar (decision 008): order per aggregate
/// although the sidecar publishes a bulk's entries in any order, a failed entry sent again alone,
/// per-entry statuses, and nothing applied twice.
/// </summary>
public sealed class DaprBulkTests
{
    private const string Topic = "registry.participant-registered";
    private static readonly DateTimeOffset At = new(2013, 7, 15, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_relay_publishes_waiting_aggregates_in_waves_of_bulk_requests_each_aggregates_events_in_commit_order()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        using var adapter = BareDaprAdapter.On(sidecar);
        var committed = await CommitAsync(adapter, ["FRA", "ITA", "BRA", "KEN", "JPN"], commits: 3);

        await adapter.Outbox.RelayAsync([.. committed.Keys], CancellationToken.None);

        var published = sidecar.Published;
        Assert.All(published, p => Assert.Equal(DaprWire.BulkPublishEvent.Name, p.Method));
        Assert.Equal(committed.Values.SelectMany(ids => ids).Order(StringComparer.Ordinal), published.Select(p => p.CloudEventId).Order(StringComparer.Ordinal));
        foreach (var (key, ids) in committed)
        {
            Assert.Equal(ids, published.Select(p => p.CloudEventId).Where(ids.Contains));
            Assert.Equal(0, PendingCount(sidecar, key));
        }

        // Three waves, each with one event of every aggregate, each entry named by its event id.
        var requests = sidecar.BulkPublishRequests;
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(committed.Count, r.Entries.Count));
        Assert.All(requests.SelectMany(r => r.Entries), e =>
        {
            Assert.Equal(e.EntryId, e.Metadata["cloudevent.id"]);
            Assert.Equal("application/octet-stream", e.ContentType);
        });
    }

    [Fact]
    public async Task An_entry_the_sidecar_reports_failed_is_sent_again_alone_and_its_aggregates_later_events_wait_for_it()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        using var adapter = BareDaprAdapter.On(sidecar);
        var committed = await CommitAsync(adapter, ["FRA", "ITA"], commits: 2);
        var (fra1, fra2) = (committed["participant/FRA"][0], committed["participant/FRA"][1]);
        var (ita1, ita2) = (committed["participant/ITA"][0], committed["participant/ITA"][1]);
        sidecar.FailPublishing(fra1);

        await adapter.Outbox.RelayAsync([.. committed.Keys], CancellationToken.None);

        Assert.Equal(
            [Sorted([fra1, ita1]), Sorted([fra1, ita2]), [fra2]],
            sidecar.BulkPublishRequests.Select(r => Sorted([.. r.Entries.Select(e => e.EntryId)])));
        Assert.Equal([fra1, fra2], sidecar.Published.Select(p => p.CloudEventId).Where(id => id == fra1 || id == fra2));
        Assert.Single(sidecar.Published, p => p.CloudEventId == ita1);
        Assert.Equal(0, PendingCount(sidecar, "participant/FRA"));
        Assert.False(Marked(sidecar, "participant/FRA"));
    }

    [Fact]
    public async Task An_entry_that_keeps_failing_leaves_its_aggregate_pending_and_marked_and_the_other_aggregates_go_out()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        using var adapter = BareDaprAdapter.On(sidecar);
        var committed = await CommitAsync(adapter, ["FRA", "ITA"], commits: 2);
        var fra1 = committed["participant/FRA"][0];
        sidecar.FailPublishing(fra1, times: DaprPublisher.EntryAttempts);

        await adapter.Outbox.RelayAsync([.. committed.Keys], CancellationToken.None);

        Assert.DoesNotContain(sidecar.Published, p => committed["participant/FRA"].Contains(p.CloudEventId));
        Assert.Equal(committed["participant/ITA"], sidecar.Published.Select(p => p.CloudEventId));
        Assert.Equal(2, PendingCount(sidecar, "participant/FRA"));
        Assert.True(Marked(sidecar, "participant/FRA"));

        // The next sweep's relay carries on from it.
        await adapter.Outbox.RelayAsync("participant/FRA", CancellationToken.None);
        Assert.Equal(committed["participant/FRA"], sidecar.Published.Select(p => p.CloudEventId).Where(committed["participant/FRA"].Contains));
        Assert.False(Marked(sidecar, "participant/FRA"));
    }

    [Fact]
    public async Task A_bulk_call_that_fails_as_a_whole_after_publishing_some_entries_is_sent_again_and_each_event_is_handled_once_in_order()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();

        // The app runs no relay of its own, so the relay below is the only one. (With one that swept at
        // start-up only, a start-up delayed on a loaded machine swept after the commits and took the failure.)
        await using var app = await DaprAppHost.StartAsync(sidecar, relay: false);
        await using var consumer = await DaprConsumer.SubscribeAsync(app);
        using var relay = BareDaprAdapter.On(sidecar);
        var committed = await CommitAsync(relay, ["FRA", "ITA", "BRA"], commits: 2);

        // As daprd on Redis: FRA's first event fails, the others of its request go out, and the
        // answer is INTERNAL without naming an entry. The whole request goes again.
        sidecar.FailPublishing(committed["participant/FRA"][0], how: PublishFailure.WholeCall);
        await relay.Outbox.RelayAsync([.. committed.Keys], CancellationToken.None);

        var all = committed.Values.SelectMany(ids => ids).ToList();
        await Eventually.True(() => all.All(id => consumer.Handled(id) == 1), what: "every event handled");
        await Eventually.True(() => committed.Keys.All(k => !Marked(sidecar, k)), what: "every mark dropped");

        Assert.All(all, id => Assert.Equal(1, consumer.Handled(id)));
        Assert.Contains(sidecar.Published.GroupBy(p => p.CloudEventId), g => g.Count() > 1);
        foreach (var ids in committed.Values)
        {
            Assert.Equal(ids, sidecar.Published.Select(p => p.CloudEventId).Where(ids.Contains).Distinct());
            Assert.Equal(ids, consumer.Effects.Where(ids.Contains));
        }
    }

    [Fact]
    public async Task A_sidecar_before_1_18_without_the_stable_bulk_publish_gets_Alpha1()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync(new FakeSidecarSettings { ServesStableBulkPublish = false });
        using var adapter = BareDaprAdapter.On(sidecar);
        var committed = await CommitAsync(adapter, ["FRA", "ITA"], commits: 2);

        await adapter.Outbox.RelayAsync([.. committed.Keys], CancellationToken.None);

        Assert.Equal(4, sidecar.Published.Count);
        Assert.All(sidecar.Published, p => Assert.Equal(DaprWire.BulkPublishEventAlpha1.Name, p.Method));
    }

    [Fact]
    public async Task With_bulk_publish_off_the_relay_publishes_one_event_per_call_in_commit_order()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        using var adapter = BareDaprAdapter.On(sidecar, bulkPublish: false);
        var committed = await CommitAsync(adapter, ["FRA", "ITA"], commits: 2);

        await adapter.Outbox.RelayAsync([.. committed.Keys], CancellationToken.None);

        Assert.Empty(sidecar.BulkPublishRequests);
        Assert.All(sidecar.Published, p => Assert.Equal(DaprWire.PublishEvent.Name, p.Method));
        foreach (var ids in committed.Values)
        {
            Assert.Equal(ids, sidecar.Published.Select(p => p.CloudEventId).Where(ids.Contains));
        }
    }

    [Fact]
    public async Task Subscriptions_ask_for_bulk_delivery_with_raw_payload_and_the_configured_limits()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        await using var app = await DaprAppHost.StartAsync(sidecar, settings: new Dictionary<string, string?>
        {
            ["Hld:Dapr:BulkSubscribeMaxMessages"] = "7",
            ["Hld:Dapr:BulkSubscribeMaxAwait"] = "00:00:00.020",
        });
        await using var consumer = await DaprConsumer.SubscribeAsync(app);

        var subscription = Assert.Single((await ListSubscriptionsAsync(app)).Subscriptions);

        Assert.Equal(Topic, subscription.Topic);
        Assert.True(subscription.BulkSubscribe.Enabled);
        Assert.Equal(7, subscription.BulkSubscribe.MaxMessagesCount);
        Assert.Equal(20, subscription.BulkSubscribe.MaxAwaitDurationMs);
        Assert.Equal("true", subscription.Metadata[DaprAppCallbackService.RawPayload]);
        Assert.Equal($"{DaprAppHost.AppId}.dead-letter", subscription.DeadLetterTopic);
    }

    [Fact]
    public async Task With_bulk_subscribe_off_subscriptions_ask_for_single_deliveries_and_events_still_arrive()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        await using var app = await DaprAppHost.StartAsync(sidecar, settings: new Dictionary<string, string?> { ["Hld:Dapr:BulkSubscribe"] = "false" });
        await using var consumer = await DaprConsumer.SubscribeAsync(app);

        var subscription = Assert.Single((await ListSubscriptionsAsync(app)).Subscriptions);
        Assert.Null(subscription.BulkSubscribe);
        Assert.Empty(subscription.Metadata);

        var envelope = Registered("FRA", 1);
        Assert.True(await app.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), [envelope]));
        await Eventually.True(() => consumer.Handled(envelope.EventId) == 1, what: "the single delivery");
        Assert.All(sidecar.Deliveries, d => Assert.Equal(DaprWire.OnTopicEvent.Name, d.Method));
    }

    [Fact]
    public async Task A_bulk_delivery_answers_each_entry_and_an_entry_answered_RETRY_comes_again_with_its_aggregates_later_one_and_is_applied_once()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        await using var app = await DaprAppHost.StartAsync(sidecar);
        await using var consumer = await DaprConsumer.SubscribeAsync(app);
        var (fra1, ita1, fra2, kor1) = (Registered("FRA", 1), Registered("ITA", 1), Registered("FRA", 2), Registered("KOR", 1));
        consumer.FailNext(fra1.EventId, 1);

        sidecar.PublishAsAnotherApp(Topic, "application/octet-stream", Message(fra1), Message(ita1), Message(fra2), ("not-an-envelope", ByteString.CopyFromUtf8("garbage")), Message(kor1));

        await Eventually.True(() => new[] { fra1, ita1, fra2, kor1 }.All(e => consumer.Handled(e.EventId) == 1), what: "every event applied");
        await Eventually.True(() => sidecar.DeadLettered.Count == 1, what: "the dropped entry's dead letter");

        var first = sidecar.Deliveries[0];
        Assert.Equal(DaprWire.OnBulkTopicEvent.Name, first.Method);
        Assert.Equal(
            [(fra1.EventId, "RETRY"), (ita1.EventId, "SUCCESS"), (fra2.EventId, "RETRY"), ("not-an-envelope", "DROP"), (kor1.EventId, "SUCCESS")],
            first.Entries.Select(e => (e.CloudEventId, e.Status)));

        // FRA's second event waited without being tried, came again behind the first, and nothing that
        // succeeded came again.
        Assert.Equal(2, consumer.Attempts(fra1.EventId));
        Assert.Equal(1, consumer.Attempts(fra2.EventId));
        Assert.Equal([fra1.EventId, fra2.EventId], consumer.Effects.Where(id => id == fra1.EventId || id == fra2.EventId));
        var redelivered = sidecar.Deliveries.Skip(1).SelectMany(d => d.Entries).Select(e => e.CloudEventId).ToList();
        Assert.DoesNotContain(ita1.EventId, redelivered);
        Assert.DoesNotContain(kor1.EventId, redelivered);
        Assert.All(sidecar.Deliveries, d => Assert.All(d.Entries, e => Assert.NotEqual("FAILED", e.Status)));

        var dead = Assert.Single(sidecar.DeadLettered);
        Assert.Equal("not-an-envelope", dead.CloudEventId);
        Assert.Equal($"{DaprAppHost.AppId}.dead-letter", dead.DeadLetterTopic);
    }

    [Fact]
    public async Task Under_bulk_delivery_an_event_whose_handler_keeps_failing_is_dead_lettered_by_the_platform_and_acknowledged()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync();
        await using var app = await DaprAppHost.StartAsync(sidecar);
        await using var consumer = await DaprConsumer.SubscribeAsync(app, maxAttempts: 2, fail: true);
        var envelope = Registered("FRA", 1);

        Assert.True(await app.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), [envelope]));

        var listed = await Eventually.Until(() => consumer.Dispatcher.ListDeadLettersAsync(DaprConsumer.Group, 0, 10, CancellationToken.None), l => l.Letters.Count == 1, what: "the platform's dead letter");
        Assert.Equal(envelope.EventId, listed.Letters[0].Letter.Envelope.EventId);
        await Eventually.True(() => sidecar.Deliveries.SelectMany(d => d.Entries).Any(e => e.CloudEventId == envelope.EventId && e.Status == "SUCCESS"), what: "the dead-lettered delivery acknowledged");
        Assert.Equal(2, consumer.Attempts(envelope.EventId));
        Assert.Equal(0, consumer.Handled(envelope.EventId));
        Assert.Empty(sidecar.DeadLettered);
        Assert.All(sidecar.Deliveries, d => Assert.Equal(DaprWire.OnBulkTopicEvent.Name, d.Method));
    }

    [Fact]
    public async Task The_Alpha1_bulk_callback_of_older_sidecars_answers_each_entry_as_the_stable_one_and_applies_a_repeated_entry_once()
    {
        await using var sidecar = await FakeDaprSidecar.StartAsync(new FakeSidecarSettings { AppApiToken = "the-app-token" });
        await using var app = await DaprAppHost.StartAsync(sidecar);
        await using var consumer = await DaprConsumer.SubscribeAsync(app);
        var (raw, cloudEvent) = (Registered("FRA", 1), Registered("ITA", 1));
        var request = new AppCallbackApi.TopicEventBulkRequest { Id = "bulk-1", Topic = Topic, PubsubName = "pubsub" };
        request.Entries.Add(new AppCallbackApi.TopicEventBulkRequestEntry { EntryId = "raw", Bytes = raw.ToByteString() });
        request.Entries.Add(new AppCallbackApi.TopicEventBulkRequestEntry { EntryId = "ce", CloudEvent = new AppCallbackApi.TopicEventCERequest { Id = cloudEvent.EventId, Data = cloudEvent.ToByteString() } });
        request.Entries.Add(new AppCallbackApi.TopicEventBulkRequestEntry { EntryId = "ce-without-data", CloudEvent = new AppCallbackApi.TopicEventCERequest { Id = "binary", DataContentType = "application/octet-stream" } });
        request.Entries.Add(new AppCallbackApi.TopicEventBulkRequestEntry { EntryId = "junk", Bytes = ByteString.CopyFromUtf8("{\"data\":\"not ours\"}") });
        request.Entries.Add(new AppCallbackApi.TopicEventBulkRequestEntry { EntryId = "raw-again", Bytes = raw.ToByteString() });
        using var channel = GrpcChannel.ForAddress(app.Endpoint);
        var invoker = channel.CreateCallInvoker();

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await invoker.AsyncUnaryCall(DaprWire.OnBulkTopicEventAlpha1, null, default, request));
        var response = await invoker.AsyncUnaryCall(DaprWire.OnBulkTopicEventAlpha1, null, new CallOptions(new Metadata { { "dapr-api-token", "the-app-token" } }), request);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(
            [("raw", "Success"), ("ce", "Success"), ("ce-without-data", "Drop"), ("junk", "Drop"), ("raw-again", "Success")],
            response.Statuses.Select(s => (s.EntryId, s.Status.ToString())));
        Assert.Equal(1, consumer.Handled(raw.EventId));
        Assert.Equal(1, consumer.Handled(cloudEvent.EventId));
    }

    private static string[] Sorted(string[] ids) => [.. ids.Order(StringComparer.Ordinal)];

    private static async Task<AppCallbackApi.ListTopicSubscriptionsResponse> ListSubscriptionsAsync(DaprAppHost app)
    {
        using var channel = GrpcChannel.ForAddress(app.Endpoint);
        return await channel.CreateCallInvoker().AsyncUnaryCall(DaprWire.ListTopicSubscriptions, null, default, new Empty());
    }

    // Commits <paramref name="commits"/> versions of each participant, one event each, and relays nothing.
    private static async Task<Dictionary<string, IReadOnlyList<string>>> CommitAsync(BareDaprAdapter adapter, IReadOnlyList<string> participants, int commits)
    {
        var committed = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var participant in participants)
        {
            var key = $"participant/{participant}";
            var ids = new List<string>();
            for (var version = 1; version <= commits; version++)
            {
                var envelope = Registered(participant, version);
                Assert.True(await adapter.Store.TryCommitAsync(key, version - 1, Bytes($"{participant} v{version}"), [envelope]));
                ids.Add(envelope.EventId);
            }

            committed[key] = ids;
        }

        return committed;
    }

    private static (string, ByteString) Message(EventEnvelope envelope) => (envelope.EventId, envelope.ToByteString());

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static EventEnvelope Registered(string participantId, long version) =>
        EventEnvelopes.Create(ParticipantRegistered.Of(new Participant { ParticipantId = participantId, Category = ParticipantCategory.MemberState }), $"participant/{participantId}", version, At, "dapr-test");
}
