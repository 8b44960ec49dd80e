using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using AppCallbackApi = Dapr.AppCallback.Autogen.Grpc.v1;
using RuntimeApi = Dapr.Client.Autogen.Grpc.v1;

namespace Hld.Platform.Tests.Dapr;

/// <summary>
/// The gRPC methods of the Dapr runtime protocol that the fake sidecar serves and calls. Dapr.Protos
/// ships the runtime service as a client only and the app callback as a server only; the fake needs
/// the other halves, so it builds them here from the same descriptors and messages, and refuses to
/// start if a name or a message type disagrees with them.
/// </summary>
internal static class DaprWire
{
    private static readonly ServiceDescriptor Runtime = RuntimeApi.DaprReflection.Descriptor.Services.Single(s => s.Name == "Dapr");
    private static readonly ServiceDescriptor AppCallback = AppCallbackApi.AppcallbackReflection.Descriptor.Services.Single(s => s.Name == "AppCallback");
    private static readonly ServiceDescriptor AppCallbackAlpha = AppCallbackApi.AppcallbackReflection.Descriptor.Services.Single(s => s.Name == "AppCallbackAlpha");

    public static readonly Method<RuntimeApi.GetStateRequest, RuntimeApi.GetStateResponse> GetState = Unary<RuntimeApi.GetStateRequest, RuntimeApi.GetStateResponse>(Runtime, "GetState");

    public static readonly Method<RuntimeApi.SaveStateRequest, Empty> SaveState = Unary<RuntimeApi.SaveStateRequest, Empty>(Runtime, "SaveState");

    public static readonly Method<RuntimeApi.PublishEventRequest, Empty> PublishEvent = Unary<RuntimeApi.PublishEventRequest, Empty>(Runtime, "PublishEvent");

    public static readonly Method<RuntimeApi.BulkPublishRequest, RuntimeApi.BulkPublishResponse> BulkPublishEvent = Unary<RuntimeApi.BulkPublishRequest, RuntimeApi.BulkPublishResponse>(Runtime, "BulkPublishEvent");

    public static readonly Method<RuntimeApi.BulkPublishRequest, RuntimeApi.BulkPublishResponse> BulkPublishEventAlpha1 = Unary<RuntimeApi.BulkPublishRequest, RuntimeApi.BulkPublishResponse>(Runtime, "BulkPublishEventAlpha1");

    public static readonly Method<AppCallbackApi.TopicEventBulkRequest, AppCallbackApi.TopicEventBulkResponse> OnBulkTopicEvent = Unary<AppCallbackApi.TopicEventBulkRequest, AppCallbackApi.TopicEventBulkResponse>(AppCallback, "OnBulkTopicEvent");

    public static readonly Method<AppCallbackApi.TopicEventBulkRequest, AppCallbackApi.TopicEventBulkResponse> OnBulkTopicEventAlpha1 = Unary<AppCallbackApi.TopicEventBulkRequest, AppCallbackApi.TopicEventBulkResponse>(AppCallbackAlpha, "OnBulkTopicEventAlpha1");

    public static readonly Method<Empty, AppCallbackApi.ListTopicSubscriptionsResponse> ListTopicSubscriptions = Unary<Empty, AppCallbackApi.ListTopicSubscriptionsResponse>(AppCallback, "ListTopicSubscriptions");

    public static readonly Method<AppCallbackApi.TopicEventRequest, AppCallbackApi.TopicEventResponse> OnTopicEvent = Unary<AppCallbackApi.TopicEventRequest, AppCallbackApi.TopicEventResponse>(AppCallback, "OnTopicEvent");

    private static Method<TRequest, TResponse> Unary<TRequest, TResponse>(ServiceDescriptor service, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var method = service.FindMethodByName(name) ?? throw new InvalidOperationException($"{service.FullName} has no method {name}.");
        if (method.InputType.ClrType != typeof(TRequest) || method.OutputType.ClrType != typeof(TResponse) || method.IsClientStreaming || method.IsServerStreaming)
        {
            throw new InvalidOperationException($"{method.FullName} is not unary {typeof(TRequest).Name} -> {typeof(TResponse).Name}.");
        }

        return new Method<TRequest, TResponse>(MethodType.Unary, service.FullName, method.Name, Marshal<TRequest>(), Marshal<TResponse>());
    }

    private static Marshaller<T> Marshal<T>()
        where T : class, IMessage<T>, new()
    {
        var parser = new MessageParser<T>(() => new T());
        return Marshallers.Create(message => message.ToByteArray(), parser.ParseFrom);
    }
}
