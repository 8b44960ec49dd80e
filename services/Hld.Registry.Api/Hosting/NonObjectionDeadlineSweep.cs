using Hld.Domain;
using System.Diagnostics.Metrics;
using Hld.Platform.Errors;
using Hld.Registry.Api.Storage;
using Hld.Registry.Lists;
using Microsoft.Extensions.Options;

namespace Hld.Registry.Api.Hosting;

/// <summary>
/// The time-driven transition of para 12: every <c>Registry:DeadlineSweepInterval</c> it reads the clock
/// the rules see and finalises each circulated para 12 list whose deadline has passed. The transition is
/// guarded (it expects Circulated) and committed with compare-and-set, so a restart, a missed tick or a
/// second replica never finalises twice: the loser of a race finds the list final and does nothing.
/// A list whose deadline the hearing in force no longer allows is not finalised: the conflict is recorded
/// (and published) instead, and the list waits for the PGA office to circulate it again.
/// </summary>
public sealed class NonObjectionDeadlineSweep(
    ListStore lists,
    HearingCalendar calendar,
    TimeProvider clock,
    IOptions<RegistryOptions> options,
    IMeterFactory meters,
    ILogger<NonObjectionDeadlineSweep> logger) : BackgroundService
{
    /// <summary>The registry's meter; exported with the other Hld.* meters.</summary>
    public const string MeterName = "Hld.Registry";

    private readonly Counter<long> _sweeps = meters.Create(MeterName).CreateCounter<long>("hld.registry.deadline_sweeps", description: "Completed sweeps of para 12 non-objection deadlines.");
    private readonly Counter<long> _finalised = meters.Create(MeterName).CreateCounter<long>("hld.registry.lists_finalised_at_deadline", description: "Para 12 lists this replica finalised at their deadline.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
                _sweeps.Add(1);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "The non-objection deadline sweep failed; it runs again at the next interval");
            }

            await Task.Delay(options.Value.DeadlineSweepInterval, stoppingToken);
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var hearingDate = await calendar.HearingDateAsync(cancellationToken);
        foreach (var list in await lists.OfKindAsync(ListKind.OtherStakeholders, cancellationToken))
        {
            if (NonObjectionProcedure.FinaliseAtDeadline(list.Value, clock.GetUtcNow(), hearingDate, options.Value.Venue) is not { } change)
            {
                continue;
            }

            try
            {
                await lists.CommitAsync(list.Version, change, cancellationToken);
                if (change.List.Status == ListStatus.Final)
                {
                    _finalised.Add(1);
                    logger.LogInformation("List {ListId} became final at its non-objection deadline {Deadline}", list.Value.Id, list.Value.ObjectionDeadline);
                }
                else
                {
                    logger.LogWarning("List {ListId} is not finalised: its deadline {Deadline} is not a month before the hearing on {HearingDate}", list.Value.Id, list.Value.ObjectionDeadline, hearingDate);
                }
            }
            catch (ConcurrencyConflictException)
            {
                // Another replica finalised it, or an objection landed first: the next sweep decides again.
            }
        }
    }
}
