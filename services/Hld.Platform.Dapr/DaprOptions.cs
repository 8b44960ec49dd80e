using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Microsoft.Extensions.Configuration;

namespace Hld.Platform.Dapr;

/// <summary>Configuration section <c>Hld:Dapr</c>; empty endpoints and tokens fall back to what the sidecar injector sets.</summary>
public sealed class DaprOptions
{
    public const string DefaultGrpcEndpoint = "http://127.0.0.1:50001";

    /// <summary>The state store component that holds the aggregates.</summary>
    public string StateStore { get; set; } = "statestore";

    /// <summary>The pub/sub component events are published on and delivered from.</summary>
    public string PubSub { get; set; } = "pubsub";

    /// <summary>The sidecar's gRPC API. Empty: DAPR_GRPC_ENDPOINT, else DAPR_GRPC_PORT on loopback, else 127.0.0.1:50001.</summary>
    public string GrpcEndpoint { get; set; } = string.Empty;

    /// <summary>Token the app presents to the sidecar (dapr.io/api-token-secret). Empty: DAPR_API_TOKEN.</summary>
    public string ApiToken { get; set; } = string.Empty;

    /// <summary>Token the sidecar presents to the app on callbacks (dapr.io/app-token-secret). Empty: APP_API_TOKEN; still empty: callbacks are not checked, which only Development and Testing allow.</summary>
    public string AppApiToken { get; set; } = string.Empty;

    /// <summary>How often the relay sweeps the pending set for events a crash left unpublished.</summary>
    public TimeSpan RelayInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline for one sidecar call, retries included; above the sidecar's own state and publish timeouts.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Topics kept as a positional log in the state store (<see cref="DaprEventLog"/>, decision 003)
    /// instead of being published, beyond those the service declares (<see cref="PositionalLogs.AddPositionalLog"/>,
    /// as reporting does for its event store's log). Null rather than a pre-filled array, because
    /// configuration binding appends to an array it finds filled.
    /// </summary>
    public string[]? LogTopics { get; set; }

    /// <summary>Entries a log chunk holds before it is sealed; positions do not depend on it, so it may change at any time.</summary>
    public int LogChunkEntries { get; set; } = 256;

    /// <summary>
    /// Whether the outbox relay publishes with the sidecar's bulk publish API (decision 008). False:
    /// one PublishEvent call per event, for a pub/sub component or sidecar that mishandles bulk.
    /// </summary>
    public bool BulkPublish { get; set; } = true;

    /// <summary>
    /// Whether the subscriptions this app declares ask the sidecar for bulk deliveries (with
    /// rawPayload, decision 008). False: one OnTopicEvent call per event.
    /// </summary>
    public bool BulkSubscribe { get; set; } = true;

    /// <summary>Most entries the sidecar puts in one bulk delivery (bulkSubscribe.maxMessagesCount).</summary>
    public int BulkSubscribeMaxMessages { get; set; } = 100;

    /// <summary>Longest the sidecar holds a bulk delivery open for more entries (bulkSubscribe.maxAwaitDurationMs).</summary>
    public TimeSpan BulkSubscribeMaxAwait { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The topics kept as a positional log: those configured and those the service declares it reads by position.</summary>
    internal IReadOnlySet<string> LogTopicsWith(IEnumerable<PositionalLogTopic> declared) =>
        new HashSet<string>((LogTopics ?? []).Where(t => t.Length > 0).Concat(declared.Select(d => d.Topic)), StringComparer.Ordinal);

    /// <summary>The topic the sidecar moves an event to after its own delivery attempts run out.</summary>
    public static string DeadLetterTopicOf(string appId) => $"{appId}.dead-letter";

    internal void ApplyEnvironment(IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(GrpcEndpoint))
        {
            GrpcEndpoint = configuration["DAPR_GRPC_ENDPOINT"] is { Length: > 0 } endpoint ? endpoint
                : configuration["DAPR_GRPC_PORT"] is { Length: > 0 } port ? $"http://127.0.0.1:{port}"
                : DefaultGrpcEndpoint;
        }

        if (string.IsNullOrEmpty(ApiToken))
        {
            ApiToken = configuration["DAPR_API_TOKEN"] ?? string.Empty;
        }

        if (string.IsNullOrEmpty(AppApiToken))
        {
            AppApiToken = configuration["APP_API_TOKEN"] ?? string.Empty;
        }
    }
}
