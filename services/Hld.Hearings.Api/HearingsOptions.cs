using Hld.Modalities;
using Hld.Hearings.Calendar;

namespace Hld.Hearings.Api;

/// <summary>
/// The dialogue whose hearing this service holds and the dates its rules measure against: filled from
/// the dialogue definition the host serves (<see cref="DefinedBy"/>); configuration section
/// <c>Hearings</c> may override any value on top of it.
/// </summary>
public sealed class HearingsOptions
{
    public string DialogueId { get; set; } = string.Empty;

    /// <summary>The Dialogue's year: the hearing is held in it.</summary>
    public int Year { get; set; }

    /// <summary>Offset from UTC of the meeting's calendar; New York keeps daylight time from March to November 2013.</summary>
    public TimeSpan MeetingUtcOffset { get; set; }

    /// <summary>The summary's deadline (in 2013, para 11: "in September 2013").</summary>
    public DateTimeOffset SummaryDeadline { get; set; }

    /// <summary>When the meeting opens, or its first plenary where the summary is presented there: the summary is never published after it.</summary>
    public DateTimeOffset DialogueOpensAt { get; set; }

    /// <summary>Where the values come from.</summary>
    public string Source { get; set; } = string.Empty;

    public void DefinedBy(DialogueDefinition definition)
    {
        DialogueId = definition.Id;
        Year = definition.Dates.OpensOn.Year;
        MeetingUtcOffset = definition.Venue.Offset;
        SummaryDeadline = DefinitionCalendar.ThroughTheSecond(definition.Hearing.Summary.Deadline);
        DialogueOpensAt = definition.SummaryPrecedes();
        Source = $"Dialogue definition {definition.Id}: {definition.Resolution.Source}";
    }

    public MeetingCalendar ToCalendar() => new(Year, MeetingUtcOffset, SummaryDeadline, DialogueOpensAt);
}
