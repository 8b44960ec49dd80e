using Hld.Contracts.Sessions.V1;

namespace Hld.Console.Hall;

/// <summary>
/// The plenary meeting the Hall shows and who speaks in it, read from the programme and the clock: the
/// meeting under way, else the next one, else the last. The API does not record who holds the floor, so
/// "now speaking" is the speaker whose slot, at the time limit from the meeting's start, holds the
/// clock (<see cref="SpeakerPosition.StartsAfter"/>); before the meeting nobody speaks yet, and after it
/// the screen shows the list as it stood.
/// </summary>
public sealed record PlenaryBoard(PlenaryMeeting Meeting, SpeakerPosition? Now, IReadOnlyList<SpeakerPosition> Next, MeetingPhase Phase)
{
    public const int NextShown = 10;

    public static PlenaryMeeting? CurrentMeeting(Programme programme, DateTimeOffset now)
    {
        var meetings = programme.PlenaryMeetings.OrderBy(m => m.StartsAt.ToDateTimeOffset()).ToList();
        return meetings.FirstOrDefault(m => m.StartsAt.ToDateTimeOffset() <= now && now < m.EndsAt.ToDateTimeOffset())
            ?? meetings.FirstOrDefault(m => now < m.StartsAt.ToDateTimeOffset())
            ?? meetings.LastOrDefault();
    }

    public static PlenaryBoard For(PlenaryMeeting meeting, IReadOnlyList<SpeakerPosition> speakers, TimeSpan timeLimit, DateTimeOffset now)
    {
        var starts = meeting.StartsAt.ToDateTimeOffset();
        if (now < starts)
        {
            return new PlenaryBoard(meeting, null, speakers.Take(NextShown).ToList(), MeetingPhase.NotStarted);
        }

        var elapsed = now - starts;
        var current = speakers.LastOrDefault(s => s.StartsAfter.ToTimeSpan() <= elapsed);
        if (now >= meeting.EndsAt.ToDateTimeOffset() || current is null || elapsed >= current.StartsAfter.ToTimeSpan() + timeLimit)
        {
            return new PlenaryBoard(meeting, null, speakers.Take(NextShown).ToList(), MeetingPhase.Over);
        }

        return new PlenaryBoard(meeting, current, speakers.SkipWhile(s => s != current).Skip(1).Take(NextShown).ToList(), MeetingPhase.UnderWay);
    }
}

public enum MeetingPhase
{
    NotStarted,
    UnderWay,
    Over,
}
