using Hld.Contracts.Events.V1;

namespace Hld.Platform.State;

/// <summary>An aggregate's stored value and its version. The version is the etag partners see.</summary>
public sealed record Versioned(ReadOnlyMemory<byte> Value, long Version)
{
    public string Etag => Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The state port: one aggregate, one key. Every write is a compare-and-set on the aggregate's
/// version and carries the events the change causes; the value and the events commit together or
/// not at all. No operation spans two keys, so the port holds on every store the adapters target.
/// </summary>
public interface IAggregateStore
{
    /// <summary>Reads an aggregate, or null when the key was never written.</summary>
    Task<Versioned?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The version alone (0 when the key was never written), so a reader that keeps a large value in
    /// memory can tell whether it is still current. Adapters that can read it without the value do.
    /// </summary>
    async Task<long> GetVersionAsync(string key, CancellationToken cancellationToken = default) =>
        (await GetAsync(key, cancellationToken))?.Version ?? 0;

    /// <summary>
    /// Writes <paramref name="value"/> at version <paramref name="expectedVersion"/> + 1 if and only if
    /// the stored version is still <paramref name="expectedVersion"/> (0: the key must not exist yet),
    /// and publishes <paramref name="events"/> with it. Returns false, having changed and published
    /// nothing, when another writer got there first.
    /// </summary>
    Task<bool> TryCommitAsync(
        string key,
        long expectedVersion,
        ReadOnlyMemory<byte> value,
        IReadOnlyList<EventEnvelope> events,
        CancellationToken cancellationToken = default);
}
