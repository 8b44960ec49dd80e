using System.Collections.Immutable;
using Hld.Domain;

namespace Hld.Sessions.Dialogues;

/// <summary>Half of a meeting day, the unit in which para 3(b)(i)-(ii) places the round tables.</summary>
public enum HalfDay
{
    Unspecified = 0,
    Morning = 1,
    Afternoon = 2,
}

/// <summary>
/// The High-level Dialogue as an event (para 2): its days, venue and the general debate it follows,
/// and its overall theme (para 3(a)). Every value is data from configuration, not code. Instants are
/// read on the venue's calendar through <see cref="UtcOffset"/>, so "day 1 morning" means the
/// morning in New York whatever time zone a partner sends.
/// </summary>
public sealed record Dialogue(
    string Id,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    TimeSpan UtcOffset,
    ImmutableDictionary<string, string> Venue,
    int FollowsGeneralDebateOfSession,
    DateOnly GeneralDebateEndsOn,
    ImmutableDictionary<string, string> Theme)
{
    // A meeting that starts before noon and is over by 14:00 is a morning meeting; one that starts
    // at or after noon is an afternoon meeting. Anything else straddles both and is neither.
    private static readonly TimeSpan Noon = TimeSpan.FromHours(12);
    private static readonly TimeSpan MorningOverBy = TimeSpan.FromHours(14);

    public DateTimeOffset Local(DateTimeOffset instant) => instant.ToOffset(UtcOffset);

    public DateOnly FirstDay => DateOnly.FromDateTime(Local(OpensAt).DateTime);

    public DateOnly LastDay => DateOnly.FromDateTime(Local(ClosesAt).DateTime);

    public int Days => LastDay.DayNumber - FirstDay.DayNumber + 1;

    public DateOnly DateOfDay(int day) => FirstDay.AddDays(day - 1);

    /// <summary>The day of the Dialogue (1-based) an instant falls on, or null outside the Dialogue.</summary>
    public int? DayOf(DateTimeOffset instant)
    {
        var day = DateOnly.FromDateTime(Local(instant).DateTime).DayNumber - FirstDay.DayNumber + 1;
        return day >= 1 && day <= Days ? day : null;
    }

    /// <summary>Which half of its day a meeting from <paramref name="startsAt"/> to <paramref name="endsAt"/> takes.</summary>
    public HalfDay HalfDayOf(DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var start = Local(startsAt);
        var end = Local(endsAt);
        if (start.Date != end.Date || end <= start)
        {
            return HalfDay.Unspecified;
        }

        if (start.TimeOfDay < Noon)
        {
            return end.TimeOfDay <= MorningOverBy ? HalfDay.Morning : HalfDay.Unspecified;
        }

        return HalfDay.Afternoon;
    }
}

/// <summary>Where para 3(b)(i)-(ii) puts one round table: its day, its half-day, and the sub-paragraph that says so.</summary>
public sealed record RoundTableSlot(int RoundTable, int Day, HalfDay HalfDay, string Paragraph);

/// <summary>
/// What the resolution fixes about a dialogue, from its dialogue definition: its
/// length (para 2), the number of plenary meetings and round tables (3(b)), where each round table
/// sits (3(b)(i)-(ii)), the co-chairs per round table and the seat balance (3(d)), how many hearing
/// speakers per group join the plenary list and on which meeting (13; 0 when none do).
/// </summary>
public sealed record DialogueMandate(
    int Days,
    int PlenaryMeetings,
    int RoundTables,
    ImmutableList<RoundTableSlot> RoundTableSlots,
    int CoChairsPerRoundTable,
    int MostSeatsWhileAGroupHasNone,
    int HearingSpeakersMeeting)
{
    public int CoChairSeats => RoundTables * CoChairsPerRoundTable;

    public string? Problem()
    {
        if (Days < 1 || PlenaryMeetings < 1 || RoundTables < 1 || CoChairsPerRoundTable < 1 || MostSeatsWhileAGroupHasNone < 1)
        {
            return "days, plenary meetings, round tables, co-chairs per round table and the seat threshold must all be positive";
        }

        if (RoundTableSlots.Count != RoundTables
            || RoundTableSlots.Select(s => s.RoundTable).Order().SequenceEqual(Enumerable.Range(1, RoundTables)) is false)
        {
            return "there must be exactly one slot per round table, numbered from 1";
        }

        if (RoundTableSlots.Any(s => s.Day < 1 || s.Day > Days || s.HalfDay == HalfDay.Unspecified || string.IsNullOrWhiteSpace(s.Paragraph)))
        {
            return "every slot needs a day of the dialogue, a half-day and the paragraph that fixes it";
        }

        // 0: the hearing's representatives join no plenary list (a resolution that does not put them on one).
        return HearingSpeakersMeeting < 0 || HearingSpeakersMeeting > PlenaryMeetings
            ? "the hearing speakers' meeting must be one of the plenary meetings, or 0 for none"
            : null;
    }
}

/// <summary>The rules of para 2 on the Dialogue's dates.</summary>
public static class DialogueCalendar
{
    public static Decision<Dialogue> Validate(Dialogue dialogue, DialogueMandate mandate)
    {
        if (dialogue.ClosesAt <= dialogue.OpensAt)
        {
            return new RuleViolation("DIALOGUE_CLOSES_BEFORE_IT_OPENS", Rules.Dates, Refusals.Text("DialogueClosesBeforeItOpens"));
        }

        if (dialogue.Days != mandate.Days)
        {
            return new RuleViolation("DIALOGUE_LENGTH", Rules.Dates,
                Refusals.Text("DialogueLength", mandate.Days, dialogue.FirstDay, dialogue.LastDay, dialogue.Days, Rules.Dates));
        }

        return dialogue.FirstDay > dialogue.GeneralDebateEndsOn
            ? dialogue
            : new RuleViolation("DIALOGUE_BEFORE_GENERAL_DEBATE_ENDS", Rules.FollowsSession,
                Refusals.Text("DialogueBeforeGeneralDebateEnds", dialogue.FollowsGeneralDebateOfSession, dialogue.GeneralDebateEndsOn, Rules.FollowsSession));
    }
}
