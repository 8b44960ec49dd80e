using Hld.Registry.Api.Storage;
using Microsoft.Extensions.Options;

namespace Hld.Registry.Api.Hosting;

/// <summary>Loads the reference data when the service starts, retrying until the store answers. Idempotent, so every replica may do it.</summary>
public sealed class ReferenceDataStartupLoad(ReferenceDataLoader loader, IOptions<RegistryOptions> options, ILogger<ReferenceDataStartupLoad> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ReferenceData.LoadOnStartup)
        {
            return;
        }

        var wait = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await loader.LoadAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Loading the reference data failed; trying again in {Wait}", wait);
                await Task.Delay(wait, stoppingToken);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }
}
