using Hld.Domain;

namespace Hld.Hearings.Calendar;

/// <summary>
/// The dates the hearing's rules are measured against (paras 2 and 11). Every value is data from
/// configuration, never code: the Dialogue's year, the summary's deadline, the Dialogue's opening,
/// and the offset from UTC of the meeting's local calendar (New York).
/// </summary>
public sealed record MeetingCalendar(int Year, TimeSpan UtcOffset, DateTimeOffset SummaryDeadline, DateTimeOffset DialogueOpensAt)
{
    /// <summary>When the summary is due at the latest: its own deadline, but never after the Dialogue opens (para 11).</summary>
    public DateTimeOffset SummaryDueBy => SummaryDeadline < DialogueOpensAt ? SummaryDeadline : DialogueOpensAt;

    /// <summary>True while the summary may still be published: up to its deadline and strictly before the opening.</summary>
    public bool SummaryMayBePublishedAt(DateTimeOffset now) => now <= SummaryDeadline && now < DialogueOpensAt;

    /// <summary>The venue's calendar and clock.</summary>
    public VenueClock Venue => new(UtcOffset);

    /// <summary>The meeting's calendar day at <paramref name="instant"/>.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => Venue.Day(instant);

    /// <summary>True when <paramref name="now"/> falls on <paramref name="day"/> of the meeting's calendar.</summary>
    public bool IsDay(DateOnly day, DateTimeOffset now) => LocalDate(now) == day;

    /// <summary>True once <paramref name="day"/> of the meeting's calendar has ended.</summary>
    public bool IsPast(DateOnly day, DateTimeOffset now) => LocalDate(now) > day;

    /// <summary>The instant a calendar day of the meeting begins.</summary>
    public DateTimeOffset StartOf(DateOnly day) => Venue.StartOf(day);
}
