using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Hld.Contracts.Events.V1;
using Hld.Platform.State;

namespace Hld.Platform.Events;

/// <summary>A dead letter as kept: the letter, and when it was replayed (null while it was not).</summary>
public sealed record DeadLetterRecord(DeadLetter Letter, DateTimeOffset? ReplayedAt);

/// <summary>
/// Where a consumer group's dead letters live: a count (<see cref="EventDispatcher.DeadLetterKey"/>),
/// one record per letter, an index of their event ids in the order they came, and a record per replay.
/// The count is also a metric, <c>hld.events.dead_lettered</c>, by consumer group and topic.
/// </summary>
public static class DeadLetters
{
    private static readonly Meter Meter = new("Hld.Platform.Events");

    public static Counter<long> Counter { get; } = Meter.CreateCounter<long>("hld.events.dead_lettered", unit: "{event}", description: "Events a consumer group gave up on after its attempts");

    public static string IndexKey(string consumerGroup) => $"platform/dead-letters/{consumerGroup}/index";

    public static string LetterKey(string consumerGroup, string eventId) => $"platform/dead-letters/{consumerGroup}/letters/{eventId}";

    public static string ReplayedKey(string consumerGroup, string eventId) => $"platform/dead-letters/{consumerGroup}/replayed/{eventId}";

    internal static DateTimeOffset? ReplayedAt(Versioned? stored) =>
        stored is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(Encoding.ASCII.GetString(stored.Value.Span), CultureInfo.InvariantCulture));
}
