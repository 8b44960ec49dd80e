using Hld.Contracts.Events.V1;
using Microsoft.Extensions.DependencyInjection;

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

/// <summary>
/// A topic that its consumer reads by position (<see cref="IEventLogReader"/>) rather than through a
/// subscription. The service that reads it declares it (<see cref="PositionalLogs.AddPositionalLog"/>);
/// an adapter that keeps such topics apart from its pub/sub (Dapr, decision 003) asks for them.
/// </summary>
public sealed record PositionalLogTopic(string Topic);

public static class PositionalLogs
{
    public static IServiceCollection AddPositionalLog(this IServiceCollection services, string topic) =>
        services.AddSingleton(new PositionalLogTopic(topic));
}
