using System.Collections.Immutable;
using Hld.Domain;
using Hld.Sessions.Dialogues;
using Hld.Sessions.Programmes;

namespace Hld.Sessions.CoChairs;

/// <summary>A consultation of the PGA with one regional group about the co-chairs (para 3(d)).</summary>
public sealed record Consultation(RegionalGroup RegionalGroup, DateOnly HeldOn, string Note, DateTimeOffset RecordedAt);

/// <summary>A representative of a Member State appointed by the PGA to co-chair a round table (para 3(d)).</summary>
public sealed record CoChair(
    int RoundTable,
    string ParticipantId,
    string RepresentativeName,
    RegionalGroup RegionalGroup,
    string CountryCode,
    ImmutableDictionary<string, string> StateName,
    DateTimeOffset AppointedAt);

public sealed record CoChairCandidate(
    string ParticipantId,
    ParticipantCategory Category,
    RegionalGroup RegionalGroup,
    string CountryCode,
    ImmutableDictionary<string, string> StateName,
    string RepresentativeName);

/// <summary>The oral summary of a round table presented at the closing plenary (para 3(b)(iii)).</summary>
public sealed record RoundTableSummary(
    int RoundTable,
    string PresentedBy,
    string PresenterName,
    RegionalGroup PresenterRegionalGroup,
    ImmutableDictionary<string, string> Text,
    DateTimeOffset RecordedAt,
    int Revision);

public sealed record GroupSeats(RegionalGroup RegionalGroup, int Seats, ImmutableList<int> RoundTables, bool Consulted);

/// <summary>The co-chair seats in figures (para 3(d)).</summary>
public sealed record CoChairBalance(
    int SeatsTotal,
    int SeatsFilled,
    ImmutableList<GroupSeats> ByGroup,
    ImmutableList<RegionalGroup> GroupsWithoutSeat,
    int MostSeatsHeldByOneGroup,
    int Threshold,
    ImmutableList<RegionalGroup> GroupsNotConsulted)
{
    /// <summary>No group is left without a seat while another holds more than the threshold.</summary>
    public bool Balanced => GroupsWithoutSeat.IsEmpty || MostSeatsHeldByOneGroup <= Threshold;

    public bool Complete => SeatsFilled == SeatsTotal;
}

public sealed record Appointment(RoundTableChairs Chairs, CoChair CoChair, CoChairBalance Balance);

/// <summary>A co-chair who left the seat: the seat as held, when, to whom, and why (para 3(d)).</summary>
public sealed record FormerCoChair(CoChair Held, DateTimeOffset ReplacedAt, string SuccessorParticipantId, string Reason);

public sealed record Replacement(RoundTableChairs Chairs, FormerCoChair Replaced, CoChair CoChair, CoChairBalance Balance);

