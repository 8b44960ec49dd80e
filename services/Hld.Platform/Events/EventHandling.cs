using Google.Protobuf;
using Hld.Contracts.Events.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hld.Platform.Events;

/// <summary>
/// Handles one kind of integration event. Deliveries are at least once and may arrive out of order
/// across topics: a handler applies guarded transitions so that a replay is harmless.
/// </summary>
public interface IEventHandler<in TEvent> where TEvent : IMessage
{
    Task HandleAsync(TEvent @event, EventEnvelope envelope, CancellationToken cancellationToken);
}

/// <summary>One topic this service consumes, and how to hand an envelope on it to its handler.</summary>
public sealed record EventSubscription(string Topic, Func<IServiceProvider, EventEnvelope, CancellationToken, Task> Handle);

public static class EventHandlingRegistration
{
    /// <summary>Subscribes this service's consumer group to <typeparamref name="TEvent"/>'s topic.</summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services)
        where TEvent : class, IMessage<TEvent>, new()
        where THandler : class, IEventHandler<TEvent>
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(new EventSubscription(Topics.Of<TEvent>(), async (provider, envelope, ct) =>
        {
            var @event = envelope.Payload.Unpack<TEvent>();
            await provider.GetRequiredService<THandler>().HandleAsync(@event, envelope, ct);
        }));
        return services;
    }
}
