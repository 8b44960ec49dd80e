using Hld.Domain;

namespace Hld.Modalities;

/// <summary>
/// A high-level meeting as its modalities resolution defines it (format version 1;
/// Definitions/dialogue.schema.json, docs/dialogue-definitions.md). Every rule carries the paragraph
/// of that resolution which states it, so a refusal can name it without a number written in code.
/// </summary>
public sealed record DialogueDefinition(
    int FormatVersion,
    string Id,
    IReadOnlyDictionary<string, string> Title,
    ResolutionReference Resolution,
    SessionReference? FollowsSession,
    MeetingDates Dates,
    VenueDefinition Venue,
    ThemeDefinition Theme,
    IReadOnlyList<MeetingDefinition> Meetings,
    MeetingCounts MeetingCounts,
    ClosingSummaries? ClosingSummaries,
    CoChairRules CoChairs,
    SpeakersRules Speakers,
    IReadOnlyList<ParticipationRule> Participation,
    IReadOnlyList<ListRule> Lists,
    HearingDefinition Hearing,
    IReadOnlyList<ReportOwed> Reports,
    IReadOnlyList<ParagraphDefinition> Paragraphs)
{
    /// <summary>The paragraph under which a category takes part (the participation rule that names it).</summary>
    public ParticipationRule ParticipationOf(ParticipantCategory category) =>
        Participation.FirstOrDefault(p => p.Categories.Contains(category))
        ?? throw new InvalidOperationException($"The definition {Id} names no participation rule for {category}; the checks at loading refuse that.");

    /// <summary>The rule of one PGA list, or null when this meeting has no such list.</summary>
    public ListRule? ListOf(ListKind kind) => Lists.FirstOrDefault(l => l.Kind == kind);

    /// <summary>The meetings of one kind, by number.</summary>
    public IEnumerable<MeetingDefinition> MeetingsOf(MeetingKind kind) => Meetings.Where(m => m.Kind == kind).OrderBy(m => m.Number);

    /// <summary>How many days the meeting lasts, its first and last included.</summary>
    public int Days => Dates.ClosesOn.DayNumber - Dates.OpensOn.DayNumber + 1;
}

public sealed record ResolutionReference(IReadOnlyList<string> Symbols, DateOnly AdoptedOn, IReadOnlyDictionary<string, string>? Title, string Source);

public sealed record SessionReference(int Number, DateOnly? GeneralDebateEndsOn, string Paragraph);

public sealed record MeetingDates(DateOnly OpensOn, DateOnly ClosesOn, string Paragraph, string? Note);

public sealed record VenueDefinition(IReadOnlyDictionary<string, string> Names, string UtcOffset, string Paragraph, string? Note)
{
    public TimeSpan Offset => TimeSpan.Parse(UtcOffset.TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A theme in the languages given; <see cref="Official"/> says which are the resolution's own text.</summary>
public sealed record ThemeDefinition(IReadOnlyDictionary<string, string> Texts, IReadOnlyList<string> Official, string Paragraph);

public enum MeetingKind
{
    Plenary,
    RoundTable,
    Panel,
    PolicyDebate,
    Closing,
}

public enum HalfDay
{
    Morning,
    Afternoon,
}

/// <summary>A point of the meeting's calendar a rule is measured against.</summary>
public enum Milestone
{
    Hearing,
    Opening,
    Closing,
}

/// <summary>
/// One meeting: on a day of the meeting (1 for its first) and a half-day, or before a milestone (a
/// panel before the opening). Times are local to the venue.
/// </summary>
public sealed record MeetingDefinition(
    MeetingKind Kind,
    int Number,
    int? Day,
    HalfDay? HalfDay,
    Milestone? Before,
    TimeOnly? StartsAt,
    TimeOnly? EndsAt,
    TimeSpan? Reserved,
    int? Capacity,
    ThemeDefinition? Theme,
    string Paragraph,
    string? Note);

public sealed record MeetingCounts(IReadOnlyDictionary<MeetingKind, int> Counts, string Paragraph);

public sealed record ClosingSummaries(int AtPlenary, bool ByRoundTableChairs, string Paragraph);

public sealed record CoChairRules(
    int PerRoundTable,
    string AppointedBy,
    bool AfterConsultingRegionalGroups,
    bool PairFromDifferentGroups,
    int? MostSeatsWhileAGroupHasNone,
    bool ObserverStatesMayCoChair,
    string Paragraph,
    string? Note);

public sealed record SpeakersRules(
    TimeSpan TimeLimit,
    string? TimeLimitSource,
    IReadOnlyList<LevelOfRepresentation> Precedence,
    string PrecedenceParagraph,
    IReadOnlyList<SpeakingOrder> Order,
    AsTimePermits? AsTimePermits,
    int? RoundTablesPerMemberState,
    string? RoundTablesPerMemberStateSource);

public sealed record SpeakingOrder(IReadOnlyList<ParticipantCategory> Categories, string Paragraph);

public sealed record AsTimePermits(IReadOnlyList<HearingGroup> HearingRepresentatives, int OnPlenary, string Paragraph);

/// <summary>Under which paragraph a category takes part: through a delegation, or through one of the PGA's lists.</summary>
public sealed record ParticipationRule(IReadOnlyList<ParticipantCategory> Categories, string Paragraph, bool Delegation, ListKind? List);

public sealed record ListRule(ListKind Kind, string DrawnUpBy, bool EcosocStatusRequired, bool SubmittedToMemberStates, NonObjection? NonObjection, string Paragraph);

/// <summary>A list decided by non-objection: circulated at least <see cref="Months"/> calendar months before <see cref="DeadlineBefore"/>.</summary>
public sealed record NonObjection(Milestone DeadlineBefore, int Months);

public sealed record HearingDefinition(
    int Days,
    DateOnly On,
    string? OnNote,
    DateRange? Within,
    string? ChairedBy,
    IReadOnlyList<ListKind>? AdmitsLists,
    string Paragraph,
    SummaryRule Summary,
    RepresentativesToPlenary? RepresentativesToPlenary);

public sealed record DateRange(DateOnly From, DateOnly To);

public sealed record SummaryRule(DateTimeOffset Deadline, Milestone? NotAfter, string Paragraph, string? Note);

public sealed record RepresentativesToPlenary(int PerGroup, IReadOnlyList<HearingGroup> Groups, string Paragraph);

public sealed record ReportOwed(string Id, string? Document, string OwedBy, IReadOnlyList<string>? InputsFrom, Milestone? DueBefore, int? Session, string Paragraph, string? Note);

/// <summary>One operative paragraph (or sub-paragraph) of the resolution, as the report's sections list them.</summary>
public sealed record ParagraphDefinition(string Number, IReadOnlyDictionary<string, string> Summary);