/// <summary>
/// The chairing of the round tables: the PGA's consultations with the regional groups, the co-chairs
/// it appoints, and the summaries they present at the close. One aggregate, because the seat balance
/// spans every round table and a summary must come from a co-chair of its own round table.
/// <paramref name="Former"/> keeps every co-chair replaced (absent from boards stored before replacements existed).
/// </summary>
public sealed record RoundTableChairs(
    ImmutableList<Consultation> Consultations,
    ImmutableList<CoChair> CoChairs,
    ImmutableList<RoundTableSummary> Summaries,
    ImmutableList<FormerCoChair>? Former = null)
{
    /// <summary>The five regional groups the PGA consults and balances the seats between.</summary>
    public static ImmutableArray<RegionalGroup> RegionalGroups { get; } =
    [
        RegionalGroup.AfricanStates,
        RegionalGroup.AsiaPacificStates,
        RegionalGroup.EasternEuropeanStates,
        RegionalGroup.LatinAmericanAndCaribbeanStates,
        RegionalGroup.WesternEuropeanAndOtherStates,
    ];

    public static RoundTableChairs None { get; } = new([], [], []);

    public ImmutableList<CoChair> Of(int roundTable) => CoChairs.Where(c => c.RoundTable == roundTable).ToImmutableList();

    public RoundTableSummary? SummaryOf(int roundTable) => Summaries.Find(s => s.RoundTable == roundTable);

    /// <summary>Records (or records again, replacing) the consultation with one regional group.</summary>
    public Decision<RoundTableChairs> RecordConsultation(RegionalGroup group, DateOnly heldOn, string note, DateTimeOffset now)
    {
        if (!RegionalGroups.Contains(group))
        {
            return new RuleViolation("NOT_A_REGIONAL_GROUP", Rules.CoChairs, Refusals.Text("NotARegionalGroup", Rules.CoChairs));
        }

        // The date is local to wherever the group met; a day's grace covers the time zones.
        if (heldOn > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)))
        {
            return new RuleViolation("CONSULTATION_IN_THE_FUTURE", Rules.CoChairs, Refusals.Text("ConsultationInTheFuture", Rules.CoChairs));
        }

        var recorded = new Consultation(group, heldOn, note, now);
        return this with { Consultations = Consultations.RemoveAll(c => c.RegionalGroup == group).Add(recorded) };
    }

    /// <summary>Appoints a co-chair under every rule of para 3(d), and decision 040 on observer States.</summary>
    public Decision<Appointment> Appoint(int roundTable, CoChairCandidate candidate, DialogueMandate mandate, DateTimeOffset now)
    {
        if (roundTable < 1 || roundTable > mandate.RoundTables)
        {
            return new RuleViolation("ROUND_TABLE_UNKNOWN", Rules.MeetingCounts, Refusals.Text("RoundTableUnknown", mandate.RoundTables, Rules.MeetingCounts));
        }

        if (candidate.Category != ParticipantCategory.MemberState)
        {
            return new RuleViolation("CO_CHAIR_MUST_REPRESENT_A_MEMBER_STATE", Rules.CoChairs,
                Refusals.Text("CoChairMustRepresentAMemberState", candidate.ParticipantId, Rules.CoChairs));
        }

        if (!RegionalGroups.Contains(candidate.RegionalGroup))
        {
            return new RuleViolation("CO_CHAIR_REGIONAL_GROUP_REQUIRED", Rules.CoChairs,
                Refusals.Text("CoChairRegionalGroupRequired", candidate.ParticipantId, Rules.CoChairs));
        }

        var notConsulted = NotConsulted();
        if (!notConsulted.IsEmpty)
        {
            return new RuleViolation("REGIONAL_GROUPS_NOT_CONSULTED", Rules.CoChairs,
                Refusals.Text("RegionalGroupsNotConsulted", string.Join(", ", notConsulted), Rules.CoChairs));
        }

        var seated = Of(roundTable);
        if (seated.Count >= mandate.CoChairsPerRoundTable)
        {
            return new RuleViolation("ROUND_TABLE_CO_CHAIRS_COMPLETE", Rules.CoChairs,
                Refusals.Text("RoundTableCoChairsComplete", roundTable, mandate.CoChairsPerRoundTable, Rules.CoChairs));
        }

        if (CoChairs.Find(c => string.Equals(c.ParticipantId, candidate.ParticipantId, StringComparison.OrdinalIgnoreCase)) is { } already)
        {
            return new RuleViolation("STATE_ALREADY_CO_CHAIRS", Rules.CoChairs,
                Refusals.Text("StateAlreadyCoChairs", candidate.ParticipantId, already.RoundTable, Rules.CoChairs));
        }

        if (seated.Find(c => c.RegionalGroup == candidate.RegionalGroup) is { } partner)
        {
            return new RuleViolation("CO_CHAIRS_FROM_THE_SAME_REGIONAL_GROUP", Rules.CoChairs,
                Refusals.Text("CoChairsFromTheSameRegionalGroup", roundTable, partner.ParticipantId, candidate.RegionalGroup, Rules.CoChairs));
        }

        var appointed = new CoChair(roundTable, candidate.ParticipantId, candidate.RepresentativeName, candidate.RegionalGroup, candidate.CountryCode, candidate.StateName, now);
        var next = this with { CoChairs = CoChairs.Add(appointed) };
        var balance = next.Balance(mandate);
        if (!balance.Balanced)
        {
            return new RuleViolation("CO_CHAIR_SEATS_UNBALANCED", Rules.CoChairs,
                Refusals.Text("CoChairSeatsUnbalanced", candidate.RegionalGroup, balance.MostSeatsHeldByOneGroup, string.Join(", ", balance.GroupsWithoutSeat), balance.Threshold, Rules.CoChairs));
        }

        return new Appointment(next, appointed, balance);
    }

    /// <summary>Every co-chair replaced, in the order replaced.</summary>
    public ImmutableList<FormerCoChair> FormerCoChairs() => Former ?? [];

    /// <summary>
    /// Replaces a co-chair of <paramref name="roundTable"/> (para 3(d)): the successor is appointed to the
    /// seat under every rule of <see cref="Appoint"/>, as if the seat were empty, so the balance and the
    /// pairing of groups hold afterwards; the same State may send a new representative. The board keeps
    /// who held the seat.
    /// </summary>
    public Decision<Replacement> Replace(int roundTable, string participantId, CoChairCandidate successor, string reason, DialogueMandate mandate, DateTimeOffset now)
    {
        if (Of(roundTable).Find(c => string.Equals(c.ParticipantId, participantId, StringComparison.OrdinalIgnoreCase)) is not { } outgoing)
        {
            return new RuleViolation("NOT_A_CO_CHAIR_OF_THE_ROUND_TABLE", Rules.CoChairs,
                Refusals.Text("NotACoChairOfTheRoundTable", participantId, roundTable, Rules.CoChairs));
        }

        var appointment = (this with { CoChairs = CoChairs.Remove(outgoing) }).Appoint(roundTable, successor, mandate, now);
        if (!appointment.IsAccepted)
        {
            return appointment.Violation!;
        }

        var former = new FormerCoChair(outgoing, now, successor.ParticipantId, reason);
        var chairs = appointment.Value.Chairs with { Former = FormerCoChairs().Add(former) };
        return new Replacement(chairs, former, appointment.Value.CoChair, appointment.Value.Balance);
    }

    /// <summary>The seats in figures: per group, the empty groups, the largest holding, the consultations missing.</summary>
    public CoChairBalance Balance(DialogueMandate mandate)
    {
        var byGroup = RegionalGroups
            .Select(g => new GroupSeats(
                g,
                CoChairs.Count(c => c.RegionalGroup == g),
                CoChairs.Where(c => c.RegionalGroup == g).Select(c => c.RoundTable).Order().ToImmutableList(),
                Consultations.Exists(c => c.RegionalGroup == g)))
            .ToImmutableList();
        return new CoChairBalance(
            mandate.CoChairSeats,
            CoChairs.Count,
            byGroup,
            byGroup.Where(g => g.Seats == 0).Select(g => g.RegionalGroup).ToImmutableList(),
            byGroup.Max(g => g.Seats),
            mandate.MostSeatsWhileAGroupHasNone,
            NotConsulted());
    }

    /// <summary>Records the summary of a round table, presented by one of its own co-chairs once it has been held (para 3(b)(iii)).</summary>
    public Decision<RoundTableChairs> RecordSummary(RoundTable roundTable, string presentedBy, ImmutableDictionary<string, string> text, DateTimeOffset now)
    {
        var presenter = Of(roundTable.Number).Find(c => string.Equals(c.ParticipantId, presentedBy, StringComparison.OrdinalIgnoreCase));
        if (presenter is null)
        {
            return new RuleViolation("SUMMARY_PRESENTER_NOT_A_CO_CHAIR", Rules.ClosingSummaries,
                Refusals.Text("SummaryPresenterNotACoChair", roundTable.Number, presentedBy, Rules.ClosingSummaries));
        }

        if (now < roundTable.EndsAt)
        {
            return new RuleViolation("ROUND_TABLE_NOT_YET_HELD", Rules.ClosingSummaries,
                Refusals.Text("RoundTableNotYetHeld", roundTable.Number, roundTable.EndsAt, Rules.ClosingSummaries));
        }

        var revision = (SummaryOf(roundTable.Number)?.Revision ?? 0) + 1;
        var summary = new RoundTableSummary(roundTable.Number, presenter.ParticipantId, presenter.RepresentativeName, presenter.RegionalGroup, text, now, revision);
        return this with { Summaries = Summaries.RemoveAll(s => s.RoundTable == roundTable.Number).Add(summary) };
    }

    private ImmutableList<RegionalGroup> NotConsulted() =>
        RegionalGroups.Where(g => !Consultations.Exists(c => c.RegionalGroup == g)).ToImmutableList();
}
