using Hld.Contracts.Sessions.V1;

namespace Hld.Console.Hall;

/// <summary>One screen's view of a snapshot: the meeting it shows and the round tables.</summary>
public sealed record HallView(HallSnapshot Snapshot, PlenaryBoard? Board, IReadOnlyList<PlenaryMeeting> Meetings, IReadOnlyList<HallRoundTable> RoundTables, TimeSpan TimeLimit)
{
    public static HallView Of(HallSnapshot snapshot, int? meetingNumber)
    {
        var programme = snapshot.Programme;
        if (programme is null)
        {
            return new HallView(snapshot, null, [], [], TimeSpan.Zero);
        }

        var limit = programme.SpeakerTimeLimit?.ToTimeSpan() ?? TimeSpan.Zero;
        var meeting = programme.PlenaryMeetings.FirstOrDefault(m => m.Number == meetingNumber) ?? PlenaryBoard.CurrentMeeting(programme, snapshot.Now);
        var board = meeting is null ? null : PlenaryBoard.For(meeting, snapshot.Speakers.GetValueOrDefault(meeting.Number) ?? [], limit, snapshot.Now);
        var tables = programme.RoundTables.OrderBy(t => t.Number)
            .Select(t => new HallRoundTable(t, snapshot.CoChairs.Where(c => c.RoundTable == t.Number).ToList())).ToList();
        return new HallView(snapshot, board, programme.PlenaryMeetings.OrderBy(m => m.Number).ToList(), tables, limit);
    }
}

public sealed record HallRoundTable(RoundTable Table, IReadOnlyList<CoChair> CoChairs);
