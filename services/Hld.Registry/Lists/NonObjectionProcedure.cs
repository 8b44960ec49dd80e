using Hld.Domain;

namespace Hld.Registry.Lists;

/// <summary>
/// Para 12: the PGA, consulting Member States, draws up the list of other NGOs, academia and the private
/// sector; the General Assembly considers it on a non-objection basis no later than one month before the
/// hearing. Circulated with a deadline at least a calendar month before the hearing, objected to by any
/// Member State before the deadline, and final at the deadline: objected entries dropped, the rest stand.
/// Every day of the procedure is a day of the venue's calendar (<see cref="VenueClock"/>), as the hearing's is.
/// </summary>
public static class NonObjectionProcedure
{
    /// <summary>The last day a deadline may fall on, and the last day the list may be circulated: one calendar month before the hearing.</summary>
    public static DateOnly LatestDeadline(DateOnly hearingDate) => hearingDate.AddMonths(-1);

    public static Decision<ListChange> RecordConsultation(ParticipantList list, DateOnly heldOn, string summary, DateTimeOffset now, VenueClock venue)
    {
        if (list.Kind != ListKind.OtherStakeholders)
        {
            return new RuleViolation("CONSULTATION_NOT_APPLICABLE", Rules.List(list.Kind), Refusals.Text("ConsultationNotApplicable", Rules.List(ListKind.OtherStakeholders)));
        }

        if (list.Status != ListStatus.Draft)
        {
            return PgaLists.NotDraft(list);
        }

        if (heldOn > venue.Day(now))
        {
            return new RuleViolation("CONSULTATION_NOT_HELD_YET", Rules.List(ListKind.OtherStakeholders), Refusals.Text("ConsultationNotHeldYet"));
        }

        return ListChange.Quiet(list with { Consultations = list.Consultations.Add(new Consultation(heldOn, summary, now)) });
    }

    internal static Decision<ListChange> Circulate(ParticipantList list, DateTimeOffset now, DateTimeOffset? objectionDeadline, DateOnly hearingDate, VenueClock venue)
    {
        if (list.Consultations.IsEmpty)
        {
            return new RuleViolation("CONSULTATION_REQUIRED", Rules.List(ListKind.OtherStakeholders), Refusals.Text("ConsultationRequired", Rules.List(ListKind.OtherStakeholders)));
        }

        if (CheckTerms(now, objectionDeadline, hearingDate, venue) is { } violation)
        {
            return violation;
        }

        var circulated = list with { Status = ListStatus.Circulated, CirculatedAt = now, ObjectionDeadline = objectionDeadline, HearingDate = hearingDate };
        return new ListChange(circulated, [new ListStatusChanged(circulated, ListStatus.Draft)]);
    }

    /// <summary>
    /// The PGA office circulates a circulated para 12 list again with a new deadline, checked against the hearing
    /// in force as a first circulation is: the way out of a conflict with a moved hearing (which it resolves), or
    /// the step before a move (decision 050). Entries and the objections lodged stay as they are.
    /// </summary>
    public static Decision<ListChange> Recirculate(ParticipantList list, DateTimeOffset now, DateTimeOffset? objectionDeadline, DateOnly hearingDate, VenueClock venue)
    {
        if (list.Kind != ListKind.OtherStakeholders)
        {
            return new RuleViolation("RECIRCULATION_NOT_APPLICABLE", Rules.List(list.Kind), Refusals.Text("RecirculationNotApplicable", Rules.List(ListKind.OtherStakeholders)));
        }

        if (list.Status != ListStatus.Circulated || list.ObjectionDeadline is not { } previous)
        {
            return list.Status == ListStatus.Final
                ? new RuleViolation("LIST_ALREADY_FINAL", Rules.List(ListKind.OtherStakeholders), Refusals.Text("ListAlreadyFinal"))
                : new RuleViolation("LIST_NOT_CIRCULATED", Rules.List(ListKind.OtherStakeholders), Refusals.Text("ListNotCirculatedFirst"));
        }

        var standing = list.StandingConflict;
        if (standing is null && now >= previous)
        {
            return new RuleViolation("DEADLINE_PASSED", Rules.List(ListKind.OtherStakeholders), Refusals.Text("DeadlinePassed", venue.Format(previous)));
        }

        if (CheckTerms(now, objectionDeadline, hearingDate, venue) is { } violation)
        {
            return violation;
        }

        var deadline = objectionDeadline!.Value;
        var resolved = standing is null ? null : standing with { ResolvedAt = now, Resolution = HearingConflictResolution.Recirculated };
        var recirculated = list with
        {
            ObjectionDeadline = deadline,
            HearingDate = hearingDate,
            Recirculations = list.Recirculations.Add(new Recirculation(now, previous, deadline, hearingDate)),
            HearingDateConflicts = resolved is null ? list.HearingDateConflicts : list.HearingDateConflicts.Replace(standing!, resolved),
        };
        ListEvent changed = new ListStatusChanged(recirculated, ListStatus.Circulated);
        return new ListChange(recirculated, resolved is null ? [changed] : [changed, new HearingConflictResolved(list.Id, deadline, resolved)]);
    }

