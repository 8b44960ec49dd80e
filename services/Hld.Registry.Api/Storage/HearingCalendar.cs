using Hld.Platform.Errors;
using Hld.Platform.State;
using Hld.Registry.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Hld.Registry.Api.Storage;

/// <summary>The hearing day as the hearings service last announced it, and which announcement that was.</summary>
public sealed record HearingDay(DateOnly Date, string SourceKey, long SourceVersion, DateTimeOffset AnnouncedAt);

/// <summary>
/// The registry's local read model of the hearing date (para 11), learnt from hearings.hearing-scheduled;
/// configuration gives the day until the hearings service has announced one.
/// </summary>
public sealed class HearingCalendar(AggregateRepository repository, IOptions<RegistryOptions> options)
{
    private string Key => RegistryKeys.Hearing(options.Value.DialogueId);

    public async Task<DateOnly> HearingDateAsync(CancellationToken cancellationToken) =>
        (await repository.LoadAsync<HearingDay>(Key, cancellationToken))?.Value.Date ?? options.Value.HearingDate;

    /// <summary>
    /// Records an announcement unless a later one of the same hearing was applied already (events may be
    /// redelivered and arrive out of order). True when the day stored changed.
    /// </summary>
    public async Task<bool> ApplyAsync(HearingDay announced, CancellationToken cancellationToken)
    {
        var changed = false;
        await repository.ChangeAsync<HearingDay>(Key, current =>
        {
            var stale = current?.Value is { } known && (known.SourceKey == announced.SourceKey
                ? known.SourceVersion >= announced.SourceVersion
                : known.AnnouncedAt > announced.AnnouncedAt);
            changed = !stale && current?.Value.Date != announced.Date;
            return stale ? null : new Change<HearingDay>(announced, []);
        }, AggregateRepository.UntilCommitted, cancellationToken);
        return changed;
    }

}
