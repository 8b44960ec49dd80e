using Hld.Sessions.Dialogues;
using Hld.Sessions.Programmes;
using Hld.Testing;
using Xunit;
using static Hld.Sessions.Tests.Resolution;

namespace Hld.Sessions.Tests;

public sealed class DialogueAndProgrammeTests
{
    [Fact]
    public void The_dialogue_of_3_and_4_October_after_the_68th_general_debate_is_accepted_para2()
    {
        var decision = DialogueCalendar.Validate(Hld2013, Mandate);

        Assert.True(decision.IsAccepted);
        Assert.Equal(new DateOnly(2013, 10, 3), decision.Value.FirstDay);
        Assert.Equal(2, decision.Value.Days);
    }

    [Fact]
    public void A_dialogue_opening_before_the_general_debate_ends_is_refused_para2()
    {
        var early = Hld2013 with { GeneralDebateEndsOn = new DateOnly(2013, 10, 3) };

        var violation = DialogueCalendar.Validate(early, Mandate).Violation;

        Assert.Equal(("DIALOGUE_BEFORE_GENERAL_DEBATE_ENDS", "2"), (violation!.Reason, violation.Paragraph));
    }

    [Fact]
    public void A_three_day_dialogue_is_refused_para2()
    {
        var longer = Hld2013 with { ClosesAt = At(3, 18) };

        Assert.Equal("DIALOGUE_LENGTH", DialogueCalendar.Validate(longer, Mandate).Violation!.Reason);
    }

    [Fact]
    public void Days_and_half_days_are_read_on_the_venue_calendar_para3b()
    {
        // 23:30 UTC on 3 October is 19:30 in New York: still day 1, in the afternoon.
        var lateUtc = new DateTimeOffset(2013, 10, 3, 23, 30, 0, TimeSpan.Zero);
        var morningUtc = new DateTimeOffset(2013, 10, 4, 14, 0, 0, TimeSpan.Zero);

        Assert.Equal(1, Hld2013.DayOf(lateUtc));
        Assert.Equal(2, Hld2013.DayOf(morningUtc));
        Assert.Equal(HalfDay.Morning, Hld2013.HalfDayOf(morningUtc, morningUtc.AddHours(3)));
        Assert.Equal(HalfDay.Afternoon, Hld2013.HalfDayOf(At(1, 15), At(1, 18)));
        Assert.Equal(HalfDay.Unspecified, Hld2013.HalfDayOf(At(1, 10), At(1, 16)));
        Assert.Null(Hld2013.DayOf(At(3, 10)));
    }

    [Fact]
    public void The_programme_of_the_resolution_keeps_every_rule_of_para3b()
    {
        var decision = ProgrammePlanning.Configure(Hld2013, Mandate, DefaultProgramme);

        Assert.True(decision.IsAccepted, decision.Violation?.Message);
        Assert.Equal(4, decision.Value.Closing.Number);
    }

