using System.Collections.Immutable;
using Hld.Domain;
using Hld.Sessions.Dialogues;

namespace Hld.Sessions.Programmes;

/// <summary>
/// A plenary meeting (para 3(b)). <paramref name="Reserved"/> is time the meeting keeps for business
/// other than the speakers list: the opening statements, the round-table summaries at the close.
/// </summary>
public sealed record PlenaryMeeting(int Number, DateTimeOffset StartsAt, DateTimeOffset EndsAt, TimeSpan Reserved)
{
    public TimeSpan Length => EndsAt - StartsAt;

    public TimeSpan SpeakingTime => Length - Reserved;
}

/// <summary>An interactive multi-stakeholder round table (para 3(b)) with its theme (3(c)) and seats.</summary>
/// <summary>A round table of the programme; <see cref="Capacity"/> is its seats, 0 when the dialogue definition sets no number (the Forum's).</summary>
public sealed record RoundTable(int Number, ImmutableDictionary<string, string> Theme, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity)
{
    /// <summary>Whether the table has a number of seats that fills; without one, every admissible participant is seated.</summary>
    public bool HasCapacity => Capacity > 0;
}

/// <summary>
/// The Dialogue's programme: its plenary meetings and round tables, the speakers' time limit, and how
/// many round tables one Member State may join. The resolution's values are the configured default;
/// the Secretariat may change them within the rules of <see cref="ProgrammePlanning"/>.
/// </summary>
public sealed record Programme(
    ImmutableList<PlenaryMeeting> PlenaryMeetings,
    ImmutableList<RoundTable> RoundTables,
    TimeSpan SpeakerTimeLimit,
    int MaxRoundTablesPerMemberState)
{
    public PlenaryMeeting? Meeting(int number) => PlenaryMeetings.Find(m => m.Number == number);

    public RoundTable? RoundTableNumbered(int number) => RoundTables.Find(r => r.Number == number);

    /// <summary>The closing plenary, where the round tables' summaries are presented (para 3(b)(iii)).</summary>
    public PlenaryMeeting Closing => PlenaryMeetings.MaxBy(m => m.Number)!;
}

/// <summary>The rules a programme must keep (paras 2, 3(b), 3(b)(i)-(iii)).</summary>
public static class ProgrammePlanning
{
    public static Decision<Programme> Configure(Dialogue dialogue, DialogueMandate mandate, Programme programme)
    {
        if (!Numbered(programme.PlenaryMeetings.Select(m => m.Number), mandate.PlenaryMeetings))
        {
            return new RuleViolation("PLENARY_MEETING_COUNT", Rules.MeetingCounts,
                Refusals.Text("PlenaryMeetingCount", mandate.PlenaryMeetings, mandate.PlenaryMeetings, Rules.MeetingCounts));
        }

        if (!Numbered(programme.RoundTables.Select(r => r.Number), mandate.RoundTables))
        {
            return new RuleViolation("ROUND_TABLE_COUNT", Rules.MeetingCounts,
                Refusals.Text("RoundTableCount", mandate.RoundTables, mandate.RoundTables, Rules.MeetingCounts));
        }

        var outside = programme.PlenaryMeetings.Select(m => (What: $"Plenary meeting {m.Number}", m.StartsAt, m.EndsAt))
            .Concat(programme.RoundTables.Select(r => (What: $"Round table {r.Number}", r.StartsAt, r.EndsAt)))
            .FirstOrDefault(m => dialogue.DayOf(m.StartsAt) is null || dialogue.DayOf(m.EndsAt) != dialogue.DayOf(m.StartsAt) || m.EndsAt <= m.StartsAt);
        if (outside.What is not null)
        {
            return new RuleViolation("MEETING_OUTSIDE_DIALOGUE", Rules.Dates,
                Refusals.Text("MeetingOutsideDialogue", outside.What, dialogue.FirstDay, dialogue.LastDay, Rules.Dates));
        }

        foreach (var slot in mandate.RoundTableSlots.OrderBy(s => s.RoundTable))
        {
            var table = programme.RoundTableNumbered(slot.RoundTable)!;
            var day = dialogue.DayOf(table.StartsAt);
            var half = dialogue.HalfDayOf(table.StartsAt, table.EndsAt);
            if (day != slot.Day || half != slot.HalfDay)
            {
                return new RuleViolation("ROUND_TABLE_OUT_OF_SLOT", Rules.Meeting("RoundTable", slot.RoundTable),
                    Refusals.Text("RoundTableOutOfSlot", slot.RoundTable, slot.Day, dialogue.DateOfDay(slot.Day), Describe(slot.HalfDay), Rules.Meeting("RoundTable", slot.RoundTable), day, Describe(half)));
            }
        }

        var closing = programme.Closing;
        var lastRoundTable = programme.RoundTables.MaxBy(r => r.EndsAt)!;
        if (closing.EndsAt < lastRoundTable.EndsAt)
        {
            return new RuleViolation("CLOSING_PLENARY_BEFORE_ROUND_TABLES_END", Rules.ClosingSummaries,
                Refusals.Text("ClosingPlenaryBeforeRoundTablesEnd", closing.Number, lastRoundTable.Number, Rules.ClosingSummaries));
        }

        return programme;
    }

    private static bool Numbered(IEnumerable<int> numbers, int count) =>
        numbers.Order().SequenceEqual(Enumerable.Range(1, count));

    private static CatalogueMessage Describe(HalfDay half) => half switch
    {
        HalfDay.Morning => Refusals.Text("HalfDayMorning"),
        HalfDay.Afternoon => Refusals.Text("HalfDayAfternoon"),
        _ => Refusals.Text("HalfDayNeither"),
    };
}
