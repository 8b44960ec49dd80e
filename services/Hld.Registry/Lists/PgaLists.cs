using System.Collections.Immutable;
using Hld.Domain;
using Hld.Registry.Participants;

namespace Hld.Registry.Lists;

/// <summary>
/// Drawing up the PGA's lists: para 8 (other IGOs: draft, submitted to Member States, decided), para 9
/// (ECOSOC NGOs: draft, published) and para 12 (other stakeholders: see <see cref="NonObjectionProcedure"/>).
/// Only the PGA office drives them; the host checks that, these rules check the order of things.
/// </summary>
public static class PgaLists
{
    public static Decision<ListChange> Create(ParticipantList? existing, string id, ListKind kind, IReadOnlyDictionary<string, string> title, DateTimeOffset now)
    {
        if (existing is not null)
        {
            return new RuleViolation("LIST_ALREADY_EXISTS", Rules.List(kind), Refusals.Text("ListAlreadyExists", id));
        }

        var list = new ParticipantList(id, kind, title, ListStatus.Draft, [], now);
        return new ListChange(list, [new ListStatusChanged(list, ListStatus.Unspecified)]);
    }

    /// <param name="routes">Which list each category takes part through, in the meeting in force.</param>
    public static Decision<ListChange> AddEntry(ParticipantList list, Participant participant, DateTimeOffset now, ParticipationRoutes routes)
    {
        if (list.Status != ListStatus.Draft)
        {
            return NotDraft(list);
        }

        if (list.Entry(participant.Id) is not null)
        {
            return new RuleViolation("ALREADY_ON_LIST", Rules.List(list.Kind), Refusals.Text("AlreadyOnList", participant.Id));
        }

        var admissible = list.Kind switch
        {
            ListKind.OtherIgos => routes.ListFor(participant.Category) == ListKind.OtherIgos
                ? null
                : new RuleViolation("ENTRY_NOT_ADMISSIBLE", Rules.List(ListKind.OtherIgos), Refusals.Text("Para8ListOnly", Rules.List(ListKind.OtherIgos))),
            ListKind.EcosocNgos => routes.ListFor(participant.Category) == ListKind.EcosocNgos && participant.EcosocStatus is EcosocStatus.General or EcosocStatus.Special or EcosocStatus.Roster
                ? null
                : new RuleViolation("ECOSOC_STATUS_REQUIRED", Rules.List(ListKind.EcosocNgos), Refusals.Text("Para9ListOnly", Rules.List(ListKind.EcosocNgos))),
            ListKind.OtherStakeholders => routes.ListFor(participant.Category) == ListKind.OtherStakeholders
                ? null
                : new RuleViolation("ENTRY_NOT_ADMISSIBLE", Rules.List(ListKind.OtherStakeholders), Refusals.Text("Para12ListOnly", Rules.List(ListKind.OtherStakeholders))),
            _ => new RuleViolation("ENTRY_NOT_ADMISSIBLE", Rules.Registration, Refusals.Text("ListHasNoKind")),
        };
        return admissible ?? (Decision<ListChange>)ListChange.Quiet(list with { Entries = list.Entries.Add(ListEntry.From(participant, now)) });
    }

    public static Decision<ListChange> RemoveEntry(ParticipantList list, string participantId)
    {
        if (list.Status != ListStatus.Draft)
        {
            return NotDraft(list);
        }

        return list.Entry(participantId) is { } entry
            ? ListChange.Quiet(list with { Entries = list.Entries.Remove(entry) })
            : NotOnList(list, participantId);
    }

    /// <summary>Submits a para 8 list to Member States, or circulates a para 12 list under non-objection.</summary>
    public static Decision<ListChange> Circulate(ParticipantList list, DateTimeOffset now, DateTimeOffset? objectionDeadline, DateOnly hearingDate, VenueClock venue)
    {
        if (list.Kind == ListKind.EcosocNgos)
        {
            return new RuleViolation("NOT_CIRCULATED_UNDER_PARA_9", Rules.List(ListKind.EcosocNgos), Refusals.Text("NotCirculatedUnderPara9", Rules.List(ListKind.EcosocNgos)));
        }

        if (list.Status != ListStatus.Draft)
        {
            return NotDraft(list);
        }

        if (list.Entries.IsEmpty)
        {
            return new RuleViolation("LIST_EMPTY", Rules.List(list.Kind), Refusals.Text("ListEmptyCirculated"));
        }

        if (list.Kind == ListKind.OtherStakeholders)
        {
            return NonObjectionProcedure.Circulate(list, now, objectionDeadline, hearingDate, venue);
        }

        var submitted = list with { Status = ListStatus.Circulated, CirculatedAt = now };
        return new ListChange(submitted, [new ListStatusChanged(submitted, ListStatus.Draft)]);
    }

    /// <summary>
    /// Settles a para 8 list as Member States decided (those not accepted are dropped), or publishes a
    /// para 9 list. A para 12 list becomes final only at its deadline.
    /// </summary>
    public static Decision<ListChange> Finalise(ParticipantList list, DateTimeOffset now, IReadOnlyCollection<string> notAccepted, string? decisionReference)
    {
        switch (list.Kind)
        {
            case ListKind.OtherStakeholders:
                return new RuleViolation("FINAL_ONLY_AT_DEADLINE", Rules.List(ListKind.OtherStakeholders), Refusals.Text("FinalOnlyAtDeadline", Rules.List(ListKind.OtherStakeholders)));
            case ListKind.OtherIgos when list.Status != ListStatus.Circulated:
                return new RuleViolation("LIST_NOT_SUBMITTED", Rules.List(ListKind.OtherIgos), Refusals.Text("ListNotSubmitted", Rules.List(ListKind.OtherIgos)));
            case ListKind.EcosocNgos when list.Status != ListStatus.Draft:
                return NotDraft(list);
            case ListKind.EcosocNgos when notAccepted.Count > 0:
                return new RuleViolation("NOT_ACCEPTED_ONLY_UNDER_PARA_8", Rules.List(ListKind.EcosocNgos), Refusals.Text("NotAcceptedOnlyUnderPara8", Rules.List(ListKind.OtherIgos), Rules.List(ListKind.EcosocNgos)));
            case ListKind.EcosocNgos when list.Entries.IsEmpty:
                return new RuleViolation("LIST_EMPTY", Rules.List(ListKind.EcosocNgos), Refusals.Text("ListEmptyPublished"));
        }

        if (notAccepted.FirstOrDefault(id => list.Entry(id) is null) is { } unknown)
        {
            return NotOnList(list, unknown);
        }

        var dropped = new HashSet<string>(notAccepted, StringComparer.OrdinalIgnoreCase);
        var final = list with
        {
            Status = ListStatus.Final,
            FinalisedAt = now,
            DecisionReference = decisionReference,
            Entries = [.. list.Entries.Select(e => e with { Status = dropped.Contains(e.ParticipantId) ? ListEntryStatus.Dropped : ListEntryStatus.Standing })],
        };
        return new ListChange(final, [new ListStatusChanged(final, list.Status), new ListFinalised(final)]);
    }

    internal static RuleViolation NotDraft(ParticipantList list) =>
        new("LIST_NOT_DRAFT", Rules.List(list.Kind), Refusals.Text("ListNotDraft", list.Status));

    internal static RuleViolation NotOnList(ParticipantList list, string participantId) =>
        new("ENTRY_NOT_ON_LIST", Rules.List(list.Kind), Refusals.Text("EntryNotOnList", participantId));
}
