using Google.Protobuf.WellKnownTypes;
using Hld.Console.Hall;
using Hld.Contracts.Sessions.V1;

namespace Hld.Console.Tests;

public sealed class PlenaryBoardTests
{
    private static readonly DateTimeOffset Opening = new(2013, 10, 3, 13, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static PlenaryMeeting Meeting(int number, DateTimeOffset starts) => new()
    {
        Number = number, StartsAt = Timestamp.FromDateTimeOffset(starts), EndsAt = Timestamp.FromDateTimeOffset(starts.AddHours(3)),
    };

    private static readonly Programme Programme = new() { PlenaryMeetings = { Meeting(1, Opening), Meeting(2, Opening.AddHours(5)) } };

    private static List<SpeakerPosition> Speakers(int count) => Enumerable.Range(1, count)
        .Select(i => new SpeakerPosition { Position = i, ParticipantId = $"S{i}", StartsAfter = Duration.FromTimeSpan(Limit * (i - 1)), Fits = true }).ToList();

    [Fact]
    public void The_Hall_shows_the_meeting_under_way_else_the_next_else_the_last()
    {
        Assert.Equal(1, PlenaryBoard.CurrentMeeting(Programme, Opening.AddHours(-1))!.Number);
        Assert.Equal(1, PlenaryBoard.CurrentMeeting(Programme, Opening.AddHours(1))!.Number);
        Assert.Equal(2, PlenaryBoard.CurrentMeeting(Programme, Opening.AddHours(4))!.Number);
        Assert.Equal(2, PlenaryBoard.CurrentMeeting(Programme, Opening.AddDays(30))!.Number);
    }

    [Fact]
    public void Before_the_meeting_nobody_speaks_and_the_first_speakers_are_next()
    {
        var board = PlenaryBoard.For(Programme.PlenaryMeetings[0], Speakers(20), Limit, Opening.AddMinutes(-10));

        Assert.Equal(MeetingPhase.NotStarted, board.Phase);
        Assert.Null(board.Now);
        Assert.Equal(Enumerable.Range(1, PlenaryBoard.NextShown).Select(i => $"S{i}"), board.Next.Select(s => s.ParticipantId));
    }

    [Fact]
    public void Under_way_the_speaker_whose_slot_holds_the_clock_speaks_and_those_after_are_next()
    {
        var board = PlenaryBoard.For(Programme.PlenaryMeetings[0], Speakers(6), Limit, Opening.AddMinutes(12));

        Assert.Equal(MeetingPhase.UnderWay, board.Phase);
        Assert.Equal("S3", board.Now!.ParticipantId);
        Assert.Equal(["S4", "S5", "S6"], board.Next.Select(s => s.ParticipantId));
    }

    [Fact]
    public void When_the_last_slot_has_run_out_the_meeting_is_over_and_the_list_shows_as_it_stood()
    {
        var board = PlenaryBoard.For(Programme.PlenaryMeetings[0], Speakers(3), Limit, Opening.AddMinutes(16));

        Assert.Equal(MeetingPhase.Over, board.Phase);
        Assert.Null(board.Now);
        Assert.Equal(["S1", "S2", "S3"], board.Next.Select(s => s.ParticipantId));
    }
}
