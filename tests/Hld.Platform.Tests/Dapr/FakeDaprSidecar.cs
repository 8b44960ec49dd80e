using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using AppCallbackApi = Dapr.AppCallback.Autogen.Grpc.v1;
using RuntimeApi = Dapr.Client.Autogen.Grpc.v1;

namespace Hld.Platform.Tests.Dapr;

/// <summary>What the fake sidecar is configured with, as daprd would be by its components and resiliency policy.</summary>
public sealed record FakeSidecarSettings
{
    public string StateStore { get; init; } = "statestore";

    public string PubSub { get; init; } = "pubsub";

    /// <summary>Token the app must present (dapr.io/api-token-secret); empty: not checked.</summary>
    public string ApiToken { get; init; } = string.Empty;

    /// <summary>Token sent to the app on every callback (dapr.io/app-token-secret); empty: none sent.</summary>
    public string AppApiToken { get; init; } = string.Empty;

    /// <summary>Deliveries of one event before it goes to its subscription's dead-letter topic.</summary>
    public int MaxDeliveryAttempts { get; init; } = 10;

    public TimeSpan RedeliveryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one OnTopicEvent call may take before it counts as failed and is redelivered.</summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether the stable BulkPublishEvent is served (daprd 1.18 on); false is daprd 1.16 and 1.17, which serve only BulkPublishEventAlpha1.</summary>
    public bool ServesStableBulkPublish { get; init; } = true;

    /// <summary>
    /// Whether the entries of one bulk publish reach the broker in an order of their own, as daprd's
    /// default bulk publisher (every component without bulk support, Redis among them) publishes
    /// them in parallel.
    /// </summary>
    public bool BulkPublishesInAnyOrder { get; init; } = true;
}

/// <summary>An event the sidecar gave up on, and the dead-letter topic it went to (empty: the subscription named none).</summary>
public sealed record DeadLetteredMessage(string Topic, string CloudEventId, string DeadLetterTopic, int Attempts);

/// <summary>A message the broker took, in the order it took them, and the runtime method it came by.</summary>
public sealed record PublishedMessage(string Method, string PubsubName, string Topic, string CloudEventId, string DataContentType, ByteString Data);

/// <summary>One call to the app's callback: the method, and each event's CloudEvent id with the status the app gave it.</summary>
public sealed record AppDelivery(string Method, IReadOnlyList<DeliveredEntry> Entries);

/// <summary>One event of a delivery and how it came back: SUCCESS, RETRY, DROP, or FAILED when the call failed or the entry had no status.</summary>
public sealed record DeliveredEntry(string CloudEventId, string Status);

/// <summary>How an injected publish failure shows.</summary>
public enum PublishFailure
{
    /// <summary>Named in the bulk response's failedEntries; the other entries are published.</summary>
    Reported,

    /// <summary>
    /// The call fails with INTERNAL and names no entry, though the others are published: what daprd
    /// answers when an entry still fails after its own retries on a component without bulk support.
    /// </summary>
    WholeCall,
}

/// <summary>
/// Stands in for daprd, which cannot be installed here: a Kestrel gRPC server (h2c, free loopback
/// port) speaking the Dapr runtime protocol with the messages of Dapr.Protos, so the adapter is
/// exercised through the real Dapr.Client. State follows the Redis state store: every write moves
/// the etag; first-write concurrency checks the etag, or insists the key is new when it is empty;
/// a mismatch is ABORTED with daprd's "possible etag mismatch" text, which Dapr.Client's
/// TrySaveStateAsync turns into false. Published events are delivered to the app's gRPC callback
/// at least once, one at a time per topic: on RETRY, an error or a timeout they come again after a
/// short delay, and after <see cref="FakeSidecarSettings.MaxDeliveryAttempts"/> they go to the
/// subscription's dead-letter topic. Bulk publish (stable and Alpha1) checks entry ids as daprd does,
/// publishes each entry on its own (in any order), and fails entries on request, either reported in
/// failedEntries or, as daprd on Redis does, as a failed call after the others went out. A message is
/// kept as daprd keeps it, a CloudEvent JSON with binary data in data_base64. A subscription that asks
/// for bulk delivery gets the due messages of its topic in one OnBulkTopicEvent call (falling back to
/// OnBulkTopicEventAlpha1 on UNIMPLEMENTED, as daprd does), each entry settled by its own status;
/// without rawPayload an entry is the CloudEvent with daprd's data rules, so binary data arrives
/// empty, and with it the stored JSON as bytes. Like a Redis stream whose consumer group starts at the
/// beginning, an event on a topic the app does not take (yet) is kept until it does; unlike
/// daprd, which reads subscriptions once at start-up, the fake asks again when it meets a topic it
/// does not know, because the contract suite subscribes after its harness is built.
/// </summary>
public sealed class FakeDaprSidecar : IAsyncDisposable
{
    private const string TokenHeader = "dapr-api-token";

