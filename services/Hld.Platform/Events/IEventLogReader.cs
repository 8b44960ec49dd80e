using Hld.Contracts.Events.V1;

namespace Hld.Platform.Events;

/// <summary>An envelope and where it stands in its topic's log.</summary>
public sealed record PositionedEnvelope(string Position, EventEnvelope Envelope);

/// <summary>
/// Reads a topic's log in commit order from a position, without consumer groups. A projector that
/// keeps its position inside the projection it commits applies every entry exactly once, and can
/// start again from the beginning to rebuild.
/// </summary>
public interface IEventLogReader
{
    /// <summary>Up to <paramref name="count"/> entries committed after <paramref name="after"/> (empty: from the start).</summary>
    Task<IReadOnlyList<PositionedEnvelope>> ReadAfterAsync(string topic, string after, int count, CancellationToken cancellationToken);
}
