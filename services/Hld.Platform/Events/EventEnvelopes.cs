using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Hld.Contracts.Events.V1;

namespace Hld.Platform.Events;

/// <summary>Topics come from the contract's <c>(hld.events.v1.topic)</c> option, never from a CLR name.</summary>
public static class Topics
{
    private static readonly ConcurrentDictionary<MessageDescriptor, string> Cache = new();

    /// <summary>Every topic the contracts define, from the descriptors of hld.events.v1.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(EventEnvelope).Assembly.GetTypes()
        .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
        .Select(t => t.GetProperty("Descriptor", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null))
        .OfType<FileDescriptor>()
        .Where(f => f.Package == "hld.events.v1")
        .SelectMany(f => f.MessageTypes)
        .Select(m => m.GetOptions()?.GetExtension(EnvelopeExtensions.Topic))
        .OfType<string>()
        .Where(t => t.Length > 0)
        .Order(StringComparer.Ordinal)
        .ToList();

    public static string Of<TEvent>() where TEvent : IMessage<TEvent>, new() => Of(new TEvent().Descriptor);

    public static string Of(MessageDescriptor descriptor) => Cache.GetOrAdd(descriptor, static d =>
    {
        var topic = d.GetOptions()?.GetExtension(EnvelopeExtensions.Topic);
        return string.IsNullOrEmpty(topic)
            ? throw new InvalidOperationException($"{d.FullName} has no (hld.events.v1.topic) option and cannot be published.")
            : topic;
    });
}

/// <summary>Wraps integration events for the state port: identity, origin, aggregate key and version.</summary>
public static class EventEnvelopes
{
    public static EventEnvelope Create(IMessage @event, string aggregateKey, long aggregateVersion, DateTimeOffset occurredAt, string source) => new()
    {
        EventId = Guid.NewGuid().ToString(),
        Topic = Topics.Of(@event.Descriptor),
        AggregateKey = aggregateKey,
        AggregateVersion = aggregateVersion,
        OccurredAt = Timestamp.FromDateTimeOffset(occurredAt),
        Source = source,
        Payload = Any.Pack(@event),
    };
}
