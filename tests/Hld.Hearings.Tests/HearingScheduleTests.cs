using Hld.Hearings.Eligibility;
using Hld.Hearings.Hearings;
using Xunit;
using static Hld.Hearings.Tests.Given;

namespace Hld.Hearings.Tests;

public sealed class HearingScheduleTests
{
    private static readonly IReadOnlyList<NonObjectionDeadline> NoLists = [];

    [Fact]
    public void Scheduling_records_the_one_day_and_the_PGA_chairing_it_para11()
    {
        var hearing = HearingSchedule.Schedule(null, "hld-2013", HearingDay, "  Vuk Jeremić ", NoLists, Year2013, At(6, 1)).Value;

        Assert.Equal(HearingDay, hearing.Date);
        Assert.Equal("Vuk Jeremić", hearing.Chair);
        Assert.Null(hearing.PreviousDate());
        Assert.Equal(At(6, 1), hearing.ScheduledAt);
    }

    [Fact]
    public void A_second_hearing_is_refused_para11()
    {
        var first = Hearing();

        Refused(HearingSchedule.Schedule(first, "hld-2013", new DateOnly(2013, 7, 20), "Vuk Jeremić", NoLists, Year2013, At(6, 2)), "HEARING_ALREADY_SCHEDULED", "11");
    }

    [Theory]
    [InlineData(2012, 12, 30)]
    [InlineData(2014, 1, 15)]
    public void A_hearing_outside_the_dialogues_year_is_refused_para11(int year, int month, int day) =>
        Refused(HearingSchedule.Schedule(null, "hld-2013", new DateOnly(year, month, day), "PGA", NoLists, Year2013, At(6, 1)), "HEARING_OUTSIDE_YEAR", "11");

    [Fact]
    public void A_hearing_on_a_day_already_begun_is_refused_para11()
    {
        Refused(HearingSchedule.Schedule(null, "hld-2013", new DateOnly(2013, 6, 1), "PGA", NoLists, Year2013, At(6, 1)), "HEARING_DATE_PASSED", "11");
        // 1 June 22:30 in New York is already 2 June in UTC: the meeting's own calendar decides.
        Assert.True(HearingSchedule.Schedule(null, "hld-2013", new DateOnly(2013, 6, 2), "PGA", NoLists, Year2013, At(6, 1, 22).AddMinutes(30)).IsAccepted);
    }

    [Fact]
    public void A_hearing_after_the_summary_is_due_is_refused_para11()
    {
        Refused(HearingSchedule.Schedule(null, "hld-2013", new DateOnly(2013, 10, 1), "PGA", NoLists, Year2013, At(6, 1)), "HEARING_AFTER_SUMMARY_DEADLINE", "11");
        Assert.True(HearingSchedule.Schedule(null, "hld-2013", new DateOnly(2013, 9, 30), "PGA", NoLists, Year2013, At(6, 1)).IsAccepted);
    }

    [Fact]
    public void Moving_the_hearing_keeps_the_day_it_had_para11()
    {
        var moved = HearingSchedule.Move(Hearing(), new DateOnly(2013, 7, 22), NoLists, Year2013, At(6, 5)).Value;

        Assert.Equal(new DateOnly(2013, 7, 22), moved.Date);
        Assert.Equal(HearingDay, moved.PreviousDate());
    }

    [Fact]
    public void Moving_to_the_same_day_changes_nothing_para11()
    {
        var hearing = Hearing();

        Assert.Same(hearing, HearingSchedule.Move(hearing, HearingDay, NoLists, Year2013, At(6, 5)).Value);
    }

    [Fact]
    public void Moving_a_hearing_never_scheduled_is_refused_para11() =>
        Refused(HearingSchedule.Move(null, HearingDay, NoLists, Year2013, At(6, 5)), "HEARING_NOT_SCHEDULED", "11");

    [Fact]
    public void Moving_a_hearing_that_has_begun_is_refused_para11() =>
        Refused(HearingSchedule.Move(Hearing(), new DateOnly(2013, 7, 30), NoLists, Year2013, OnHearingDay(9)), "HEARING_ALREADY_HELD", "11");

