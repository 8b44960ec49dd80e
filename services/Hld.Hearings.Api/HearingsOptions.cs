using Hld.Hearings.Calendar;

namespace Hld.Hearings.Api;

/// <summary>
/// Configuration section <c>Hearings</c>: the dialogue whose hearing this service holds and the
/// dates its rules measure against (paras 2 and 11). Dates are data: appsettings.json carries the
/// 2013 values, and a deployment may override any of them.
/// </summary>
public sealed class HearingsOptions
{
    public string DialogueId { get; set; } = string.Empty;

    /// <summary>The Dialogue's year: the hearing is held in it (para 11).</summary>
    public int Year { get; set; }

    /// <summary>Offset from UTC of the meeting's calendar; New York keeps daylight time from March to November 2013.</summary>
    public TimeSpan MeetingUtcOffset { get; set; }

    /// <summary>The summary's deadline (para 11: "in September 2013").</summary>
    public DateTimeOffset SummaryDeadline { get; set; }

    /// <summary>When the Dialogue opens (para 2); the summary is never published after it.</summary>
    public DateTimeOffset DialogueOpensAt { get; set; }

    /// <summary>Where the values come from.</summary>
    public string Source { get; set; } = string.Empty;

    public MeetingCalendar ToCalendar() => new(Year, MeetingUtcOffset, SummaryDeadline, DialogueOpensAt);
}