    private readonly WebApplication _host;
    private readonly Runtime _runtime;

    private FakeDaprSidecar(WebApplication host, Runtime runtime, string endpoint)
    {
        _host = host;
        _runtime = runtime;
        GrpcEndpoint = endpoint;
    }

    /// <summary>Where the app's Dapr.Client should connect.</summary>
    public string GrpcEndpoint { get; }

    public FakeSidecarSettings Settings => _runtime.Settings;

    /// <summary>Every message the broker took, by PublishEvent or bulk publish, in the order it took them.</summary>
    public IReadOnlyList<PublishedMessage> Published => _runtime.Published;

    /// <summary>Every bulk publish request received (stable or Alpha1), in order.</summary>
    public IReadOnlyList<RuntimeApi.BulkPublishRequest> BulkPublishRequests => _runtime.BulkPublishRequests;

    /// <summary>Every call to the app's OnTopicEvent or bulk callback that the app answered, in order.</summary>
    public IReadOnlyList<AppDelivery> Deliveries => _runtime.Deliveries;

    /// <summary>Events the sidecar stopped delivering after its attempts ran out (or the app dropped).</summary>
    public IReadOnlyList<DeadLetteredMessage> DeadLettered => _runtime.DeadLettered;

    public static async Task<FakeDaprSidecar> StartAsync(FakeSidecarSettings? settings = null)
    {
        var runtime = new Runtime(settings ?? new FakeSidecarSettings());
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton<IServiceMethodProvider<Runtime>>(new RuntimeMethods(runtime.Settings));
        var host = builder.Build();
        host.MapGrpcService<Runtime>();
        await host.StartAsync();
        return new FakeDaprSidecar(host, runtime, host.Urls.First());
    }

    /// <summary>Starts delivering to the app's gRPC callback at <paramref name="appEndpoint"/>, as daprd does once the app port answers.</summary>
    public void AttachApp(string appEndpoint) => _runtime.AttachApp(appEndpoint);

    /// <summary>The store's etag of a key ("" when absent): what moves on every write, relay included.</summary>
    public string EtagOf(string key) => _runtime.EtagOf(key);

    /// <summary>The stored JSON of a key, for assertions about the adapter's own bookkeeping.</summary>
    public JsonDocument? StoredJson(string key) => _runtime.StoredJson(key);

    /// <summary>The next <paramref name="times"/> publishes of the event with this CloudEvent id fail, in the way <paramref name="how"/> says.</summary>
    public void FailPublishing(string cloudEventId, int times = 1, PublishFailure how = PublishFailure.Reported) => _runtime.FailPublishing(cloudEventId, times, how);

    /// <summary>Publishes messages on <paramref name="topic"/> as another app would, all at once, so that the next delivery finds them together.</summary>
    public void PublishAsAnotherApp(string topic, string contentType, params IReadOnlyList<(string CloudEventId, ByteString Data)> messages) => _runtime.PublishAsAnotherApp(topic, contentType, messages);