    /// <summary>The terms of a circulation: on or before the last day, with a future deadline on or before it too.</summary>
    private static RuleViolation? CheckTerms(DateTimeOffset now, DateTimeOffset? objectionDeadline, DateOnly hearingDate, VenueClock venue)
    {
        var latest = LatestDeadline(hearingDate);
        if (venue.Day(now) > latest)
        {
            return new RuleViolation("CIRCULATION_TOO_LATE", Rules.List(ListKind.OtherStakeholders), Refusals.Text("CirculationTooLate", hearingDate, latest));
        }

        if (objectionDeadline is not { } deadline || deadline <= now)
        {
            return new RuleViolation("DEADLINE_NOT_IN_FUTURE", Rules.List(ListKind.OtherStakeholders), Refusals.Text("DeadlineNotInFuture"));
        }

        return venue.Day(deadline) > latest
            ? new RuleViolation("DEADLINE_TOO_CLOSE_TO_HEARING", Rules.List(ListKind.OtherStakeholders),
                Refusals.Text("DeadlineTooCloseToHearing", hearingDate, venue.Format(deadline), latest))
            : null;
    }

    /// <summary>A Member State objects to an entry; a second objection by the same State changes nothing.</summary>
    public static Decision<ListChange> LodgeObjection(ParticipantList list, string memberState, string participantId, DateTimeOffset now, VenueClock venue)
    {
        if (list.Kind != ListKind.OtherStakeholders)
        {
            return new RuleViolation("OBJECTION_NOT_APPLICABLE", Rules.List(list.Kind), Refusals.Text("ObjectionNotApplicable", Rules.List(ListKind.OtherStakeholders)));
        }

        if (list.Status == ListStatus.Draft)
        {
            return new RuleViolation("LIST_NOT_CIRCULATED", Rules.List(ListKind.OtherStakeholders), Refusals.Text("ListNotCirculated"));
        }

        if (list.Status == ListStatus.Final || now >= list.ObjectionDeadline)
        {
            return new RuleViolation("OBJECTION_AFTER_DEADLINE", Rules.List(ListKind.OtherStakeholders), Refusals.Text("ObjectionAfterDeadline", venue.Format(list.ObjectionDeadline!.Value)));
        }

        if (list.Entry(participantId) is not { } entry)
        {
            return PgaLists.NotOnList(list, participantId);
        }

        if (entry.Objections.Any(o => string.Equals(o.MemberState, memberState, StringComparison.OrdinalIgnoreCase)))
        {
            return ListChange.Quiet(list);
        }

        var objected = entry with { Objections = entry.Objections.Add(new Objection(memberState.ToUpperInvariant(), now)) };
        return new ListChange(list with { Entries = list.Entries.Replace(entry, objected) }, [new ObjectionLodged(list.Id, entry.ParticipantId, now)]);
    }

    /// <summary>
    /// The time-driven transition: a circulated para 12 list whose deadline has passed becomes final, unless the
    /// hearing in force no longer falls a calendar month after that deadline: then the conflict is recorded (if it
    /// was not) and the list stays circulated until the PGA office circulates it again.
    /// Guarded on the status it expects, so a replay, a restart or a second replica finds nothing to do (null).
    /// </summary>
    public static ListChange? FinaliseAtDeadline(ParticipantList list, DateTimeOffset now, DateOnly hearingDate, VenueClock venue)
    {
        if (list.Kind != ListKind.OtherStakeholders || list.Status != ListStatus.Circulated || list.ObjectionDeadline is not { } deadline || now < deadline)
        {
            return null;
        }

        // The hearing in force is checked first: a conflict it opens or ends is committed alone, the next sweep decides again.
        if (NoteHearingDate(list, hearingDate, now, venue) is { } noted)
        {
            return noted;
        }

        if (list.StandingConflict is not null)
        {
            return null;
        }

        var finalised = list with
        {
            Status = ListStatus.Final,
            FinalisedAt = deadline,
            Entries = [.. list.Entries.Select(e => e with { Status = e.Objected ? ListEntryStatus.Dropped : ListEntryStatus.Standing })],
        };
        return new ListChange(finalised, [new ListStatusChanged(finalised, ListStatus.Circulated), new ListFinalised(finalised)]);
    }

    /// <summary>
    /// The hearing moved. A circulated deadline is never changed under Member States' feet: when it no longer
    /// falls a month before the new day, a conflict is recorded for the PGA office (once per move) and stands
    /// until the list is circulated again or the hearing moves to a day the deadline allows. Null: nothing changes.
    /// </summary>
    public static ListChange? NoteHearingDate(ParticipantList list, DateOnly hearingDate, DateTimeOffset now, VenueClock venue)
    {
        if (list.Kind != ListKind.OtherStakeholders || list.Status != ListStatus.Circulated || list.ObjectionDeadline is not { } deadline)
        {
            return null;
        }

        var latest = LatestDeadline(hearingDate);
        var standing = list.StandingConflict;
        if (venue.Day(deadline) <= latest)
        {
            if (standing is null)
            {
                return null;
            }

            var resolved = standing with { ResolvedAt = now, Resolution = HearingConflictResolution.HearingMoved };
            return new ListChange(list with { HearingDateConflicts = list.HearingDateConflicts.Replace(standing, resolved) }, [new HearingConflictResolved(list.Id, deadline, resolved)]);
        }

        if (standing?.HearingDate == hearingDate)
        {
            return null;
        }

        // A conflict with another day ends here: the one with the day now in force replaces it.
        var conflicts = standing is null ? list.HearingDateConflicts
            : list.HearingDateConflicts.Replace(standing, standing with { ResolvedAt = now, Resolution = HearingConflictResolution.HearingMoved });
        var conflict = new HearingDateConflict(hearingDate, latest, now);
        return new ListChange(list with { HearingDateConflicts = conflicts.Add(conflict) }, [new HearingConflictRecorded(list.Id, deadline, conflict)]);
    }
}
