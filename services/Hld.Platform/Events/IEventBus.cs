using Hld.Contracts.Events.V1;

namespace Hld.Platform.Events;

/// <summary>Handles one delivery. Throwing means "not processed": the event comes again.</summary>
public delegate Task EventDelivery(EventEnvelope envelope, CancellationToken cancellationToken);

/// <summary>
/// The delivery side of the events port: at-least-once delivery of the envelopes committed through
/// <see cref="State.IAggregateStore"/> to one consumer group per subscribing service. Consumers in
/// one group compete; an envelope a consumer took but never acknowledged (it crashed, or its handler
/// failed) is delivered again. Deduplication and dead-lettering sit above this, in
/// <see cref="EventDispatcher"/>, so every adapter gets the same policy.
/// </summary>
public interface IEventBus
{
    /// <summary>
    /// Starts delivering the given topics to <paramref name="deliver"/> as a member of
    /// <paramref name="consumerGroup"/>. Disposing the handle stops delivery without acknowledging
    /// what is in flight.
    /// </summary>
    Task<IAsyncDisposable> SubscribeAsync(
        string consumerGroup,
        IReadOnlyCollection<string> topics,
        EventDelivery deliver,
        CancellationToken cancellationToken = default);
}
