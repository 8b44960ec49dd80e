using Hld.Modalities;

namespace Hld.Demo;

/// <summary>
/// When each step of the demo's story happens, read from the dialogue definition it plays: the hearing's
/// date, the meeting's days, the summary's deadline, the sessions reports go to. The story keeps the
/// same distances for every meeting (the list circulated six weeks before the hearing, objections due a
/// month and a day before it), so hld-2013 gives the dates the 2013 demo always had.
/// </summary>
public sealed class DemoCalendar(DialogueDefinition definition)
{
    private static readonly TimeSpan Noon = TimeSpan.FromHours(12);
    private static readonly TimeSpan Afternoon = TimeSpan.FromHours(14);

    private static DateTimeOffset Utc(DateOnly date, TimeSpan time) => new(date.ToDateTime(TimeOnly.MinValue) + time, TimeSpan.Zero);

    public DateOnly HearingDate => definition.Hearing.On;

    /// <summary>The story starts 44 days before the hearing, at noon UTC: time to circulate a list under a one-month non-objection deadline.</summary>
    public DateTimeOffset Start => Utc(HearingDate.AddDays(-44), Noon);

    /// <summary>The PGA consults Member States on the list of other stakeholders two days before circulating it.</summary>
    public DateOnly ListConsultation => DateOnly.FromDateTime(Start.UtcDateTime).AddDays(-2);

    /// <summary>Objections are due at 17:00 at the venue a month and a day before the hearing (the latest deadline the registry allows is a month before).</summary>
    public DateTimeOffset ObjectionDeadline => definition.At(HearingDate.AddMonths(-1).AddDays(-1), new TimeOnly(17, 0));

    /// <summary>The day after the deadline, at noon UTC: the list has become final on its own.</summary>
    public DateTimeOffset AfterObjections => Utc(DateOnly.FromDateTime(ObjectionDeadline.UtcDateTime).AddDays(1), Noon);

    /// <summary>The regional groups are consulted on the co-chairs on the day objections are due.</summary>
    public DateOnly CoChairConsultation => DateOnly.FromDateTime(ObjectionDeadline.UtcDateTime);

    /// <summary>The hearing's day, in the afternoon UTC (the morning in New York).</summary>
    public DateTimeOffset HearingDay => Utc(HearingDate, Afternoon);

    /// <summary>The summary is written two weeks before its deadline, and never before the day after the hearing.</summary>
    public DateTimeOffset SummaryWritten
    {
        get
        {
            // The deadline's own date at the venue (30 September, not 1 October in UTC).
            var twoWeeksEarly = DateOnly.FromDateTime(definition.Hearing.Summary.Deadline.DateTime).AddDays(-14);
            var dayAfter = HearingDate.AddDays(definition.Hearing.Days);
            return Utc(twoWeeksEarly > dayAfter ? twoWeeksEarly : dayAfter, Afternoon);
        }
    }

    /// <summary>A panel held ahead of the meeting meets thirteen days before it opens.</summary>
    public DateOnly Panel => definition.Dates.OpensOn.AddDays(-13);

    /// <summary>Inputs to the reports are due 33 days before the opening.</summary>
    public DateTimeOffset InputsDue => Utc(definition.Dates.OpensOn.AddDays(-33), TimeSpan.Zero);

    /// <summary>The last day of the meeting, late in the evening UTC: every meeting of it is over.</summary>
    public DateTimeOffset Closed => Utc(definition.Dates.ClosesOn, TimeSpan.FromHours(23));

    /// <summary>
    /// A report to session <paramref name="session"/> is issued on 30 July of the year that session opens
    /// (the sixty-ninth: 2014), and never before two weeks after the meeting closed.
    /// </summary>
    public DateTimeOffset ReportIssued(int session)
    {
        var july = new DateOnly(1945 + session, 7, 30);
        var afterClosing = definition.Dates.ClosesOn.AddDays(14);
        return Utc(july > afterClosing ? july : afterClosing, Afternoon);
    }
}
