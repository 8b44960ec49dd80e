using System.Text.Json;
using Dapr;
using Dapr.Client;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Hld.Platform.Resilience;
using Microsoft.Extensions.Options;
using RuntimeApi = Dapr.Client.Autogen.Grpc.v1;

namespace Hld.Platform.Dapr;

/// <summary>
/// The sidecar calls the adapter makes, each through the store pipelines: reads and publishes retry
/// transient failures (a publish may repeat because consumers drop duplicate event ids);
/// compare-and-set saves never do. Values travel as JSON; the client is this adapter's own, so its
/// serializer settings cannot be changed by another registration. Bulk publish goes through the
/// runtime's generated gRPC client, because Dapr.Client's BulkPublishEventAsync gives every entry
/// the same metadata and each entry needs its own CloudEvent id (decision 008).
/// </summary>
public sealed class DaprSidecar : IDisposable
{
    internal const string EventContentType = "application/octet-stream";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // First-write makes every save a compare-and-set: with an etag it must match, with an empty one
    // the key must not exist. Under last-write the Redis state store ignores the etag altogether.
    // Strong asks the store to acknowledge only once replicas have the write (Redis WAIT), so an
    // acknowledged commit survives a failover.
    private static readonly StateOptions CompareAndSet = new() { Concurrency = ConcurrencyMode.FirstWrite, Consistency = ConsistencyMode.Strong };

    private readonly DaprClient _client;
    private readonly GrpcChannel _channel;
    private readonly RuntimeApi.Dapr.DaprClient _runtime;
    private readonly StoreResilience _resilience;
    private readonly DaprOptions _options;

    // Until a sidecar answers UNIMPLEMENTED to BulkPublishEvent (daprd before 1.18), then Alpha1.
    private volatile bool _bulkPublishIsAlpha;

    public DaprSidecar(IOptions<DaprOptions> options)
    {
        _options = options.Value;
        var endpoint = string.IsNullOrEmpty(_options.GrpcEndpoint) ? DaprOptions.DefaultGrpcEndpoint : _options.GrpcEndpoint;
        var builder = new DaprClientBuilder().UseGrpcEndpoint(endpoint).UseJsonSerializationOptions(Json);
        if (!string.IsNullOrEmpty(_options.ApiToken))
        {
            builder.UseDaprApiToken(_options.ApiToken);
        }

        _client = builder.Build();
        _channel = GrpcChannel.ForAddress(endpoint);
        _runtime = new RuntimeApi.Dapr.DaprClient(_channel);
        _resilience = new StoreResilience(_options.OperationTimeout, IsTransient);
    }

    /// <summary>The value under <paramref name="key"/> (null when absent) and the store's etag ("" when absent).</summary>
    internal async Task<(T? Value, string Etag)> ReadAsync<T>(string key, CancellationToken cancellationToken)
        where T : class
    {
        var (value, etag) = await _resilience.Idempotent.ExecuteAsync(
            async ct => await _client.GetStateAndETagAsync<T>(_options.StateStore, key, ConsistencyMode.Strong, cancellationToken: ct),
            cancellationToken);
        return (value, etag ?? string.Empty);
    }

    /// <summary>Saves if the store's etag is still <paramref name="etag"/> ("" : only if the key is new); false when it moved.</summary>
    internal async Task<bool> TrySaveAsync<T>(string key, T value, string etag, CancellationToken cancellationToken, TimeSpan? timeToLive = null) =>
        await _resilience.NonIdempotent.ExecuteAsync(
            async ct => await _client.TrySaveStateAsync(_options.StateStore, key, value, etag, CompareAndSet, TimeToLive(timeToLive), ct),
            cancellationToken);

    // The state API's own expiry (metadata ttlInSeconds), which the Redis state store turns into EXPIRE.
    private static Dictionary<string, string>? TimeToLive(TimeSpan? timeToLive) => timeToLive is { } ttl
        ? new(StringComparer.Ordinal) { ["ttlInSeconds"] = Math.Max(1, (long)Math.Ceiling(ttl.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) }
        : null;

    /// <summary>Publishes one event with its own id as the CloudEvent id, so every copy carries the id consumers dedupe on.</summary>
    internal async Task PublishAsync(PendingEvent pending, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["cloudevent.id"] = pending.EventId };
        await _resilience.Idempotent.ExecuteAsync(
            async ct => await _client.PublishByteEventAsync(_options.PubSub, pending.Topic, pending.Envelope, EventContentType, metadata, ct),
            cancellationToken);
    }

    /// <summary>
    /// Publishes <paramref name="events"/> on <paramref name="topic"/> in one bulk request, each entry
    /// named by its event id and carrying it as its CloudEvent id; returns the ids the sidecar reported
    /// failed (the others are published). A call that fails as a whole is retried whole by the
    /// pipeline: some entries may be out already, and consumers drop the duplicates.
    /// </summary>
    internal async Task<IReadOnlySet<string>> BulkPublishAsync(string topic, IReadOnlyList<PendingEvent> events, CancellationToken cancellationToken)
    {
        var request = new RuntimeApi.BulkPublishRequest { PubsubName = _options.PubSub, Topic = topic };
        foreach (var pending in events)
        {
            request.Entries.Add(new RuntimeApi.BulkPublishRequestEntry
            {
                EntryId = pending.EventId,
                Event = ByteString.CopyFrom(pending.Envelope),
                ContentType = EventContentType,
                Metadata = { ["cloudevent.id"] = pending.EventId },
            });
        }

        var response = await _resilience.Idempotent.ExecuteAsync(async ct => await CallBulkPublishAsync(request, ct), cancellationToken);
        return response.FailedEntries.Select(f => f.EntryId).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<RuntimeApi.BulkPublishResponse> CallBulkPublishAsync(RuntimeApi.BulkPublishRequest request, CancellationToken cancellationToken)
    {
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(_options.ApiToken))
        {
            headers.Add("dapr-api-token", _options.ApiToken);
        }

        var call = new CallOptions(headers, cancellationToken: cancellationToken);
        if (!_bulkPublishIsAlpha)
        {
            try
            {
                return await _runtime.BulkPublishEventAsync(request, call);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unimplemented)
            {
                _bulkPublishIsAlpha = true;
            }
        }

#pragma warning disable CS0612, CS0618 // Deprecated in 1.18, and the only bulk publish of daprd 1.16 and 1.17.
        return await _runtime.BulkPublishEventAlpha1Async(request, call);
#pragma warning restore CS0612, CS0618
    }

    public void Dispose()
    {
        _client.Dispose();
        _channel.Dispose();
    }

    // The sidecar or the store behind it is unreachable, slow or overloaded. An etag mismatch is not
    // an error here at all (TrySaveStateAsync answers false), so it never opens the circuit.
    private static bool IsTransient(Exception ex) => ex switch
    {
        DaprException { InnerException: RpcException rpc } => IsTransient(rpc.StatusCode),
        RpcException rpc => IsTransient(rpc.StatusCode),
        HttpRequestException => true,
        _ => false,
    };

    private static bool IsTransient(StatusCode code) =>
        code is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Internal;
}
