using Hld.Hearings.Calendar;
using Xunit;
using static Hld.Hearings.Tests.Given;

namespace Hld.Hearings.Tests;

public sealed class CalendarTests
{
    [Fact]
    public void The_summary_is_due_by_its_deadline_when_that_comes_before_the_opening_para11()
    {
        Assert.Equal(Year2013.SummaryDeadline, Year2013.SummaryDueBy);
        Assert.True(Year2013.SummaryMayBePublishedAt(Year2013.SummaryDeadline));
        Assert.False(Year2013.SummaryMayBePublishedAt(Year2013.SummaryDeadline.AddSeconds(1)));
    }

    [Fact]
    public void A_deadline_set_after_the_opening_is_cut_back_to_the_opening_para11()
    {
        var late = new MeetingCalendar(2013, NewYork, new DateTimeOffset(2013, 10, 10, 0, 0, 0, NewYork), Year2013.DialogueOpensAt);

        Assert.Equal(Year2013.DialogueOpensAt, late.SummaryDueBy);
        Assert.True(late.SummaryMayBePublishedAt(Year2013.DialogueOpensAt.AddTicks(-1)));
        Assert.False(late.SummaryMayBePublishedAt(Year2013.DialogueOpensAt));
    }

    [Fact]
    public void Days_are_the_meetings_days_in_New_York_para11()
    {
        var lateEvening = new DateTimeOffset(2013, 7, 16, 2, 0, 0, TimeSpan.Zero);

        Assert.Equal(HearingDay, Year2013.LocalDate(lateEvening));
        Assert.True(Year2013.IsDay(HearingDay, lateEvening));
        Assert.False(Year2013.IsPast(HearingDay, lateEvening));
        Assert.Equal(new DateTimeOffset(2013, 7, 15, 4, 0, 0, TimeSpan.Zero), Year2013.StartOf(HearingDay));
    }
}
