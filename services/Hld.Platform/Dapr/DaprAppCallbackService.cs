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
/// this app takes and hands over each event. SUCCESS acknowledges; RETRY makes the sidecar deliver
/// again, and after its own attempts it moves the event to the subscription's dead-letter topic.
/// The platform's own policy (dedupe, N attempts, DeadLetter event) already ran in the dispatcher,
/// so the sidecar's dead-letter topic is a second safety net. The sidecar authenticates with the app
/// API token, not a JWT, so the endpoint is anonymous and this class checks that token.
/// </summary>
public sealed class DaprAppCallbackService(
    DaprEventBus bus,
    IEnumerable<EventSubscription> handled,
    IOptions<DaprOptions> options,
    IOptions<HldOptions> hld,
    ILogger<DaprAppCallbackService> logger) : AppCallback.AppCallbackBase
{
    private const string TokenHeader = "dapr-api-token";

    public override Task<ListTopicSubscriptionsResponse> ListTopicSubscriptions(Empty request, ServerCallContext context)
    {
        VerifySidecar(context);

        // The handlers registered at start-up answer even if the sidecar asks before the consumer
        // service has subscribed; those deliveries wait (RETRY) until it has.
        var topics = handled.Select(s => s.Topic).Concat(bus.Topics).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var deadLetter = DaprOptions.DeadLetterTopicOf(hld.Value.AppId);
        var response = new ListTopicSubscriptionsResponse();
        response.Subscriptions.AddRange(topics.Select(topic => new TopicSubscription
        {
            PubsubName = options.Value.PubSub,
            Topic = topic,
            DeadLetterTopic = deadLetter,
        }));
        return Task.FromResult(response);
    }

    public override async Task<TopicEventResponse> OnTopicEvent(TopicEventRequest request, ServerCallContext context)
    {
        VerifySidecar(context);
        EventEnvelope envelope;
        try
        {
            envelope = EventEnvelope.Parser.ParseFrom(request.Data);
        }
        catch (InvalidProtocolBufferException ex)
        {
            // No delivery can ever succeed; DROP sends it to the dead-letter topic.
            logger.LogError(ex, "Event {CloudEventId} on {Topic} is not an event envelope; dropped", request.Id, request.Topic);
            return Answer(TopicEventResponse.Types.TopicEventResponseStatus.Drop);
        }

        var processed = await bus.DeliverAsync(envelope, context.CancellationToken);
        return Answer(processed ? TopicEventResponse.Types.TopicEventResponseStatus.Success : TopicEventResponse.Types.TopicEventResponseStatus.Retry);
    }

    public override Task<ListInputBindingsResponse> ListInputBindings(Empty request, ServerCallContext context)
    {
        VerifySidecar(context);
        return Task.FromResult(new ListInputBindingsResponse());
    }

    private static TopicEventResponse Answer(TopicEventResponse.Types.TopicEventResponseStatus status) => new() { Status = status };

    private void VerifySidecar(ServerCallContext context)
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
