using Google.Protobuf;
using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Platform.Hosting;
using Hld.Platform.State;
using Microsoft.Extensions.Options;

namespace Hld.Reporting.Api.EventStore;

/// <summary>
/// The reporting service's own event store. Each received event is kept once: the first write of
/// <c>reporting/events/{event_id}</c> and the append of an <see cref="EventStored"/> entry to the
/// store's log commit together, so a redelivery (the service killed before it acknowledged) finds
/// the key and appends nothing. Projections follow the log; a rebuild replays it.
/// </summary>
public sealed class ReportingEventStore(IAggregateStore store, TimeProvider clock, IOptions<HldOptions> options)
{
    public static readonly string LogTopic = Topics.Of<EventStored>();

    /// <summary>Stores the event; false when it was stored before.</summary>
    public Task<bool> StoreAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var key = $"reporting/events/{envelope.EventId}";
        var stored = EventEnvelopes.Create(new EventStored { Envelope = envelope }, key, 1, clock.GetUtcNow(), options.Value.AppId);
        return store.TryCommitAsync(key, 0, envelope.ToByteArray(), [stored], cancellationToken);
    }

    /// <summary>Subscribes the store to every topic the contracts define, except its own log.</summary>
    public static IServiceCollection AddReportingEventStore(IServiceCollection services)
    {
        services.AddSingleton<ReportingEventStore>();
        // The projector reads the store's log by position, never through a subscription.
        services.AddPositionalLog(LogTopic);
        foreach (var topic in Topics.All.Where(t => t != LogTopic))
        {
            // The first write of the event's key is the store's own deduplication: no marker needed.
            services.AddSingleton(new EventSubscription(topic, (provider, envelope, ct) =>
                provider.GetRequiredService<ReportingEventStore>().StoreAsync(envelope, ct)) { DeduplicatesItself = true });
        }

        return services;
    }
}
