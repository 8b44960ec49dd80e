using System.Text.Json;
using Dapr;
using Dapr.Client;
using Grpc.Core;
using Hld.Platform.Resilience;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Dapr;

/// <summary>
/// The three sidecar calls the adapter makes, each through the store pipelines: reads and publishes
/// retry transient failures (a publish may repeat because consumers drop duplicate event ids);
/// compare-and-set saves never do. Values travel as JSON; the client is this adapter's own, so its
/// serializer settings cannot be changed by another registration.
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
    private readonly StoreResilience _resilience;
    private readonly DaprOptions _options;

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

    public void Dispose() => _client.Dispose();

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
