using System.Text.Json;
using Dapr.AppCallback.Autogen.Grpc.v1;
using Google.Protobuf;
using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Status = Dapr.AppCallback.Autogen.Grpc.v1.TopicEventResponse.Types.TopicEventResponseStatus;

namespace Hld.Platform.Dapr;

/// <summary>
/// A bulk delivery from the sidecar (<c>OnBulkTopicEvent</c>, or <c>OnBulkTopicEventAlpha1</c> on a
/// sidecar before 1.18), answered entry by entry with the single delivery's policy: the dispatcher
/// dedupes, counts attempts and dead-letters as always; SUCCESS once an entry is processed, RETRY when
/// it was not, DROP when it is not an event envelope. Entries are partitioned by aggregate and the
/// partitions run at once (<see cref="EventDeliveryOptions.Parallelism"/>); within one, entries go
/// in the order the sidecar sent them and stop at the first that fails, the rest answering RETRY
/// without being tried, so a later event of an aggregate is not applied before an earlier one that
/// the sidecar is about to deliver again (decision 008).
/// </summary>
public sealed class DaprBulkDelivery(DaprEventBus bus, IOptions<EventDeliveryOptions> delivery, ILogger<DaprBulkDelivery> logger)
{
    public async Task<TopicEventBulkResponse> DeliverAsync(TopicEventBulkRequest request, CancellationToken cancellationToken)
    {
        var statuses = new Status[request.Entries.Count];
        var decoded = new List<(int Index, EventEnvelope Envelope)>(request.Entries.Count);
        for (var i = 0; i < request.Entries.Count; i++)
        {
            if (Decode(request.Entries[i], request.Topic) is { } envelope)
            {
                decoded.Add((i, envelope));
            }
            else
            {
                // No delivery can ever succeed; DROP sends it to the dead-letter topic.
                statuses[i] = Status.Drop;
            }
        }

        var partitions = decoded.GroupBy(d => d.Envelope.AggregateKey, StringComparer.Ordinal);
        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, delivery.Value.Parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(partitions, parallelism, async (partition, ct) =>
        {
            var failed = false;
            foreach (var (index, envelope) in partition)
            {
                failed = failed || !await bus.DeliverAsync(envelope, ct);
                statuses[index] = failed ? Status.Retry : Status.Success;
            }
        });

        var response = new TopicEventBulkResponse();
        response.Statuses.AddRange(request.Entries.Select((entry, i) => new TopicEventBulkResponseEntry { EntryId = entry.EntryId, Status = statuses[i] }));
        return response;
    }

    private EventEnvelope? Decode(TopicEventBulkRequestEntry entry, string topic)
    {
        switch (entry.EventCase)
        {
            case TopicEventBulkRequestEntry.EventOneofCase.Bytes:
                return DaprEventPayload.TryDecode(entry.Bytes.Memory) ?? Refused(entry, topic, "its bytes are neither an event envelope nor a CloudEvent carrying one");
            case TopicEventBulkRequestEntry.EventOneofCase.CloudEvent when entry.CloudEvent.Data.IsEmpty:
                // daprd hands a bulk subscription without rawPayload the CloudEvent's "data" only, and a
                // binary event keeps its bytes in "data_base64": it arrives empty. The dead-letter topic
                // keeps the whole CloudEvent.
                return Refused(entry, topic, "it came as a CloudEvent without data; the subscription must be declared with rawPayload");
            case TopicEventBulkRequestEntry.EventOneofCase.CloudEvent:
                return DaprEventPayload.TryDecode(entry.CloudEvent.Data.Memory) ?? Refused(entry, topic, "its CloudEvent data is not an event envelope");
            default:
                return Refused(entry, topic, "it carries no event");
        }
    }

    private EventEnvelope? Refused(TopicEventBulkRequestEntry entry, string topic, string why)
    {
        logger.LogError("Bulk entry {EntryId} on {Topic} dropped: {Reason}", entry.EntryId, topic, why);
        return null;
    }
}

/// <summary>How an event envelope travels through the sidecar, and back out of what it delivers.</summary>
internal static class DaprEventPayload
{
    /// <summary>
    /// The envelope in <paramref name="data"/>: its protobuf bytes (a delivery without rawPayload), or
    /// the CloudEvent JSON daprd stored for it (rawPayload), whose <c>data_base64</c> holds those bytes.
    /// Null when it is neither, or carries no event id.
    /// </summary>
    public static EventEnvelope? TryDecode(ReadOnlyMemory<byte> data)
    {
        try
        {
            var envelope = LooksLikeJson(data.Span) ? FromCloudEvent(data) : EventEnvelope.Parser.ParseFrom(data.Span);
            return envelope is { EventId.Length: > 0 } ? envelope : null;
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    // An envelope's protobuf bytes start with a field tag; '{' (field 15, a group) is never one of them.
    private static bool LooksLikeJson(ReadOnlySpan<byte> data)
    {
        var trimmed = data.TrimStart(" \t\r\n"u8);
        return trimmed.Length > 0 && trimmed[0] == (byte)'{';
    }

    private static EventEnvelope? FromCloudEvent(ReadOnlyMemory<byte> data)
    {
        using var cloudEvent = JsonDocument.Parse(data);
        return cloudEvent.RootElement.TryGetProperty("data_base64", out var base64) && base64.ValueKind == JsonValueKind.String
            ? EventEnvelope.Parser.ParseFrom(base64.GetBytesFromBase64())
            : null;
    }
}
