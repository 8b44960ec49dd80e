using Hld.Domain;

namespace Hld.Modalities;

/// <summary>
/// A definition's days and hours as instants: the meeting's days are the venue's, so a meeting on
/// day 2 at 10:00 is the second day of <see cref="MeetingDates"/> at 10:00 at the venue's offset.
/// </summary>
public static class DefinitionCalendar
{
    /// <summary>The date of a day of the meeting (1 for its first).</summary>
    public static DateOnly DateOf(this DialogueDefinition definition, int day) => definition.Dates.OpensOn.AddDays(day - 1);

    /// <summary>A local time of the venue on a date, as an instant.</summary>
    public static DateTimeOffset At(this DialogueDefinition definition, DateOnly date, TimeOnly time) =>
        new VenueClock(definition.Venue.Offset).StartOf(date) + time.ToTimeSpan();

    /// <summary>When a meeting held on a day of the meeting starts; null for one without a day or a time.</summary>
    public static DateTimeOffset? StartOf(this DialogueDefinition definition, MeetingDefinition meeting) =>
        meeting is { Day: { } day, StartsAt: { } time } ? definition.At(definition.DateOf(day), time) : null;

    /// <summary>When a meeting held on a day of the meeting ends; null for one without a day or a time.</summary>
    public static DateTimeOffset? EndOf(this DialogueDefinition definition, MeetingDefinition meeting) =>
        meeting is { Day: { } day, EndsAt: { } time } ? definition.At(definition.DateOf(day), time) : null;

    /// <summary>The meeting opens with the first of its meetings; at midnight of its first day when none has a time.</summary>
    public static DateTimeOffset OpensAt(this DialogueDefinition definition) =>
        definition.Meetings.Select(definition.StartOf).Where(s => s is not null).Min()
        ?? definition.At(definition.Dates.OpensOn, TimeOnly.MinValue);

    /// <summary>The meeting closes with the last of its meetings; at the end of its last day when none has a time.</summary>
    public static DateTimeOffset ClosesAt(this DialogueDefinition definition) =>
        definition.Meetings.Select(definition.EndOf).Where(e => e is not null).Max()
        ?? definition.At(definition.Dates.ClosesOn, TimeOnly.MaxValue);

    /// <summary>
    /// The moment the hearing's summary must come before: the first plenary's start where the summary is
    /// presented there (the Forum's opening segment), else the opening.
    /// </summary>
    public static DateTimeOffset SummaryPrecedes(this DialogueDefinition definition) =>
        definition.Hearing.Summary.NotAfter == Milestone.FirstPlenary
        && definition.MeetingsOf(MeetingKind.Plenary).Select(definition.StartOf).Where(s => s is not null).Min() is { } plenary
            ? plenary
            : definition.OpensAt();

    /// <summary>
    /// A deadline the definition states to the second ("2013-09-30T23:59:59-04:00", the end of
    /// September) includes the whole of that second.
    /// </summary>
    public static DateTimeOffset ThroughTheSecond(DateTimeOffset deadline) =>
        deadline.Ticks % TimeSpan.TicksPerSecond == 0 ? deadline.AddTicks(TimeSpan.TicksPerSecond - 1) : deadline;
}
