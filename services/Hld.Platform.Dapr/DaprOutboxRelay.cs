using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Dapr;

/// <summary>
/// Runs the outbox: relays the keys commits signal, at once and in batches of what is waiting, and sweeps the pending set at start-up
/// and every <see cref="DaprOptions.RelayInterval"/> for what a crash left behind. A failed relay is
/// logged and left marked; the next sweep tries it again.
/// </summary>
public sealed class DaprOutboxRelay(DaprOutbox outbox, IOptions<DaprOptions> options, TimeProvider clock, ILogger<DaprOutboxRelay> logger) : BackgroundService
{
    private const int Parallelism = 4;

    // Keys relayed together: their events share bulk requests.
    private const int MaxBatch = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweeping = SweepPeriodicallyAsync(stoppingToken);
        try
        {
            await Parallel.ForEachAsync(
                outbox.SignalBatchesAsync(MaxBatch, stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                RelayAsync);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever is still marked is swept by the next start.
        }

        await sweeping;
    }

    private async ValueTask RelayAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.RelayAsync(keys, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Relaying the pending events of {Count} keys from {Key} on failed; the next sweep tries again", keys.Count, keys[0]);
        }
    }

    private async Task SweepPeriodicallyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RelayInterval, clock);
        try
        {
            do
            {
                try
                {
                    await outbox.SweepAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // Typically the sidecar is not up yet at start-up.
                    logger.LogWarning(ex, "Sweeping the pending set failed; retrying in {Interval}", options.Value.RelayInterval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
