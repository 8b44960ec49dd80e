using System.Collections.Immutable;
using Hld.Domain;
using Hld.Registry.Participants;

namespace Hld.Registry.Lists;

/// <summary>A Member State's objection to an entry of a para 12 list. Who objected is shown only to the PGA office and the Secretariat.</summary>
public sealed record Objection(string MemberState, DateTimeOffset LodgedAt);

/// <summary>An organisation on a list, with the facts that decide its admission and its regional spread.</summary>
public sealed record ListEntry(
    string ParticipantId,
    ParticipantCategory Category,
    IReadOnlyDictionary<string, string> Names,
    string CountryCode,
    RegionalGroup RegionalGroup,
    EcosocStatus EcosocStatus,
    DateTimeOffset AddedAt,
    ListEntryStatus Status,
    ImmutableList<Objection> Objections)
{
    public bool Objected => !Objections.IsEmpty;

    public static ListEntry From(Participant participant, DateTimeOffset now) => new(
        participant.Id, participant.Category, participant.Names, participant.CountryCode, participant.RegionalGroup,
        participant.EcosocStatus, now, ListEntryStatus.Proposed, []);
}

/// <summary>A consultation with Member States held while drawing up a list (para 12).</summary>
public sealed record Consultation(DateOnly HeldOn, string Summary, DateTimeOffset RecordedAt);

/// <summary>How a conflict between a circulated deadline and the hearing in force came to an end.</summary>
public enum HearingConflictResolution
{
    Unspecified = 0,

    /// <summary>The PGA office circulated the list again with a deadline the hearing in force allows.</summary>
    Recirculated = 1,

    /// <summary>The hearing moved again, to a day the deadline precedes by a calendar month, or to another day in conflict.</summary>
    HearingMoved = 2,
}

/// <summary>
/// The hearing moved to a day that the circulated deadline no longer precedes by a month. The deadline is
/// kept (Member States were told it) and the conflict is recorded for the PGA office to act on; while it
/// stands (not resolved) the list is not finalised.
/// </summary>
public sealed record HearingDateConflict(DateOnly HearingDate, DateOnly LatestAllowedDeadline, DateTimeOffset DetectedAt)
{
    public DateTimeOffset? ResolvedAt { get; init; }

    public HearingConflictResolution Resolution { get; init; }

    public bool Stands => ResolvedAt is null;
}

/// <summary>The PGA office circulated a para 12 list again with a new deadline (para 12), for instance after the hearing moved.</summary>
public sealed record Recirculation(DateTimeOffset At, DateTimeOffset PreviousDeadline, DateTimeOffset Deadline, DateOnly HearingDate);

/// <summary>One of the lists the President of the General Assembly draws up (paras 8, 9, 12).</summary>
public sealed record ParticipantList(
    string Id,
    ListKind Kind,
    IReadOnlyDictionary<string, string> Title,
    ListStatus Status,
    ImmutableList<ListEntry> Entries,
    DateTimeOffset CreatedAt)
{
    public ImmutableList<Consultation> Consultations { get; init; } = [];

    public DateTimeOffset? CirculatedAt { get; init; }

    /// <summary>The non-objection deadline of a circulated para 12 list.</summary>
    public DateTimeOffset? ObjectionDeadline { get; init; }

    /// <summary>The hearing day the deadline was checked against when the list was circulated.</summary>
    public DateOnly? HearingDate { get; init; }

    public DateTimeOffset? FinalisedAt { get; init; }

    /// <summary>The reference of the decision that settled a para 8 list.</summary>
    public string? DecisionReference { get; init; }

    public ImmutableList<HearingDateConflict> HearingDateConflicts { get; init; } = [];

    /// <summary>Later circulations of a para 12 list, each with the deadline it replaced.</summary>
    public ImmutableList<Recirculation> Recirculations { get; init; } = [];

    /// <summary>The conflict with the hearing in force that stands, if any: the list is not finalised while it does.</summary>
    public HearingDateConflict? StandingConflict => HearingDateConflicts.FirstOrDefault(c => c.Stands);

    public ListEntry? Entry(string participantId) =>
        Entries.FirstOrDefault(e => string.Equals(e.ParticipantId, participantId, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the participant stands on this list once it is final.</summary>
    public bool Admits(string participantId) => Status == ListStatus.Final && Entry(participantId)?.Status == ListEntryStatus.Standing;

    /// <summary>Entries not dropped, by regional group: the geographic representation paras 8 and 12 ask for.</summary>
    public IReadOnlyList<(RegionalGroup Group, int Count)> Spread() =>
    [
        .. Entries.Where(e => e.Status != ListEntryStatus.Dropped)
            .GroupBy(e => e.RegionalGroup).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())),
    ];
}

/// <summary>Something other services need to know about a list.</summary>
public abstract record ListEvent;

/// <summary>The list moved from <paramref name="Previous"/> to its current status (creation: from Unspecified).</summary>
public sealed record ListStatusChanged(ParticipantList List, ListStatus Previous) : ListEvent;

/// <summary>A Member State objected to an entry; the event does not say which State.</summary>
public sealed record ObjectionLodged(string ListId, string ParticipantId, DateTimeOffset LodgedAt) : ListEvent;

/// <summary>
/// The hearing in force no longer falls a calendar month after the circulated deadline (para 12): the list
/// stays circulated, is not finalised, and waits for the PGA office to circulate it again.
/// </summary>
public sealed record HearingConflictRecorded(string ListId, DateTimeOffset ObjectionDeadline, HearingDateConflict Conflict) : ListEvent;

/// <summary>A conflict with the hearing ended: the list was circulated again, or the hearing moved to a day the deadline allows.</summary>
public sealed record HearingConflictResolved(string ListId, DateTimeOffset ObjectionDeadline, HearingDateConflict Conflict) : ListEvent;

/// <summary>The list became final: its standing entries and the ones dropped.</summary>
public sealed record ListFinalised(ParticipantList List) : ListEvent;

/// <summary>A list after a command, and what to publish about it.</summary>
public sealed record ListChange(ParticipantList List, ImmutableList<ListEvent> Events)
{
    public static ListChange Quiet(ParticipantList list) => new(list, []);
}
