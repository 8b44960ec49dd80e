using Hld.Contracts.Events.V1;
using Hld.Platform.State;

namespace Hld.Platform.Dapr;

/// <summary>
/// Aggregates behind a Dapr state store, written with <c>GetStateAndETagAsync</c> and
/// <c>TrySaveStateAsync</c> only (never <c>StateEntry.SaveAsync</c>, which drops the etag). The stored
/// value is a <see cref="StoredAggregate"/>: the logical version, the aggregate, and its unpublished
/// events, so one compare-and-set on one key commits the state and its events together on every
/// store Dapr supports. <see cref="DaprOutbox"/> publishes the events afterwards; a commit carrying
/// events of a log topic waits for them to be appended to the log (<see cref="DaprEventLog"/>), so a
/// reader of the log sees them once the commit has returned.
/// </summary>
public sealed class DaprAggregateStore(DaprOutbox outbox) : IAggregateStore
{
    private DaprSidecar Sidecar => outbox.Sidecar;

    public async Task<Versioned?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var (current, _) = await Sidecar.ReadAsync<StoredAggregate>(key, cancellationToken);
        return current is null ? null : new Versioned(current.Value, current.Version);
    }

    public Task<bool> TryCommitAsync(string key, long expectedVersion, ReadOnlyMemory<byte> value, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default) =>
        TryCommitAsync(key, expectedVersion, value, events, null, cancellationToken);

    /// <summary>
    /// The aggregate first, by compare-and-set with its events as always; then each record on its own
    /// key, with the time to live it asks for (single-key writes: decision 004 says what that costs).
    /// </summary>
    public Task<bool> CommitAsync(Commit commit, CancellationToken cancellationToken = default) =>
        KeyByKey.CommitAsync(
            this,
            commit,
            () => TryCommitAsync(commit.Key, commit.ExpectedVersion, commit.Value, commit.Events, commit.TimeToLive, cancellationToken),
            records => WriteAsync(records, cancellationToken),
            cancellationToken);

    public Task WriteRecordsAsync(IReadOnlyList<RecordWrite> records, CancellationToken cancellationToken = default)
    {
        KeyByKey.RefuseConditions(records);
        return WriteAsync(records, cancellationToken);
    }

    private Task WriteAsync(IReadOnlyList<RecordWrite> records, CancellationToken cancellationToken) =>
        Task.WhenAll(records.Select(async record =>
        {
            while (true)
            {
                var (current, etag) = await Sidecar.ReadAsync<StoredAggregate>(record.Key, cancellationToken);
                if (record.ExpectedVersion is { } expected && (current?.Version ?? 0) != expected)
                {
                    return;
                }

                var next = new StoredAggregate((current?.Version ?? 0) + 1, record.Value.ToArray(), current?.Pending);
                if (await Sidecar.TrySaveAsync(record.Key, next, etag, cancellationToken, record.TimeToLive))
                {
                    return;
                }
            }
        }));

    private async Task<bool> TryCommitAsync(string key, long expectedVersion, ReadOnlyMemory<byte> value, IReadOnlyList<EventEnvelope> events, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        var bytes = value.ToArray();
        var fresh = await outbox.PlaceAsync([.. events.Select(PendingEvent.From)], cancellationToken);
        var logged = fresh.Any(e => outbox.Log.IsLogTopic(e.Topic));
        for (var round = 0; round < DaprOutbox.MaxRounds; round++)
        {
            var (current, etag) = await Sidecar.ReadAsync<StoredAggregate>(key, cancellationToken);
            if ((current?.Version ?? 0) != expectedVersion)
            {
                return false;
            }

            // Events the relay has not cleared yet stay pending alongside the new ones.
            var pending = (current?.Events ?? []).Concat(fresh).DistinctBy(e => e.EventId, StringComparer.Ordinal).ToList();
            var next = new StoredAggregate(expectedVersion + 1, bytes, pending);
            if (pending.Count > 0)
            {
                await outbox.MarkAsync(key, next.Version, cancellationToken);
            }

            if (await Sidecar.TrySaveAsync(key, next, etag, cancellationToken, timeToLive))
            {
                if (logged)
                {
                    await outbox.RelayNowAsync(key, cancellationToken);
                }
                else if (pending.Count > 0)
                {
                    outbox.Signal(key);
                }

                return true;
            }

            // The store's etag moved. If another commit landed, the next read shows a new version and
            // the write is refused; if the relay only cleared published events, the version is
            // unchanged and this commit is still valid, so it tries again.
        }

        // Outrun by the relay every round (not seen in practice): report a lost race, which callers
        // already handle by reading again.
        return false;
    }
}
