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
            return new RuleViolation("LIST_ALREADY_EXISTS", Paragraphs.Of(kind), $"A list with id '{id}' already exists.");
        }

        var list = new ParticipantList(id, kind, title, ListStatus.Draft, [], now);
        return new ListChange(list, [new ListStatusChanged(list, ListStatus.Unspecified)]);
    }

    public static Decision<ListChange> AddEntry(ParticipantList list, Participant participant, DateTimeOffset now)
    {
        if (list.Status != ListStatus.Draft)
        {
            return NotDraft(list);
        }

        if (list.Entry(participant.Id) is not null)
        {
            return new RuleViolation("ALREADY_ON_LIST", list.Paragraph, $"'{participant.Id}' is already on the list.");
        }

        var admissible = list.Kind switch
        {
            ListKind.OtherIgos => participant.Category == ParticipantCategory.OtherIgo
                ? null
                : new RuleViolation("ENTRY_NOT_ADMISSIBLE", "8", "The para 8 list names other intergovernmental organisations and entities only."),
            ListKind.EcosocNgos => participant.Category == ParticipantCategory.EcosocNgo && participant.EcosocStatus is EcosocStatus.General or EcosocStatus.Special or EcosocStatus.Roster
                ? null
                : new RuleViolation("ECOSOC_STATUS_REQUIRED", "9", "The para 9 list names NGOs in consultative status with ECOSOC (general, special or roster) only."),
            ListKind.OtherStakeholders => Paragraphs.ListFor(participant.Category) == ListKind.OtherStakeholders
                ? null
                : new RuleViolation("ENTRY_NOT_ADMISSIBLE", "12", "The para 12 list names other NGOs, civil-society organisations, academic institutions and private-sector entities only."),
            _ => new RuleViolation("ENTRY_NOT_ADMISSIBLE", "4", "The list has no kind."),
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
            return new RuleViolation("NOT_CIRCULATED_UNDER_PARA_9", "9", "The para 9 list is drawn up by the PGA and published as final; it is not circulated.");
        }

        if (list.Status != ListStatus.Draft)
        {
            return NotDraft(list);
        }

        if (list.Entries.IsEmpty)
        {
            return new RuleViolation("LIST_EMPTY", list.Paragraph, "A list is circulated with at least one entry.");
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
                return new RuleViolation("FINAL_ONLY_AT_DEADLINE", "12", "A para 12 list becomes final by itself when its non-objection deadline passes.");
            case ListKind.OtherIgos when list.Status != ListStatus.Circulated:
                return new RuleViolation("LIST_NOT_SUBMITTED", "8", "The para 8 list is decided after it has been submitted to Member States.");
            case ListKind.EcosocNgos when list.Status != ListStatus.Draft:
                return NotDraft(list);
            case ListKind.EcosocNgos when notAccepted.Count > 0:
                return new RuleViolation("NOT_ACCEPTED_ONLY_UNDER_PARA_8", "9", "Member States decide on entries under para 8 only; the para 9 list is the PGA's.");
            case ListKind.EcosocNgos when list.Entries.IsEmpty:
                return new RuleViolation("LIST_EMPTY", "9", "A list is published with at least one entry.");
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
        new("LIST_NOT_DRAFT", list.Paragraph, $"The list is {list.Status}; entries change and it moves on only while it is a draft.");

    internal static RuleViolation NotOnList(ParticipantList list, string participantId) =>
        new("ENTRY_NOT_ON_LIST", list.Paragraph, $"'{participantId}' is not on the list.");
}