    /// <summary>Runs <paramref name="action"/> once, just before the next save of <paramref name="key"/> is applied: a test's way to lose a race on purpose.</summary>
    public void BeforeNextSave(string key, Func<Task> action) => _runtime.BeforeNextSave(key, action);

    public async ValueTask DisposeAsync()
    {
        await _runtime.DisposeAsync();
        await _host.StopAsync();
        await _host.DisposeAsync();
    }

    private sealed record Stored(ByteString Data, long Etag, DateTimeOffset? ExpiresAt = null)
    {
        public bool Expired => ExpiresAt is { } at && at <= DateTimeOffset.UtcNow;
    }

    private sealed class Message(long sequence, string id, string topic, ByteString data, string contentType)
    {
        /// <summary>What daprd stores for a message published without rawPayload: a CloudEvent, with binary data in data_base64.</summary>
        public ByteString CloudEvent { get; } = CloudEventOf(id, topic, data, contentType);

        public long Sequence { get; } = sequence;

        public string Id { get; } = id;

        public string Topic { get; } = topic;

        public ByteString Data { get; } = data;

        public string ContentType { get; } = contentType;

        public int Attempts { get; set; }

        public DateTimeOffset DueAt { get; set; }

        // daprd's rules: JSON data goes in as JSON, text as a string, anything else base64 in data_base64.
        public static bool IsJson(string contentType) => contentType.Contains("json", StringComparison.OrdinalIgnoreCase);

        public static bool IsText(string contentType) => contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase);

        private static ByteString CloudEventOf(string id, string topic, ByteString data, string contentType)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("id", id);
                json.WriteString("source", "fake-app");
                json.WriteString("type", "com.dapr.event.sent");
                json.WriteString("specversion", "1.0");
                json.WriteString("datacontenttype", contentType);
                json.WriteString("topic", topic);
                if (IsJson(contentType))
                {
                    json.WritePropertyName("data");
                    using var parsed = JsonDocument.Parse(data.Memory);
                    parsed.RootElement.WriteTo(json);
                }
                else if (IsText(contentType))
                {
                    json.WriteString("data", data.ToStringUtf8());
                }
                else
                {
                    json.WriteBase64String("data_base64", data.Span);
                }

