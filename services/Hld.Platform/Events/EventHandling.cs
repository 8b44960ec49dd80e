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
    Task HandleAsync(TEvent message, EventEnvelope envelope, CancellationToken cancellationToken);
}

/// <summary>One topic this service consumes, and how to hand an envelope on it to its handler.</summary>
public sealed record EventSubscription(string Topic, Func<IServiceProvider, EventEnvelope, CancellationToken, Task> Handle)
{
    /// <summary>
    /// True when the handler's effect is written so that a second delivery changes nothing by itself
    /// (a first write keyed by the event id, an index append, a guarded transition on a version):
    /// the dispatcher then reads and writes no processed marker for it, two store calls less per event.
    /// </summary>
    public bool DeduplicatesItself { get; init; }
}

public static class EventHandlingRegistration
{
    /// <summary>
    /// Subscribes this service's consumer group to <typeparamref name="TEvent"/>'s topic. Pass
    /// <paramref name="deduplicatesItself"/> only for a handler whose effect a replay leaves unchanged
    /// without the dispatcher's processed marker (see <see cref="EventSubscription.DeduplicatesItself"/>).
    /// </summary>
    public static IServiceCollection AddEventHandler<TEvent, THandler>(this IServiceCollection services, bool deduplicatesItself = false)
        where TEvent : class, IMessage<TEvent>, new()
        where THandler : class, IEventHandler<TEvent>
    {
        services.TryAddScoped<THandler>();
        services.AddSingleton(new EventSubscription(Topics.Of<TEvent>(), async (provider, envelope, ct) =>
        {
            var @event = StoredEvents.Current(envelope.Payload.Unpack<TEvent>());
            await provider.GetRequiredService<THandler>().HandleAsync(@event, envelope, ct);
        }) { DeduplicatesItself = deduplicatesItself });
        return services;
    }
}
