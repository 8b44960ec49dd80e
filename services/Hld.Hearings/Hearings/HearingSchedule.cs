using Hld.Domain;
using Hld.Hearings.Calendar;
using Hld.Hearings.Eligibility;

namespace Hld.Hearings.Hearings;

/// <summary>Scheduling and moving the hearing (para 11), within the non-objection procedure's month (para 12).</summary>
public static class HearingSchedule
{
    /// <summary>Schedules the dialogue's one hearing, chaired by the PGA.</summary>
    public static Decision<Hearing> Schedule(
        Hearing? existing,
        string dialogueId,
        DateOnly date,
        string chair,
        IReadOnlyList<NonObjectionDeadline> para12Deadlines,
        MeetingCalendar calendar,
        DateTimeOffset now)
    {
        if (existing is not null)
        {
            return new RuleViolation("HEARING_ALREADY_SCHEDULED", Rules.Hearing,
                Refusals.Text("HearingAlreadyScheduled", existing.Date));
        }

        if (CheckDate(date, para12Deadlines, calendar, now) is { } violation)
        {
            return violation;
        }

        return new Hearing(dialogueId, date, chair.Trim(), now, [], [], []);
    }

    /// <summary>
    /// Moves the hearing to another day before it is held. A move that would leave a circulated
    /// para 12 list's non-objection deadline less than one calendar month before the hearing is
    /// refused: the list could no longer have been considered in time, and only the registry can
    /// re-circulate it. Moving to the same day changes nothing.
    /// </summary>
    public static Decision<Hearing> Move(
        Hearing? current,
        DateOnly date,
        IReadOnlyList<NonObjectionDeadline> para12Deadlines,
        MeetingCalendar calendar,
        DateTimeOffset now)
    {
        if (current is null)
        {
            return new RuleViolation("HEARING_NOT_SCHEDULED", Rules.Hearing, Refusals.Text("RescheduleNotScheduled"));
        }

        if (date == current.Date)
        {
            return current;
        }

        if (calendar.LocalDate(now) >= current.Date)
        {
            return new RuleViolation("HEARING_ALREADY_HELD", Rules.Hearing,
                Refusals.Text("HearingAlreadyHeld", current.Date));
        }

        if (CheckDate(date, para12Deadlines, calendar, now) is { } violation)
        {
            return violation;
        }

        return current with { Date = date, PreviousDates = current.PreviousDates.Add(current.Date) };
    }

    /// <summary>
    /// The earliest day the hearing may be held without putting any circulated para 12 list's
    /// deadline less than one calendar month before it; null when no such list is known.
    /// </summary>
    public static DateOnly? EarliestDateUnderPara12(IReadOnlyList<NonObjectionDeadline> para12Deadlines, MeetingCalendar calendar)
    {
        if (para12Deadlines.Count == 0)
        {
            return null;
        }

        var latest = para12Deadlines.Max(d => calendar.LocalDate(d.Deadline));
        var earliest = latest.AddMonths(1);
        // AddMonths clamps at month ends (31 January + 1 month = 28 February), so step to the first
        // day that really leaves a whole calendar month.
        while (!LeavesAMonth(latest, earliest))
        {
            earliest = earliest.AddDays(1);
        }

        return earliest;
    }

    private static bool LeavesAMonth(DateOnly deadline, DateOnly hearing) => deadline <= hearing.AddMonths(-1);


    private static RuleViolation? CheckDate(DateOnly date, IReadOnlyList<NonObjectionDeadline> para12Deadlines, MeetingCalendar calendar, DateTimeOffset now)
    {
        if (date.Year != calendar.Year)
        {
            return new RuleViolation("HEARING_OUTSIDE_YEAR", Rules.Hearing,
                Refusals.Text("HearingOutsideYear", calendar.Year, date));
        }

        if (date <= calendar.LocalDate(now))
        {
            return new RuleViolation("HEARING_DATE_PASSED", Rules.Hearing,
                Refusals.Text("HearingDatePassed", date, calendar.LocalDate(now)));
        }

        var summaryDue = calendar.LocalDate(calendar.SummaryDueBy);
        if (date > summaryDue)
        {
            return new RuleViolation("HEARING_AFTER_SUMMARY_DEADLINE", Rules.HearingSummary,
                Refusals.Text("HearingAfterSummaryDeadline", summaryDue));
        }

        foreach (var deadline in para12Deadlines)
        {
            var deadlineDay = calendar.LocalDate(deadline.Deadline);
            if (!LeavesAMonth(deadlineDay, date))
            {
                var earliest = EarliestDateUnderPara12(para12Deadlines, calendar);
                return new RuleViolation("PARA12_DEADLINE_TOO_CLOSE", Rules.List(ListKind.OtherStakeholders),
                    Refusals.Text("Para12DeadlineTooClose", deadline.ListId, deadlineDay, date, earliest));
            }
        }

        return null;
    }
}