                json.WriteEndObject();
            }

            return ByteString.CopyFrom(buffer.WrittenSpan);
        }
    }

    private enum Outcome
    {
        Delivered,
        Deferred,
        Failed,
        Dropped,
    }

    /// <summary>Serves the runtime methods the adapter calls, with the messages of Dapr.Protos.</summary>
    private sealed class RuntimeMethods(FakeSidecarSettings settings) : IServiceMethodProvider<Runtime>
    {
        public void OnServiceMethodDiscovery(ServiceMethodProviderContext<Runtime> context)
        {
            context.AddUnaryMethod(DaprWire.GetState, [], (runtime, request, call) => runtime.GetState(request, call));
            context.AddUnaryMethod(DaprWire.SaveState, [], (runtime, request, call) => runtime.SaveState(request, call));
            context.AddUnaryMethod(DaprWire.PublishEvent, [], (runtime, request, call) => runtime.PublishEvent(request, call));
            context.AddUnaryMethod(DaprWire.BulkPublishEventAlpha1, [], (runtime, request, call) => runtime.BulkPublish(DaprWire.BulkPublishEventAlpha1.Name, request, call));
            if (settings.ServesStableBulkPublish)
            {
                context.AddUnaryMethod(DaprWire.BulkPublishEvent, [], (runtime, request, call) => runtime.BulkPublish(DaprWire.BulkPublishEvent.Name, request, call));
            }
        }
    }

    /// <summary>The Dapr runtime API (dapr.proto.runtime.v1.Dapr) as far as the adapter uses it, plus delivery.</summary>
    private sealed class Runtime(FakeSidecarSettings settings) : IAsyncDisposable
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, Stored> _state = new(StringComparer.Ordinal);
        private readonly List<PublishedMessage> _published = [];
        private readonly List<RuntimeApi.BulkPublishRequest> _bulkPublishRequests = [];
        private readonly List<AppDelivery> _deliveries = [];
        private readonly Dictionary<string, (int Times, PublishFailure How)> _publishFailures = new(StringComparer.Ordinal);
        private readonly List<DeadLetteredMessage> _deadLettered = [];
        private readonly Dictionary<string, List<Message>> _queues = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Task> _deliveryLoops = new(StringComparer.Ordinal);
        private readonly Dictionary<string, AppCallbackApi.TopicSubscription> _subscriptions = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, Func<Task>> _beforeSave = new(StringComparer.Ordinal);
        private readonly Channel<bool> _wake = Channel.CreateUnbounded<bool>();
        private readonly CancellationTokenSource _stop = new();
        private GrpcChannel? _appChannel;
        private CallInvoker? _app;
        private long _sequence;

        public FakeSidecarSettings Settings => settings;

        public IReadOnlyList<PublishedMessage> Published
        {
            get
            {
                lock (_gate)
                {
                    return [.. _published];
                }
            }
        }

        public IReadOnlyList<RuntimeApi.BulkPublishRequest> BulkPublishRequests
        {
            get
            {
                lock (_gate)
                {
                    return [.. _bulkPublishRequests];
                }
            }
        }

        public IReadOnlyList<AppDelivery> Deliveries
        {
            get
            {
                lock (_gate)
                {
                    return [.. _deliveries];
                }
            }
        }

        public void FailPublishing(string cloudEventId, int times, PublishFailure how)
        {
            lock (_gate)
            {
                _publishFailures[cloudEventId] = (times, how);
            }
        }

        public void PublishAsAnotherApp(string topic, string contentType, IReadOnlyList<(string CloudEventId, ByteString Data)> messages)
        {
            lock (_gate)
            {
                foreach (var (id, data) in messages)
                {
                    Enqueue(id, topic, data, contentType);
                }
            }
        }

        public IReadOnlyList<DeadLetteredMessage> DeadLettered
        {
            get
            {
                lock (_gate)
                {
                    return [.. _deadLettered];
                }
            }
        }

        public void AttachApp(string appEndpoint)
        {
            lock (_gate)
            {
                _appChannel?.Dispose();
                _appChannel = GrpcChannel.ForAddress(appEndpoint);
                _app = _appChannel.CreateCallInvoker();
                _subscriptions.Clear();
            }

            _wake.Writer.TryWrite(true);
        }

        public string EtagOf(string key)
        {
            lock (_gate)
            {
                return _state.TryGetValue(key, out var stored) ? Etag(stored) : string.Empty;
            }
        }

        public JsonDocument? StoredJson(string key)
        {
            lock (_gate)
            {
                return _state.TryGetValue(key, out var stored) ? JsonDocument.Parse(stored.Data.Memory) : null;
            }
        }

        public void BeforeNextSave(string key, Func<Task> action) => _beforeSave[key] = action;

        public Task<RuntimeApi.GetStateResponse> GetState(RuntimeApi.GetStateRequest request, ServerCallContext context)
        {
            Authorize(context);
            RequireStore(request.StoreName);
            lock (_gate)
            {
                var response = new RuntimeApi.GetStateResponse();
                if (_state.TryGetValue(request.Key, out var expired) && expired.Expired)
                {
                    // As the Redis state store: a key whose ttlInSeconds ran out is gone.
                    _state.Remove(request.Key);
                }

                if (_state.TryGetValue(request.Key, out var stored))
                {
                    response.Data = stored.Data;
                    response.Etag = Etag(stored);
                }

                return Task.FromResult(response);
            }
        }

        public async Task<Empty> SaveState(RuntimeApi.SaveStateRequest request, ServerCallContext context)
        {
            Authorize(context);
            RequireStore(request.StoreName);

            // Like the Redis state store, items are written one by one: an earlier item stays
            // written when a later one fails.
            foreach (var item in request.States)
            {
                if (_beforeSave.TryRemove(item.Key, out var action))
                {
                    await action();
                }

                lock (_gate)
                {
                    var current = _state.GetValueOrDefault(item.Key) is { Expired: false } live ? live : null;
                    if (!Accepts(item, current))
                    {
                        throw new RpcException(new Status(
                            StatusCode.Aborted,
                            $"failed saving state in state store {request.StoreName}: possible etag mismatch. error from state store: ERR Error running script: failed to set key {item.Key}"));
                    }

                    var ttl = item.Metadata.TryGetValue("ttlInSeconds", out var seconds) && long.TryParse(seconds, System.Globalization.CultureInfo.InvariantCulture, out var s) ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
                    _state[item.Key] = new Stored(item.Value, (current?.Etag ?? 0) + 1, ttl is { } t ? DateTimeOffset.UtcNow + t : null);
                }
            }

            return new Empty();
        }

        public Task<Empty> PublishEvent(RuntimeApi.PublishEventRequest request, ServerCallContext context)
        {
            Authorize(context);
            if (request.PubsubName != settings.PubSub)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"pubsub {request.PubsubName} is not found"));
            }

            var id = request.Metadata.TryGetValue("cloudevent.id", out var given) && given.Length > 0 ? given : Guid.NewGuid().ToString();
            lock (_gate)
            {
                if (TakeFailure(id) is not null)
                {
                    throw new RpcException(new Status(StatusCode.Internal, $"error when publish to topic {request.Topic} in pubsub {request.PubsubName}: injected failure"));
                }

                _published.Add(new PublishedMessage(DaprWire.PublishEvent.Name, request.PubsubName, request.Topic, id, request.DataContentType, request.Data));
                Enqueue(id, request.Topic, request.Data, request.DataContentType);
            }

            return Task.FromResult(new Empty());
        }

        public Task<RuntimeApi.BulkPublishResponse> BulkPublish(string method, RuntimeApi.BulkPublishRequest request, ServerCallContext context)
        {
            Authorize(context);
            if (request.PubsubName != settings.PubSub)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"pubsub {request.PubsubName} is not found"));
            }

            // daprd refuses the whole request before publishing anything.
            var entryIds = new HashSet<string>(StringComparer.Ordinal);
            if (request.Entries.Any(e => e.EntryId.Length == 0 || !entryIds.Add(e.EntryId)))
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, "entryId is duplicated or not present for entry"));
            }

            var response = new RuntimeApi.BulkPublishResponse();
            var failedWhole = false;
            lock (_gate)
            {
                _bulkPublishRequests.Add(request.Clone());
                var order = Enumerable.Range(0, request.Entries.Count).ToArray();
                if (settings.BulkPublishesInAnyOrder)
                {
                    Random.Shared.Shuffle(order);
                }

                foreach (var entry in order.Select(i => request.Entries[i]))
                {
                    // Entry metadata over request metadata, as daprd merges them.
                    var id = entry.Metadata.GetValueOrDefault("cloudevent.id") ?? request.Metadata.GetValueOrDefault("cloudevent.id") ?? Guid.NewGuid().ToString();
                    if (TakeFailure(id) is { } how)
                    {
                        failedWhole |= how == PublishFailure.WholeCall;
                        response.FailedEntries.Add(new RuntimeApi.BulkPublishResponseFailedEntry { EntryId = entry.EntryId, Error = "injected failure" });
                        continue;
                    }

                    _published.Add(new PublishedMessage(method, request.PubsubName, request.Topic, id, entry.ContentType, entry.Event));
                    Enqueue(id, request.Topic, entry.Event, entry.ContentType);
                }
            }

            if (failedWhole)
            {
                throw new RpcException(new Status(StatusCode.Internal, $"error when publish to topic {request.Topic} in pubsub {request.PubsubName}: bulk publish failed"));
            }

            return Task.FromResult(response);
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            Task[] loops;
            lock (_gate)
            {
                loops = [.. _deliveryLoops.Values];
            }

            try
            {
                await Task.WhenAll(loops);
            }
            catch (OperationCanceledException)
            {
                // Stopped as asked.
            }

            _appChannel?.Dispose();
            _stop.Dispose();
        }

        private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

        private static string Etag(Stored stored) => stored.Etag.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // The Redis state store's rules: last-write ignores the etag; otherwise a given etag must
        // match, and under first-write an empty etag means "only if the key is new".
        private static bool Accepts(RuntimeApi.StateItem item, Stored? current)
        {
            var concurrency = item.Options?.Concurrency ?? RuntimeApi.StateOptions.Types.StateConcurrency.ConcurrencyUnspecified;
            if (concurrency == RuntimeApi.StateOptions.Types.StateConcurrency.ConcurrencyLastWrite)
            {
                return true;
            }

            var etag = item.Etag?.Value ?? string.Empty;
            if (etag.Length > 0)
            {
                return current is not null && Etag(current) == etag;
            }

            return current is null || concurrency != RuntimeApi.StateOptions.Types.StateConcurrency.ConcurrencyFirstWrite;
        }

        // Called under _gate.
        private PublishFailure? TakeFailure(string cloudEventId)
        {
            if (!_publishFailures.TryGetValue(cloudEventId, out var failure))
            {
                return null;
            }

            if (failure.Times <= 1)
            {
                _publishFailures.Remove(cloudEventId);
            }
            else
            {
                _publishFailures[cloudEventId] = (failure.Times - 1, failure.How);
            }

            return failure.How;
        }

        private void Authorize(ServerCallContext context)
        {
            if (settings.ApiToken.Length > 0 && context.RequestHeaders.GetValue(TokenHeader) != settings.ApiToken)
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated, "authentication error: api token mismatch"));
            }
        }

        private void RequireStore(string storeName)
        {
            if (storeName != settings.StateStore)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"state store {storeName} is not found"));
            }
        }

        // Called under _gate.
        private void Enqueue(string id, string topic, ByteString data, string contentType)
        {
            if (!_queues.TryGetValue(topic, out var queue))
            {
                _queues[topic] = queue = [];
                _deliveryLoops[topic] = Task.Run(() => DeliverTopicAsync(topic, _stop.Token));
            }

            queue.Add(new Message(++_sequence, id, topic, data, contentType) { DueAt = Now });
            _wake.Writer.TryWrite(true);
        }

        private async Task DeliverTopicAsync(string topic, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                Message? next;
                lock (_gate)
                {
                    var now = Now;
                    next = _queues[topic].Where(m => m.DueAt <= now).MinBy(m => m.Sequence);
                }

                if (next is null)
                {
                    await WaitAsync(stop);
                    continue;
                }

                try
                {
                    var (outcomes, subscription) = await AttemptAsync(next, stop);
                    lock (_gate)
                    {
                        foreach (var (message, outcome) in outcomes)
                        {
                            Settle(message, outcome, subscription);
                        }
                    }
                }
                catch (Exception) when (stop.IsCancellationRequested)
                {
                    // The sidecar is shutting down, often after the app: what is undelivered stays so.
                    return;
                }
            }
        }

        private async Task WaitAsync(CancellationToken stop)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(settings.RedeliveryDelay / 2);
            try
            {
                await _wake.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                // Time to look at what became due.
            }
        }

        private async Task<(IReadOnlyList<(Message Message, Outcome Outcome)> Outcomes, AppCallbackApi.TopicSubscription? Subscription)> AttemptAsync(Message first, CancellationToken stop)
        {
            CallInvoker? app;
            lock (_gate)
            {
                app = _app;
            }

            if (app is null)
            {
                return ([(first, Outcome.Deferred)], null);
            }

            var headers = new Metadata();
            if (settings.AppApiToken.Length > 0)
            {
                headers.Add(TokenHeader, settings.AppApiToken);
            }

            IReadOnlyList<Message> batch = [first];
            try
            {
                var subscription = await SubscriptionOfAsync(app, first.Topic, headers, stop);
                if (subscription is null)
                {
                    return ([(first, Outcome.Deferred)], null);
                }

                var raw = subscription.Metadata.TryGetValue("rawPayload", out var flag) && bool.TryParse(flag, out var isRaw) && isRaw;
                if (subscription.BulkSubscribe is { Enabled: true } bulk)
                {
                    // Unlike daprd, the fake does not hold a bulk open for maxAwaitDurationMs: it sends what is due.
                    lock (_gate)
                    {
                        var now = Now;
                        batch = [.. _queues[first.Topic].Where(m => m.DueAt <= now).OrderBy(m => m.Sequence).Take(bulk.MaxMessagesCount > 0 ? bulk.MaxMessagesCount : 100)];
                    }

                    return (await DeliverBulkAsync(app, batch, raw, headers, stop), subscription);
                }

                return ([(first, await DeliverOneAsync(app, first, raw, headers, stop))], subscription);
            }
            catch (RpcException) when (!stop.IsCancellationRequested)
            {
                // The app failed, timed out or is gone: as daprd, count it and try again later.
                AppCallbackApi.TopicSubscription? known;
                lock (_gate)
                {
                    known = _subscriptions.GetValueOrDefault(first.Topic);
                }

                return ([.. batch.Select(m => (m, known is null ? Outcome.Deferred : Outcome.Failed))], known);
            }
        }

        private async Task<Outcome> DeliverOneAsync(CallInvoker app, Message message, bool raw, Metadata headers, CancellationToken stop)
        {
            // Without rawPayload daprd decodes the CloudEvent's data (data_base64 included); with it the stored message goes as it is.
            var request = new AppCallbackApi.TopicEventRequest
            {
                Id = message.Id,
                Source = "fake-sidecar",
                Type = "com.dapr.event.sent",
                SpecVersion = "1.0",
                DataContentType = raw ? "application/octet-stream" : message.ContentType,
                Data = raw ? message.CloudEvent : message.Data,
                Topic = message.Topic,
                PubsubName = settings.PubSub,
            };
            var response = await app.AsyncUnaryCall(DaprWire.OnTopicEvent, null, CallOptionsFor(headers, stop), request);
            var outcome = OutcomeOf(response.Status);
            Record(DaprWire.OnTopicEvent.Name, [new DeliveredEntry(message.Id, response.Status.ToString().ToUpperInvariant())]);
            return outcome;
        }

        private async Task<IReadOnlyList<(Message Message, Outcome Outcome)>> DeliverBulkAsync(CallInvoker app, IReadOnlyList<Message> batch, bool raw, Metadata headers, CancellationToken stop)
        {
            var request = new AppCallbackApi.TopicEventBulkRequest { Id = Guid.NewGuid().ToString(), Topic = batch[0].Topic, PubsubName = settings.PubSub, Type = "com.dapr.event.sent.bulk" };
            var entries = new List<(string EntryId, Message Message)>(batch.Count);
            foreach (var message in batch)
            {
                var entry = new AppCallbackApi.TopicEventBulkRequestEntry { EntryId = Guid.NewGuid().ToString() };
                if (raw)
                {
                    entry.Bytes = message.CloudEvent;
                    entry.ContentType = "application/octet-stream";
                }
                else
                {
                    // daprd's bulk CloudEvent carries "data" for JSON and text only: binary data, kept in
                    // data_base64, arrives empty.
                    entry.CloudEvent = new AppCallbackApi.TopicEventCERequest
                    {
                        Id = message.Id,
                        Source = "fake-app",
                        Type = "com.dapr.event.sent",
                        SpecVersion = "1.0",
                        DataContentType = message.ContentType,
                        Data = Message.IsJson(message.ContentType) || Message.IsText(message.ContentType) ? message.Data : ByteString.Empty,
                    };
                    entry.ContentType = "application/cloudevents+json";
                }

                request.Entries.Add(entry);
                entries.Add((entry.EntryId, message));
            }

            var method = DaprWire.OnBulkTopicEvent.Name;
            AppCallbackApi.TopicEventBulkResponse response;
            try
            {
                response = await app.AsyncUnaryCall(DaprWire.OnBulkTopicEvent, null, CallOptionsFor(headers, stop), request);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
            {
                // daprd 1.18 falls back to the Alpha1 callback; an app with neither has its events dropped.
                method = DaprWire.OnBulkTopicEventAlpha1.Name;
                try
                {
                    response = await app.AsyncUnaryCall(DaprWire.OnBulkTopicEventAlpha1, null, CallOptionsFor(headers, stop), request);
                }
                catch (RpcException again) when (again.StatusCode == StatusCode.Unimplemented)
                {
                    return [.. batch.Select(m => (m, Outcome.Dropped))];
                }
            }

            // A status for an entry id the request did not hold is ignored; an entry without one is retried.
            var statuses = new Dictionary<string, AppCallbackApi.TopicEventResponse.Types.TopicEventResponseStatus>(StringComparer.Ordinal);
            foreach (var status in response.Statuses.Where(s => entries.Any(e => e.EntryId == s.EntryId)))
            {
                statuses[status.EntryId] = status.Status;
            }

            Record(method, [.. entries.Select(e => new DeliveredEntry(e.Message.Id, statuses.TryGetValue(e.EntryId, out var st) ? st.ToString().ToUpperInvariant() : "FAILED"))]);
            return [.. entries.Select(e => (e.Message, statuses.TryGetValue(e.EntryId, out var st) ? OutcomeOf(st) : Outcome.Failed))];
        }

        private static Outcome OutcomeOf(AppCallbackApi.TopicEventResponse.Types.TopicEventResponseStatus status) => status switch
        {
            AppCallbackApi.TopicEventResponse.Types.TopicEventResponseStatus.Success => Outcome.Delivered,
            AppCallbackApi.TopicEventResponse.Types.TopicEventResponseStatus.Drop => Outcome.Dropped,
            _ => Outcome.Failed,
        };

        private CallOptions CallOptionsFor(Metadata headers, CancellationToken stop) => new(headers, Now.UtcDateTime + settings.DeliveryTimeout, stop);

        private void Record(string method, IReadOnlyList<DeliveredEntry> entries)
        {
            lock (_gate)
            {
                _deliveries.Add(new AppDelivery(method, entries));
            }
        }

        private async Task<AppCallbackApi.TopicSubscription?> SubscriptionOfAsync(CallInvoker app, string topic, Metadata headers, CancellationToken stop)
        {
            lock (_gate)
            {
                if (_subscriptions.TryGetValue(topic, out var known))
                {
                    return known;
                }
            }

            var listed = await app.AsyncUnaryCall(DaprWire.ListTopicSubscriptions, null, CallOptionsFor(headers, stop), new Empty());
            lock (_gate)
            {
                foreach (var subscription in listed.Subscriptions.Where(s => s.PubsubName == settings.PubSub))
                {
                    _subscriptions[subscription.Topic] = subscription;
                }

                return _subscriptions.GetValueOrDefault(topic);
            }
        }

        // Called under _gate.
        private void Settle(Message message, Outcome outcome, AppCallbackApi.TopicSubscription? subscription)
        {
            var queue = _queues[message.Topic];
            switch (outcome)
            {
                case Outcome.Delivered:
                    queue.Remove(message);
                    return;
                case Outcome.Deferred:
                    message.DueAt = Now + settings.RedeliveryDelay;
                    return;
                case Outcome.Failed when ++message.Attempts < settings.MaxDeliveryAttempts:
                    message.DueAt = Now + settings.RedeliveryDelay;
                    return;
                default:
                    queue.Remove(message);
                    var deadLetterTopic = subscription?.DeadLetterTopic ?? string.Empty;
                    _deadLettered.Add(new DeadLetteredMessage(message.Topic, message.Id, deadLetterTopic, message.Attempts));
                    if (deadLetterTopic.Length > 0)
                    {
                        Enqueue(message.Id, deadLetterTopic, message.Data, message.ContentType);
                    }

                    return;
            }
        }
    }
}