    [Fact]
    public void Three_plenary_meetings_are_refused_para3b()
    {
        var programme = DefaultProgramme with { PlenaryMeetings = DefaultProgramme.PlenaryMeetings.RemoveAt(2) };

        var violation = ProgrammePlanning.Configure(Hld2013, Mandate, programme).Violation!;

        Assert.Equal(("PLENARY_MEETING_COUNT", "3(b)"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void A_fifth_round_table_is_refused_para3b()
    {
        var programme = DefaultProgramme with { RoundTables = DefaultProgramme.RoundTables.Add(Table(5, 2, 15, 17)) };

        var violation = ProgrammePlanning.Configure(Hld2013, Mandate, programme).Violation!;

        Assert.Equal(("ROUND_TABLE_COUNT", "3(b)"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void Round_table_2_in_the_morning_is_refused_para3bi()
    {
        var violation = ProgrammePlanning.Configure(Hld2013, Mandate, WithTable(Table(2, 1, 10, 13))).Violation!;

        Assert.Equal(("ROUND_TABLE_OUT_OF_SLOT", "3(b)(i)"), (violation.Reason, violation.Paragraph));
        Assert.Contains("Round table 2", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_table_1_on_the_second_day_is_refused_para3bi()
    {
        var violation = ProgrammePlanning.Configure(Hld2013, Mandate, WithTable(Table(1, 2, 10, 13))).Violation!;

        Assert.Equal("3(b)(i)", violation.Paragraph);
    }

    [Fact]
    public void Round_table_3_in_the_afternoon_is_refused_para3bii()
    {
        var violation = ProgrammePlanning.Configure(Hld2013, Mandate, WithTable(Table(3, 2, 15, 18))).Violation!;

        Assert.Equal(("ROUND_TABLE_OUT_OF_SLOT", "3(b)(ii)"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void Round_table_4_on_the_first_day_is_refused_para3bii()
    {
        var violation = ProgrammePlanning.Configure(Hld2013, Mandate, WithTable(Table(4, 1, 15, 18))).Violation!;

        Assert.Equal("3(b)(ii)", violation.Paragraph);
    }

    [Fact]
    public void A_round_table_running_from_the_morning_into_the_afternoon_is_refused_para3bii()
    {
        var violation = ProgrammePlanning.Configure(Hld2013, Mandate, WithTable(Table(3, 2, 10, 16))).Violation!;

        Assert.Equal("3(b)(ii)", violation.Paragraph);
        Assert.Contains("straddles", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_meeting_outside_the_two_days_is_refused_para2()
    {
        var programme = DefaultProgramme with { PlenaryMeetings = DefaultProgramme.PlenaryMeetings.SetItem(3, Plenary(4, 3, 10, 13)) };

        var violation = ProgrammePlanning.Configure(Hld2013, Mandate, programme).Violation!;

        Assert.Equal(("MEETING_OUTSIDE_DIALOGUE", "2"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void A_closing_plenary_that_ends_before_the_last_round_table_is_refused_para3biii()
    {
        var programme = DefaultProgramme with { PlenaryMeetings = DefaultProgramme.PlenaryMeetings.SetItem(3, Plenary(4, 2, 14, 16)) };

        var violation = ProgrammePlanning.Configure(Hld2013, Mandate, programme).Violation!;

        Assert.Equal(("CLOSING_PLENARY_BEFORE_ROUND_TABLES_END", "3(b)(iii)"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void The_counts_and_slots_are_configuration_of_a_dialogue_para3b()
    {
        var smaller = Mandate with
        {
            RoundTables = 2,
            RoundTableSlots = [new RoundTableSlot(1, 1, HalfDay.Afternoon, "3(b)(i)"), new RoundTableSlot(2, 2, HalfDay.Morning, "3(b)(ii)")],
        };
        var programme = DefaultProgramme with { RoundTables = [Table(1, 1, 15, 18), Table(2, 2, 10, 13)] };

        Assert.Null(smaller.Problem());
        Assert.True(ProgrammePlanning.Configure(Hld2013, smaller, programme).IsAccepted);
        Assert.Equal("ROUND_TABLE_COUNT", ProgrammePlanning.Configure(Hld2013, Mandate, programme).Violation!.Reason);
    }

    [Fact]
    public void A_mandate_without_a_slot_for_every_round_table_is_a_configuration_problem_para3b()
    {
        var broken = Mandate with { RoundTableSlots = Mandate.RoundTableSlots.RemoveAt(0) };

        Assert.NotNull(broken.Problem());
        Assert.Null(Mandate.Problem());
    }

    [Fact]
    public void A_mandate_may_put_the_hearing_s_representatives_on_no_plenary_list_but_not_on_one_that_does_not_exist()
    {
        Assert.Null((Mandate with { HearingSpeakersMeeting = 0 }).Problem());
        Assert.NotNull((Mandate with { HearingSpeakersMeeting = Mandate.PlenaryMeetings + 1 }).Problem());
        Assert.NotNull((Mandate with { HearingSpeakersMeeting = -1 }).Problem());
    }
}
