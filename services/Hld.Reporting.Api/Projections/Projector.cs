using System.Text.Json;
using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Platform.Errors;
using Hld.Platform.State;
using Hld.Reporting.Api.EventStore;
using Hld.Reporting.Projections;

namespace Hld.Reporting.Api.Projections;

/// <summary>The projection as stored: the state and the log position it includes, committed together.</summary>
public sealed record StoredProjection(string Position, ReportingProjection Projection)
{
    public static StoredProjection Empty { get; } = new(string.Empty, ReportingProjection.Empty);
}

/// <summary>
/// Follows the event store's log and applies each entry to the projection exactly once: the
/// position is part of the value it commits, so a crash or a competing replica replays nothing twice.
/// </summary>
public sealed class Projector(IEventLogReader log, AggregateRepository repository, ILogger<Projector> logger)
{
    public const string Key = "reporting/projection";
    private const int Batch = 4096;

    // The projection holds every participant, so reading it whole costs as much as the Dialogue is
    // large. The last one this replica read or wrote is kept with its version; a read asks the store
    // only for the version and reuses it while no other replica has moved it.
    private volatile Loaded<StoredProjection>? _latest;

    public async Task<StoredProjection> LoadAsync(CancellationToken cancellationToken) =>
        (await LoadLatestAsync(cancellationToken))?.Value ?? StoredProjection.Empty;

    private async Task<Loaded<StoredProjection>?> LoadLatestAsync(CancellationToken cancellationToken)
    {
        var latest = _latest;
        if (latest is not null && await repository.VersionAsync(Key, cancellationToken) == latest.Version)
        {
            return latest;
        }

        var loaded = await repository.LoadAsync<StoredProjection>(Key, cancellationToken);
        _latest = loaded;
        return loaded;
    }

    /// <summary>Applies what the log holds beyond the stored position; returns how many entries it applied.</summary>
    public async Task<int> CatchUpAsync(CancellationToken cancellationToken)
    {
        var loaded = await LoadLatestAsync(cancellationToken);
        var current = loaded?.Value ?? StoredProjection.Empty;
        var entries = await log.ReadAfterAsync(ReportingEventStore.LogTopic, current.Position, Batch, cancellationToken);
        if (entries.Count == 0)
        {
            return 0;
        }

        var next = Apply(current, entries);
        try
        {
            _latest = new Loaded<StoredProjection>(next, await repository.CommitAsync(Key, loaded?.Version ?? 0, next, [], cancellationToken));
        }
        catch (ConcurrencyConflictException)
        {
            logger.LogDebug("Another projector advanced first; reloading");
            return 0;
        }

        return entries.Count;
    }

    /// <summary>Builds the projection from the first entry of the log up to <paramref name="until"/> (or the end).</summary>
    public async Task<(StoredProjection Projection, long Replayed)> ReplayAsync(string? until, Func<Fact, bool>? include, CancellationToken cancellationToken)
    {
        var rebuilt = StoredProjection.Empty;
        long replayed = 0;
        while (true)
        {
            var entries = await log.ReadAfterAsync(ReportingEventStore.LogTopic, rebuilt.Position, 4096, cancellationToken);
            if (entries.Count == 0)
            {
                return (rebuilt, replayed);
            }

            // Entries come in log order, so the one at `until` ends the replay.
            var end = until is null ? -1 : entries.ToList().FindIndex(e => e.Position == until);
            var batch = end < 0 ? entries : [.. entries.Take(end + 1)];
            rebuilt = Apply(rebuilt, batch, include);
            replayed += batch.Count;
            if (end >= 0)
            {
                return (rebuilt, replayed);
            }
        }
    }

    /// <summary>Rebuilds from the store at the live position, swaps it in, and says whether the two were equal.</summary>
    public async Task<(long Replayed, bool MatchedLive, string Position)> RebuildAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var live = await LoadLatestAsync(cancellationToken);
            var target = live?.Value.Position ?? string.Empty;
            var (rebuilt, replayed) = target.Length == 0 ? (StoredProjection.Empty, 0L) : await ReplayAsync(target, null, cancellationToken);
            var matched = live is null || JsonSerializer.Serialize(rebuilt, AggregateRepository.Json) == JsonSerializer.Serialize(live.Value, AggregateRepository.Json);
            try
            {
                _latest = new Loaded<StoredProjection>(rebuilt, await repository.CommitAsync(Key, live?.Version ?? 0, rebuilt, [], cancellationToken));
                return (replayed, matched, rebuilt.Position);
            }
            catch (ConcurrencyConflictException)
            {
                // The live projector moved on meanwhile: rebuild to its new position.
            }
        }
    }

    private static StoredProjection Apply(StoredProjection from, IReadOnlyList<PositionedEnvelope> entries, Func<Fact, bool>? include = null)
    {
        var projection = from.Projection;
        foreach (var entry in entries)
        {
            var stored = entry.Envelope.Payload.Unpack<EventStored>();
            var fact = FactTranslator.Translate(stored.Envelope);
            if (include is null || include(fact))
            {
                projection = projection.Apply(fact);
            }
        }

        return new StoredProjection(entries[^1].Position, projection);
    }
}

/// <summary>Runs the projector: wakes when the log grows, polls as a safety net.</summary>
public sealed class ProjectorService(Projector projector, IEventStreamLog log, ILogger<ProjectorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var wake = new SemaphoreSlim(0);
        void OnAppended(string topic)
        {
            if (topic == ReportingEventStore.LogTopic && wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }

        log.Appended += OnAppended;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (await projector.CatchUpAsync(stoppingToken) > 0)
                    {
                        continue;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Projector could not catch up; retrying");
                }

                await wake.WaitAsync(TimeSpan.FromMilliseconds(250), stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            log.Appended -= OnAppended;
        }
    }
}
