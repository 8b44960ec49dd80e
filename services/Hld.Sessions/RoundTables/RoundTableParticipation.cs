using System.Collections.Immutable;
using Hld.Domain;
using Hld.Sessions.Participants;
using Hld.Sessions.CoChairs;
using Hld.Sessions.Programmes;

namespace Hld.Sessions.RoundTables;

public sealed record RoundTableSeat(
    int RoundTable,
    string ParticipantId,
    ParticipantCategory Category,
    RegionalGroup RegionalGroup,
    ImmutableDictionary<string, string> Name,
    string ListId,
    DateTimeOffset AssignedAt);

/// <summary>Who asks for a seat: what the read models know of the participant, and the final list it stands on, if any.</summary>
public sealed record SeatCandidate(
    string ParticipantId,
    ParticipantCategory Category,
    RegionalGroup RegionalGroup,
    ImmutableDictionary<string, string> Name,
    string? FinalListId);

/// <summary>How many of each kind sit at a round table, and where the stakeholders come from.</summary>
public sealed record RoundTableSpread(
    int RoundTable,
    int Capacity,
    int SeatsTaken,
    int MemberStates,
    int Observers,
    int Stakeholders,
    ImmutableList<GroupCount> MemberStatesByRegionalGroup,
    ImmutableList<GroupCount> StakeholdersByRegionalGroup,
    ImmutableList<CategoryCount> StakeholdersByCategory);

public sealed record GroupCount(RegionalGroup RegionalGroup, int Count);

public sealed record CategoryCount(ParticipantCategory Category, int Count);

/// <summary>
/// Who takes part in which round table. One aggregate for all of them, because a Member State's
/// limit on round tables spans them all.
/// </summary>
public sealed record RoundTableParticipation(ImmutableList<RoundTableSeat> Seats)
{
    public static RoundTableParticipation None { get; } = new([]);

    /// <summary>NGOs, civil society, academia and the private sector: seated only from the final lists (para 13).</summary>
    public static bool IsStakeholder(ParticipantCategory category) => category is
        ParticipantCategory.EcosocNgo or ParticipantCategory.OtherNgo or ParticipantCategory.CivilSocietyOrganization
        or ParticipantCategory.AcademicInstitution or ParticipantCategory.PrivateSectorEntity;

    public ImmutableList<RoundTableSeat> At(int roundTable) => Seats.Where(s => s.RoundTable == roundTable).ToImmutableList();

    /// <summary>Seats a participant at a round table under para 3(b) (seats, one round table per Member State) and para 13 (final lists).</summary>
    /// <param name="otherIgosListed">Whether the meeting seats IGOs without a standing invitation only from a decided list of the PGA.</param>
    public Decision<RoundTableParticipation> Assign(RoundTable roundTable, SeatCandidate candidate, Programme programme, DateTimeOffset now, bool otherIgosListed)
    {
        var stakeholder = IsStakeholder(candidate.Category);
        if (stakeholder && candidate.FinalListId is null)
        {
            return new RuleViolation("NOT_ON_A_FINAL_LIST", Rules.HearingRepresentatives,
                Refusals.Text("NotOnAFinalList", candidate.ParticipantId, Rules.List(ListKind.EcosocNgos), Rules.List(ListKind.OtherStakeholders), Rules.HearingRepresentatives));
        }

        if (FinalLists.Para8(candidate.ParticipantId, candidate.Category, candidate.FinalListId, Refusals.Text("ToTakeARoundTableSeat"), otherIgosListed) is { } para8)
        {
            return para8;
        }

        var mine = Seats.Where(s => string.Equals(s.ParticipantId, candidate.ParticipantId, StringComparison.OrdinalIgnoreCase)).ToList();
        if (mine.Exists(s => s.RoundTable == roundTable.Number))
        {
            return new RuleViolation("ALREADY_AT_THE_ROUND_TABLE", Rules.MeetingCounts, Refusals.Text("AlreadyAtTheRoundTable", candidate.ParticipantId, roundTable.Number));
        }

        if (candidate.Category == ParticipantCategory.MemberState && mine.Count >= programme.MaxRoundTablesPerMemberState)
        {
            return new RuleViolation("MEMBER_STATE_ROUND_TABLE_LIMIT", Rules.MeetingCounts,
                Refusals.Text("MemberStateRoundTableLimit", candidate.ParticipantId, string.Join(", ", mine.Select(s => s.RoundTable)), programme.MaxRoundTablesPerMemberState));
        }

        if (roundTable.HasCapacity && At(roundTable.Number).Count >= roundTable.Capacity)
        {
            return new RuleViolation("ROUND_TABLE_FULL", Rules.MeetingCounts, Refusals.Text("RoundTableFull", roundTable.Number, roundTable.Capacity));
        }

        var seat = new RoundTableSeat(roundTable.Number, candidate.ParticipantId, candidate.Category, candidate.RegionalGroup, candidate.Name, candidate.FinalListId ?? string.Empty, now);
        return this with { Seats = Seats.Add(seat) };
    }

    /// <summary>The round table in figures, stakeholders by regional group above all (para 13: equitable geographical representation).</summary>
    public RoundTableSpread Spread(RoundTable roundTable)
    {
        var seats = At(roundTable.Number);
        var stakeholders = seats.Where(s => IsStakeholder(s.Category)).ToList();
        var states = seats.Where(s => s.Category == ParticipantCategory.MemberState).ToList();
        return new RoundTableSpread(
            roundTable.Number,
            roundTable.Capacity,
            seats.Count,
            states.Count,
            seats.Count - states.Count - stakeholders.Count,
            stakeholders.Count,
            ByGroup(states),
            ByGroup(stakeholders),
            stakeholders.GroupBy(s => s.Category).OrderBy(g => g.Key).Select(g => new CategoryCount(g.Key, g.Count())).ToImmutableList());
    }

    private static ImmutableList<GroupCount> ByGroup(IEnumerable<RoundTableSeat> seats) =>
        RoundTableChairs.RegionalGroups.Append(RegionalGroup.None)
            .Select(g => new GroupCount(g, seats.Count(s => s.RegionalGroup == g || (g == RegionalGroup.None && s.RegionalGroup == RegionalGroup.Unspecified))))
            .ToImmutableList();
}
