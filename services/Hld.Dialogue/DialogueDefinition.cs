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

    /// <summary>Where the resolution confines a kind of meeting to a span of half-days (round tables "during the first day and the morning of the second"); null when it does not.</summary>
    public IReadOnlyList<ScheduleWindow>? Windows { get; init; }

    /// <summary>Per language, where the paragraphs' summaries come from (official, condensed, or a working translation).</summary>
    public IReadOnlyDictionary<string, TextSource>? ParagraphSources { get; init; }

    /// <summary>Participation as the General Assembly's rules of procedure have it: one registration each, as the reference data records it (required by the schema).</summary>
    public RegistrationRule Registration { get; init; } = null!;

    /// <summary>The document the meeting adopts (a declaration), and the meeting that adopts it; null when the resolution decides none.</summary>
    public OutcomeDefinition? Outcome { get; init; }

    /// <summary>The resolution a paragraph number belongs to: its own when it names one, else the first of <see cref="ResolutionReference.Symbols"/>.</summary>
    public string ResolutionOf(string paragraph) =>
        Paragraphs.FirstOrDefault(p => p.Number == paragraph)?.Resolution ?? Resolution.Symbols[0];
}

public sealed record ResolutionReference(IReadOnlyList<string> Symbols, DateOnly AdoptedOn, IReadOnlyDictionary<string, string>? Title, string Source)
{
    /// <summary>Each resolution of <see cref="Symbols"/> on its own, for a meeting that rests on more than one; null when the fields above say it all.</summary>
    public IReadOnlyList<ResolutionText>? Texts { get; init; }

    /// <summary>The modalities resolution's number as documents cite it: the symbol without its "A/RES/".</summary>
    public string Number => Symbols[0].StartsWith("A/RES/", StringComparison.Ordinal) ? Symbols[0]["A/RES/".Length..] : Symbols[0];
}

/// <summary>One resolution a meeting rests on: when adopted, what text of it was read, and whether its paragraph numbers were checked against that text.</summary>
public sealed record ResolutionText(string Symbol, DateOnly AdoptedOn, IReadOnlyDictionary<string, string>? Title, string Source, bool ParagraphsConfirmed, string? Note);

public sealed record SessionReference(int Number, DateOnly? GeneralDebateEndsOn, string Paragraph);

public sealed record MeetingDates(DateOnly OpensOn, DateOnly ClosesOn, string Paragraph, string? Note);

public sealed record VenueDefinition(IReadOnlyDictionary<string, string> Names, string UtcOffset, string Paragraph, string? Note)
{
    public TimeSpan Offset => TimeSpan.Parse(UtcOffset.TrimStart('+'), System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>A theme in the languages given; <see cref="Official"/> says which are the resolution's own text.</summary>
public sealed record ThemeDefinition(IReadOnlyDictionary<string, string> Texts, IReadOnlyList<string> Official, string Paragraph)
{
    /// <summary>Where each language's text comes from (the official text read, or who made the working translation).</summary>
    public IReadOnlyDictionary<string, string>? Sources { get; init; }
}

public enum MeetingKind
{
    Plenary,
    RoundTable,
    Panel,
    PolicyDebate,
    Closing,
    OpeningSegment,
    ClosingSegment,
    MultiStakeholderHearing,
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

    /// <summary>The start of the first plenary meeting, when plenaries do not open the meeting (the Forum's third day).</summary>
    FirstPlenary,
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
    string? Note)
{
    /// <summary>The date of a meeting held ahead of the milestone in <see cref="Before"/> (a hearing the day before the opening).</summary>
    public DateOnly? On { get; init; }

    /// <summary>The meeting's name by language, where it has one of its own ("Policy debate").</summary>
    public IReadOnlyDictionary<string, string>? Title { get; init; }
}

/// <summary>A half-day of the meeting: its day (1 for the first) and morning or afternoon.</summary>
public sealed record Slot(int Day, HalfDay HalfDay);

/// <summary>The half-days within which the resolution holds every meeting of one kind, first and last included.</summary>
public sealed record ScheduleWindow(MeetingKind Kind, Slot From, Slot To, string Paragraph, string? Note);

/// <summary>What the meeting adopts (a progress declaration), at which meeting, under which paragraph.</summary>
public sealed record OutcomeDefinition(string Id, IReadOnlyDictionary<string, string> Title, MeetingKind AtKind, int AtNumber, string? Document, string Paragraph, string? Note);

public sealed record MeetingCounts(IReadOnlyDictionary<MeetingKind, int> Counts, string Paragraph);

/// <summary>
/// The meeting at which the round tables' summaries are given: plenary <see cref="AtPlenary"/>, or,
/// when <see cref="AtKind"/> names another kind, that kind's meeting of that number (a policy debate).
/// </summary>
public sealed record ClosingSummaries(int AtPlenary, bool ByRoundTableChairs, string Paragraph)
{
    public MeetingKind? AtKind { get; init; }

    public string? Note { get; init; }
}

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

/// <summary>The paragraph under which participants are registered, one registration each, as the reference data records them.</summary>
public sealed record RegistrationRule(string Paragraph, string? Note);

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
    RepresentativesToPlenary? RepresentativesToPlenary)
{
    /// <summary>True when the resolution holds the hearing on a day of the meeting itself rather than before it opens.</summary>
    public bool DuringMeeting { get; init; }
}

public sealed record DateRange(DateOnly From, DateOnly To);

public sealed record SummaryRule(DateTimeOffset Deadline, Milestone? NotAfter, string Paragraph, string? Note);

public sealed record RepresentativesToPlenary(int PerGroup, IReadOnlyList<HearingGroup> Groups, string Paragraph);

public sealed record ReportOwed(string Id, string? Document, string OwedBy, IReadOnlyList<string>? InputsFrom, Milestone? DueBefore, int? Session, string Paragraph, string? Note);

/// <summary>One operative paragraph (or sub-paragraph) of the resolution, as the report's sections list them.</summary>
public sealed record ParagraphDefinition(string Number, IReadOnlyDictionary<string, string> Summary)
{
    /// <summary>The symbol of the resolution this paragraph is in, when the meeting rests on more than one; null for the first of the symbols.</summary>
    public string? Resolution { get; init; }

    /// <summary>What could not be confirmed about this paragraph (its number, its wording).</summary>
    public string? Note { get; init; }
}

/// <summary>Where a text in one language comes from: <c>official</c>, <c>condensed-official</c>, <c>working-summary</c> or <c>working-translation</c>, and a note that says which.</summary>
public sealed record TextSource(string Status, string Note);
