using Hld.Domain;
using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Platform.State;
using Hld.Registry.Api.Hosting;
using Hld.Registry.Api.Storage;
using Hld.Registry.Lists;
using Microsoft.Extensions.Options;

namespace Hld.Registry.Api.Handlers;

/// <summary>
/// Learns the hearing date (para 11) from the hearings service. A circulated para 12 list keeps the
/// deadline Member States were given; when the new day no longer leaves a calendar month after it, the
/// conflict is recorded on the list and published (HearingDateConflictRecorded) for the PGA office, and the
/// list is not finalised while it stands; a move to a day the deadline allows ends it (docs/decisions/050).
/// </summary>
public sealed class HearingScheduledHandler(
    HearingCalendar calendar,
    ListStore lists,
    TimeProvider clock,
    IOptions<RegistryOptions> options,
    ILogger<HearingScheduledHandler> logger) : IEventHandler<HearingScheduled>
{
    public async Task HandleAsync(HearingScheduled @event, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if ((@event.DialogueId.Length > 0 && @event.DialogueId != options.Value.DialogueId) || @event.Date is not { } date)
        {
            return;
        }

        var day = new DateOnly(date.Year, date.Month, date.Day);
        await calendar.ApplyAsync(new HearingDay(day, envelope.AggregateKey, envelope.AggregateVersion, envelope.OccurredAt.ToDateTimeOffset()), cancellationToken);
        foreach (var list in await lists.OfKindAsync(ListKind.OtherStakeholders, cancellationToken))
        {
            await NoteAsync(list.Value.Id, day, cancellationToken);
        }
    }

    private async Task NoteAsync(string listId, DateOnly day, CancellationToken cancellationToken)
    {
        // The list may change meanwhile (an objection): the conflict is then noted on what it became.
        ListChange? noted = null;
        await lists.ChangeAsync(listId, list => noted = list is null ? null : NonObjectionProcedure.NoteHearingDate(list, day, clock.GetUtcNow(), options.Value.Venue),
            AggregateRepository.UntilCommitted, cancellationToken);
        if (noted?.List.StandingConflict is not null)
        {
            logger.LogWarning(
                "The hearing moved to {HearingDate}: list {ListId} was circulated with a deadline of {Deadline}, later than one month before it; the deadline is kept, the conflict recorded and the list not finalised until it is circulated again",
                day, listId, noted.List.ObjectionDeadline);
        }
    }
}
