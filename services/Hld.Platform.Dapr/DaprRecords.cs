using System.Text.Json.Serialization;
using Google.Protobuf;
using Hld.Contracts.Events.V1;

namespace Hld.Platform.Dapr;

/// <summary>
/// What the adapter stores under an aggregate's key: the logical version partners see as the etag,
/// the aggregate's bytes, and the events committed with it that the relay has not yet published.
/// The store's own etag moves on every write, the relay's included; <see cref="Version"/> moves only
/// on a commit.
/// </summary>
internal sealed record StoredAggregate(long Version, byte[] Value, IReadOnlyList<PendingEvent>? Pending)
{
    [JsonIgnore]
    public IReadOnlyList<PendingEvent> Events => Pending ?? [];
}

/// <summary>
/// An event waiting for the relay; id and topic are kept beside the envelope so an operator can read
/// them. An event of a log topic also carries <paramref name="LogChunk"/>, set by its commit before
/// the save: the log chunk the append starts from. The event is in no chunk before it, so a relay
/// retried after a crash finds an earlier append of it by looking from there on (decision 003).
/// </summary>
internal sealed record PendingEvent(
    string EventId,
    string Topic,
    byte[] Envelope,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? LogChunk = null)
{
    public static PendingEvent From(EventEnvelope envelope) => new(envelope.EventId, envelope.Topic, envelope.ToByteArray());
}

/// <summary>One shard of the pending set: aggregate key → the version whose events may still be unpublished.</summary>
internal sealed record OutboxMarks(IReadOnlyDictionary<string, OutboxMark>? Keys)
{
    [JsonIgnore]
    public IReadOnlyDictionary<string, OutboxMark> Entries => Keys ?? new Dictionary<string, OutboxMark>(StringComparer.Ordinal);
}

/// <summary>A commit of <paramref name="Version"/> was about to be saved with events at <paramref name="MarkedAt"/>.</summary>
internal sealed record OutboxMark(long Version, DateTimeOffset MarkedAt);

/// <summary>
/// Where the writers of a topic's log start looking for the chunk to append to: a hint that only moves
/// forward and may lag (writers walk on past sealed chunks), never read by readers.
/// </summary>
internal sealed record StoredLogHead(long Chunk);

/// <summary>
/// One chunk of a topic's log: entries in log order, appended with compare-and-set. The write that
/// fills it also seals it; a sealed chunk never changes again, and the log continues in the next one.
/// </summary>
internal sealed record StoredLogChunk(bool Sealed, IReadOnlyList<StoredLogEntry>? Entries)
{
    [JsonIgnore]
    public IReadOnlyList<StoredLogEntry> Items => Entries ?? [];
}

/// <summary>One entry of a log chunk; the event id sits beside the envelope so appends can find it cheaply.</summary>
internal sealed record StoredLogEntry(string EventId, byte[] Envelope);
