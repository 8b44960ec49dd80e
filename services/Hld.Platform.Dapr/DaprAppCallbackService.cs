using System.Security.Cryptography;
using System.Text;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hld.Contracts.Events.V1;
using Hld.Platform.Errors;
using Hld.Platform.Events;
using Hld.Platform.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Dapr;

/// <summary>
/// The gRPC app callback the sidecar calls (<c>dapr.io/app-protocol: grpc</c>): it asks which topics
/// this app takes and hands over each event, or several at once when the subscription asks for bulk
/// delivery (<see cref="DaprOptions.BulkSubscribe"/>, answered by <see cref="DaprBulkDelivery"/>). SUCCESS acknowledges; RETRY makes the sidecar deliver
/// again, and after its own attempts it moves the event to the subscription's dead-letter topic.
/// The platform's own policy (dedupe, N attempts, DeadLetter event) already ran in the dispatcher,
/// so the sidecar's dead-letter topic is a second safety net. The sidecar authenticates with the app
/// API token, not a JWT, so the endpoint is anonymous and this class checks that token.
/// </summary>
public sealed class DaprAppCallbackService(
    DaprEventBus bus,
    DaprBulkDelivery bulk,
    DaprSidecarToken token,
    IEnumerable<EventSubscription> handled,
    IOptions<DaprOptions> options,
    IOptions<HldOptions> hld,
    ILogger<DaprAppCallbackService> logger) : AppCallback.AppCallbackBase
{
    /// <summary>Subscription metadata that makes daprd deliver the stored message as it is (decision 008).</summary>
    public const string RawPayload = "rawPayload";

    public override Task<ListTopicSubscriptionsResponse> ListTopicSubscriptions(Empty request, ServerCallContext context)
    {
        token.Verify(context);

        // The handlers registered at start-up answer even if the sidecar asks before the consumer
        // service has subscribed; those deliveries wait (RETRY) until it has.
        var topics = handled.Select(s => s.Topic).Concat(bus.Topics).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var deadLetter = DaprOptions.DeadLetterTopicOf(hld.Value.AppId);
        var response = new ListTopicSubscriptionsResponse();
        response.Subscriptions.AddRange(topics.Select(topic => Subscription(topic, deadLetter)));
        return Task.FromResult(response);
    }

    public override async Task<TopicEventResponse> OnTopicEvent(TopicEventRequest request, ServerCallContext context)
    {
        token.Verify(context);
        if (DaprEventPayload.TryDecode(request.Data.Memory) is not { } envelope)
        {
            // No delivery can ever succeed; DROP sends it to the dead-letter topic.
            logger.LogError("Event {CloudEventId} on {Topic} is not an event envelope; dropped", request.Id, request.Topic);
            return Answer(TopicEventResponse.Types.TopicEventResponseStatus.Drop);
        }

        var processed = await bus.DeliverAsync(envelope, context.CancellationToken);
        return Answer(processed ? TopicEventResponse.Types.TopicEventResponseStatus.Success : TopicEventResponse.Types.TopicEventResponseStatus.Retry);
    }

    public override Task<TopicEventBulkResponse> OnBulkTopicEvent(TopicEventBulkRequest request, ServerCallContext context)
    {
        token.Verify(context);
        return bulk.DeliverAsync(request, context.CancellationToken);
    }

    public override Task<ListInputBindingsResponse> ListInputBindings(Empty request, ServerCallContext context)
    {
        token.Verify(context);
        return Task.FromResult(new ListInputBindingsResponse());
    }

    private static TopicEventResponse Answer(TopicEventResponse.Types.TopicEventResponseStatus status) => new() { Status = status };

    // With bulk subscribe, also rawPayload: daprd's bulk delivery over gRPC passes a CloudEvent's
    // "data" but not "data_base64", where a binary event is kept, so only the raw message carries it.
    private TopicSubscription Subscription(string topic, string deadLetter)
    {
        var subscription = new TopicSubscription { PubsubName = options.Value.PubSub, Topic = topic, DeadLetterTopic = deadLetter };
        if (options.Value.BulkSubscribe)
        {
            subscription.Metadata[RawPayload] = "true";
            subscription.BulkSubscribe = new BulkSubscribeConfig
            {
                Enabled = true,
                MaxMessagesCount = Math.Max(1, options.Value.BulkSubscribeMaxMessages),
                MaxAwaitDurationMs = (int)Math.Clamp(options.Value.BulkSubscribeMaxAwait.TotalMilliseconds, 1, int.MaxValue),
            };
        }

        return subscription;
    }
}

/// <summary>
/// The bulk delivery of sidecars before 1.18, which call <c>AppCallbackAlpha/OnBulkTopicEventAlpha1</c>
/// only; daprd 1.18 calls <c>AppCallback/OnBulkTopicEvent</c> and falls back to this when it is missing.
/// </summary>
public sealed class DaprAppCallbackAlphaService(DaprBulkDelivery bulk, DaprSidecarToken token) : AppCallbackAlpha.AppCallbackAlphaBase
{
#pragma warning disable CS0672 // Deprecated since 1.18, and the only bulk delivery of daprd 1.16 and 1.17.
    public override Task<TopicEventBulkResponse> OnBulkTopicEventAlpha1(TopicEventBulkRequest request, ServerCallContext context)
#pragma warning restore CS0672
    {
        token.Verify(context);
        return bulk.DeliverAsync(request, context.CancellationToken);
    }
}

/// <summary>Checks that a callback comes from the sidecar: it presents the app API token (<c>APP_API_TOKEN</c>).</summary>
public sealed class DaprSidecarToken(IOptions<DaprOptions> options)
{
    private const string TokenHeader = "dapr-api-token";

    public void Verify(ServerCallContext context)
    {
        var expected = options.Value.AppApiToken;
        if (string.IsNullOrEmpty(expected))
        {
            return;
        }

        var presented = context.RequestHeaders.GetValue(TokenHeader) ?? string.Empty;
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
        {
            throw new PermissionDeniedException("The caller did not present this app's Dapr app API token.");
        }
    }
}
