using Hld.Contracts.Events.V1;
using Hld.Platform.State;

namespace Hld.Platform.InMemory;

/// <summary>
/// Tests only: the same compare-and-set and atomic state+events as the real stores, in one lock.
/// Hosts refuse it outside Development and Testing (see ServiceDefaults).
/// </summary>
public sealed class InMemoryAggregateStore(InMemoryEventStreamLog log) : IAggregateStore
{
    private readonly Dictionary<string, Versioned> _values = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public Task<Versioned?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_values.GetValueOrDefault(key));
        }
    }

    public Task<bool> TryCommitAsync(string key, long expectedVersion, ReadOnlyMemory<byte> value, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        lock (_gate)
        {
            var current = _values.GetValueOrDefault(key)?.Version ?? 0;
            if (current != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _values[key] = new Versioned(value.ToArray(), current + 1);
            foreach (var envelope in events)
            {
                log.Append(envelope);
            }
        }

        return Task.FromResult(true);
    }
}