    [Fact]
    public void Moving_out_of_the_year_is_refused_like_scheduling_para11() =>
        Refused(HearingSchedule.Move(Hearing(), new DateOnly(2014, 2, 1), NoLists, Year2013, At(6, 5)), "HEARING_OUTSIDE_YEAR", "11");

    [Fact]
    public void Moving_the_hearing_to_less_than_a_month_after_a_circulated_lists_deadline_is_refused_para12()
    {
        IReadOnlyList<NonObjectionDeadline> circulated = [new("para12", new DateTimeOffset(2013, 6, 14, 18, 0, 0, NewYork))];

        var refused = HearingSchedule.Move(Hearing(), new DateOnly(2013, 7, 10), circulated, Year2013, At(6, 5));

        Refused(refused, "PARA12_DEADLINE_TOO_CLOSE", "12");
        Assert.Contains("2013-07-14", refused.Violation!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_the_hearing_to_a_full_calendar_month_after_the_deadline_is_accepted_para12()
    {
        IReadOnlyList<NonObjectionDeadline> circulated = [new("para12", new DateTimeOffset(2013, 6, 14, 18, 0, 0, NewYork))];

        Assert.True(HearingSchedule.Move(Hearing(), new DateOnly(2013, 7, 14), circulated, Year2013, At(6, 5)).IsAccepted);
        Refused(HearingSchedule.Move(Hearing(), new DateOnly(2013, 7, 13), circulated, Year2013, At(6, 5)), "PARA12_DEADLINE_TOO_CLOSE", "12");
    }

    [Fact]
    public void The_latest_of_several_deadlines_decides_the_earliest_day_para12()
    {
        IReadOnlyList<NonObjectionDeadline> circulated =
        [
            new("first", new DateTimeOffset(2013, 5, 20, 18, 0, 0, NewYork)),
            new("second", new DateTimeOffset(2013, 6, 12, 18, 0, 0, NewYork)),
        ];

        Assert.Equal(new DateOnly(2013, 7, 12), HearingSchedule.EarliestDateUnderPara12(circulated, Year2013));
        Assert.Null(HearingSchedule.EarliestDateUnderPara12([], Year2013));
    }

    [Fact]
    public void A_month_after_the_31st_is_the_first_day_that_leaves_a_whole_month_para12()
    {
        IReadOnlyList<NonObjectionDeadline> circulated = [new("para12", new DateTimeOffset(2013, 5, 31, 12, 0, 0, NewYork))];

        // 30 June less a month is 30 May, still before 31 May: the first day that works is 1 July.
        Assert.Equal(new DateOnly(2013, 7, 1), HearingSchedule.EarliestDateUnderPara12(circulated, Year2013));
        Refused(HearingSchedule.Schedule(null, "hld-2013", new DateOnly(2013, 6, 30), "PGA", circulated, Year2013, At(6, 1)), "PARA12_DEADLINE_TOO_CLOSE", "12");
    }

    [Fact]
    public void A_deadline_is_read_on_the_venue_s_day_as_the_registry_reads_it_para12()
    {
        // 14 June 23:30 in New York is 15 June in UTC; both services count it as 14 June, the venue's day.
        IReadOnlyList<NonObjectionDeadline> circulated = [new("para12", new DateTimeOffset(2013, 6, 14, 23, 30, 0, NewYork))];

        Assert.Equal(new DateOnly(2013, 7, 14), HearingSchedule.EarliestDateUnderPara12(circulated, Year2013));
        Assert.True(HearingSchedule.Move(Hearing(new DateOnly(2013, 7, 20)), new DateOnly(2013, 7, 14), circulated, Year2013, At(6, 5)).IsAccepted);
        Refused(HearingSchedule.Move(Hearing(new DateOnly(2013, 7, 20)), new DateOnly(2013, 7, 13), circulated, Year2013, At(6, 5)), "PARA12_DEADLINE_TOO_CLOSE", "12");
    }
}
