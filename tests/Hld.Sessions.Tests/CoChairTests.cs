using Hld.Domain;
using Hld.Sessions.CoChairs;
using Hld.Testing;
using Xunit;
using static Hld.Sessions.Tests.Resolution;

namespace Hld.Sessions.Tests;

public sealed class CoChairTests
{
    private static readonly DateTimeOffset Now = new(2013, 8, 1, 12, 0, 0, TimeSpan.Zero);

    private static CoChairCandidate Candidate(string id, RegionalGroup group, ParticipantCategory category = ParticipantCategory.MemberState) =>
        new(id, category, group, id, Texts(id, id), $"Representative of {id}");

    private static RoundTableChairs Consulted()
    {
        var chairs = RoundTableChairs.None;
        foreach (var group in RoundTableChairs.RegionalGroups)
        {
            chairs = chairs.RecordConsultation(group, new DateOnly(2013, 7, 1), $"Consulted {group}", Now).Value;
        }

        return chairs;
    }

    private static RoundTableChairs Appoint(RoundTableChairs chairs, params (int Table, string Id, RegionalGroup Group)[] seats)
    {
        foreach (var (table, id, group) in seats)
        {
            var decision = chairs.Appoint(table, Candidate(id, group), Mandate, Now);
            Assert.True(decision.IsAccepted, decision.Violation?.Message);
            chairs = decision.Value.Chairs;
        }

        return chairs;
    }

    [Fact]
    public void Appointing_before_every_regional_group_is_consulted_is_refused_para3d()
    {
        var fourGroups = RoundTableChairs.RegionalGroups.Take(4)
            .Aggregate(RoundTableChairs.None, (c, g) => c.RecordConsultation(g, new DateOnly(2013, 7, 1), "", Now).Value);

        var violation = fourGroups.Appoint(1, Candidate("FRA", RegionalGroup.WesternEuropeanAndOtherStates), Mandate, Now).Violation!;

        Assert.Equal(("REGIONAL_GROUPS_NOT_CONSULTED", "3(d)"), (violation.Reason, violation.Paragraph));
        Assert.Contains(nameof(RegionalGroup.WesternEuropeanAndOtherStates), violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_consultation_not_yet_held_is_refused_para3d()
    {
        var violation = RoundTableChairs.None.RecordConsultation(RegionalGroup.AfricanStates, new DateOnly(2013, 9, 1), "", Now).Violation!;

        Assert.Equal(("CONSULTATION_IN_THE_FUTURE", "3(d)"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void Recording_a_group_again_replaces_its_consultation_para3d()
    {
        var chairs = Consulted().RecordConsultation(RegionalGroup.AfricanStates, new DateOnly(2013, 7, 20), "Second meeting", Now).Value;

        var african = Assert.Single(chairs.Consultations, c => c.RegionalGroup == RegionalGroup.AfricanStates);
        Assert.Equal("Second meeting", african.Note);
        Assert.Equal(5, chairs.Consultations.Count);
    }

    [Fact]
    public void Each_round_table_takes_exactly_two_co_chairs_para3d()
    {
        var chairs = Appoint(Consulted(), (1, "NGA", RegionalGroup.AfricanStates), (1, "SWE", RegionalGroup.WesternEuropeanAndOtherStates));

        var violation = chairs.Appoint(1, Candidate("MEX", RegionalGroup.LatinAmericanAndCaribbeanStates), Mandate, Now).Violation!;

        Assert.Equal(("ROUND_TABLE_CO_CHAIRS_COMPLETE", "3(d)"), (violation.Reason, violation.Paragraph));
        Assert.Equal(2, chairs.Of(1).Count);
    }

    [Fact]
    public void The_two_co_chairs_of_a_round_table_from_one_regional_group_are_refused_para3d()
    {
        var chairs = Appoint(Consulted(), (2, "NGA", RegionalGroup.AfricanStates));

        var violation = chairs.Appoint(2, Candidate("KEN", RegionalGroup.AfricanStates), Mandate, Now).Violation!;

        Assert.Equal(("CO_CHAIRS_FROM_THE_SAME_REGIONAL_GROUP", "3(d)"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void An_observer_State_does_not_co_chair_para3d_decision040()
    {
        var violation = Consulted().Appoint(1, Candidate("PSE", RegionalGroup.AsiaPacificStates, ParticipantCategory.ObserverState), Mandate, Now).Violation!;

        Assert.Equal(("CO_CHAIR_MUST_REPRESENT_A_MEMBER_STATE", "3(d)"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void A_State_outside_every_regional_group_does_not_co_chair_para3d()
    {
        var violation = Consulted().Appoint(1, Candidate("KIR", RegionalGroup.None), Mandate, Now).Violation!;

        Assert.Equal(("CO_CHAIR_REGIONAL_GROUP_REQUIRED", "3(d)"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void A_State_holds_one_co_chair_seat_para3d()
    {
        var chairs = Appoint(Consulted(), (1, "NGA", RegionalGroup.AfricanStates));

        var violation = chairs.Appoint(3, Candidate("nga", RegionalGroup.AfricanStates), Mandate, Now).Violation!;

        Assert.Equal(("STATE_ALREADY_CO_CHAIRS", "3(d)"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void A_third_seat_for_a_group_while_another_has_none_is_refused_para3d()
    {
        var chairs = Appoint(Consulted(),
            (1, "NGA", RegionalGroup.AfricanStates), (1, "SWE", RegionalGroup.WesternEuropeanAndOtherStates),
            (2, "KEN", RegionalGroup.AfricanStates), (2, "MEX", RegionalGroup.LatinAmericanAndCaribbeanStates));

        var violation = chairs.Appoint(3, Candidate("GHA", RegionalGroup.AfricanStates), Mandate, Now).Violation!;

        Assert.Equal(("CO_CHAIR_SEATS_UNBALANCED", "3(d)"), (violation.Reason, violation.Paragraph));
        Assert.Contains(nameof(RegionalGroup.AsiaPacificStates), violation.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(RegionalGroup.EasternEuropeanStates), violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_third_seat_is_allowed_once_every_group_holds_one_para3d()
    {
        var chairs = Appoint(Consulted(),
            (1, "NGA", RegionalGroup.AfricanStates), (1, "SWE", RegionalGroup.WesternEuropeanAndOtherStates),
            (2, "KEN", RegionalGroup.AfricanStates), (2, "MEX", RegionalGroup.LatinAmericanAndCaribbeanStates),
            (3, "PHL", RegionalGroup.AsiaPacificStates), (3, "POL", RegionalGroup.EasternEuropeanStates));

        var decision = chairs.Appoint(4, Candidate("GHA", RegionalGroup.AfricanStates), Mandate, Now);

        Assert.True(decision.IsAccepted, decision.Violation?.Message);
        Assert.Equal(3, decision.Value.Balance.MostSeatsHeldByOneGroup);
        Assert.True(decision.Value.Balance.Balanced);
    }

    [Fact]
    public void The_balance_reports_the_seats_in_figures_para3d()
    {
        var chairs = Appoint(Consulted(),
            (1, "NGA", RegionalGroup.AfricanStates), (1, "SWE", RegionalGroup.WesternEuropeanAndOtherStates),
            (4, "KEN", RegionalGroup.AfricanStates));

        var balance = chairs.Balance(Mandate);

        Assert.Equal(8, balance.SeatsTotal);
        Assert.Equal(3, balance.SeatsFilled);
        Assert.False(balance.Complete);
        Assert.Equal(2, balance.MostSeatsHeldByOneGroup);
        var african = Assert.Single(balance.ByGroup, g => g.RegionalGroup == RegionalGroup.AfricanStates);
        Assert.Equal((2, true), (african.Seats, african.Consulted));
        Assert.Equal([1, 4], african.RoundTables);
        Assert.Equal(
            [RegionalGroup.AsiaPacificStates, RegionalGroup.EasternEuropeanStates, RegionalGroup.LatinAmericanAndCaribbeanStates],
            balance.GroupsWithoutSeat);
        Assert.Empty(balance.GroupsNotConsulted);
    }

    [Fact]
    public void A_summary_is_presented_by_a_co_chair_of_its_own_round_table_para3biii()
    {
        var chairs = Appoint(Consulted(), (1, "NGA", RegionalGroup.AfricanStates), (2, "SWE", RegionalGroup.WesternEuropeanAndOtherStates));
        var table = DefaultProgramme.RoundTableNumbered(1)!;
        var after = table.EndsAt.AddMinutes(1);

        var foreign = chairs.RecordSummary(table, "SWE", Texts("Summary", "摘要"), after).Violation!;
        var own = chairs.RecordSummary(table, "nga", Texts("Summary", "摘要"), after);

        Assert.Equal(("SUMMARY_PRESENTER_NOT_A_CO_CHAIR", "3(b)(iii)"), (foreign.Reason, foreign.Paragraph));
        Assert.True(own.IsAccepted);
        var summary = own.Value.SummaryOf(1)!;
        Assert.Equal(("NGA", "Representative of NGA", RegionalGroup.AfricanStates, 1), (summary.PresentedBy, summary.PresenterName, summary.PresenterRegionalGroup, summary.Revision));
    }

    [Fact]
    public void A_summary_before_the_round_table_has_been_held_is_refused_para3biii()
    {
        var chairs = Appoint(Consulted(), (1, "NGA", RegionalGroup.AfricanStates));
        var table = DefaultProgramme.RoundTableNumbered(1)!;

        var violation = chairs.RecordSummary(table, "NGA", Texts("Summary", "摘要"), table.EndsAt.AddMinutes(-1)).Violation!;

        Assert.Equal(("ROUND_TABLE_NOT_YET_HELD", "3(b)(iii)"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void Each_round_table_has_one_summary_slot_and_recording_again_replaces_it_para3biii()
    {
        var chairs = Appoint(Consulted(), (1, "NGA", RegionalGroup.AfricanStates), (1, "SWE", RegionalGroup.WesternEuropeanAndOtherStates));
        var table = DefaultProgramme.RoundTableNumbered(1)!;

        var first = chairs.RecordSummary(table, "NGA", Texts("First", "初稿"), table.EndsAt).Value;
        var second = first.RecordSummary(table, "SWE", Texts("Second", "二稿"), table.EndsAt.AddMinutes(5)).Value;

        var slot = Assert.Single(second.Summaries);
        Assert.Equal(("SWE", 2, "Second"), (slot.PresentedBy, slot.Revision, slot.Text["en"]));
    }

    [Fact]
    public void A_co_chair_is_replaced_under_the_rules_of_an_appointment_and_the_seat_s_history_kept_para3d()
    {
        var chairs = Appoint(Consulted(), (1, "NGA", RegionalGroup.AfricanStates), (1, "SWE", RegionalGroup.WesternEuropeanAndOtherStates), (2, "MEX", RegionalGroup.LatinAmericanAndCaribbeanStates));
        var later = Now.AddDays(10);

        var notSeated = chairs.Replace(1, "MEX", Candidate("PHL", RegionalGroup.AsiaPacificStates), "ill", Mandate, later).Violation!;
        var samePair = chairs.Replace(1, "NGA", Candidate("NOR", RegionalGroup.WesternEuropeanAndOtherStates), "posted away", Mandate, later).Violation!;
        var observer = chairs.Replace(1, "NGA", Candidate("PSE", RegionalGroup.AsiaPacificStates, ParticipantCategory.ObserverState), "posted away", Mandate, later).Violation!;
        var elsewhere = chairs.Replace(1, "NGA", Candidate("MEX", RegionalGroup.LatinAmericanAndCaribbeanStates), "posted away", Mandate, later).Violation!;
        var replaced = chairs.Replace(1, "NGA", Candidate("PHL", RegionalGroup.AsiaPacificStates), "posted away", Mandate, later).Value;
        var sameState = chairs.Replace(1, "SWE", Candidate("SWE", RegionalGroup.WesternEuropeanAndOtherStates) with { RepresentativeName = "The new ambassador" }, "new ambassador", Mandate, later).Value;

        Assert.Equal(("NOT_A_CO_CHAIR_OF_THE_ROUND_TABLE", "3(d)"), (notSeated.Reason, notSeated.Paragraph));
        Assert.Equal("CO_CHAIRS_FROM_THE_SAME_REGIONAL_GROUP", samePair.Reason);
        Assert.Equal("CO_CHAIR_MUST_REPRESENT_A_MEMBER_STATE", observer.Reason);
        Assert.Equal("STATE_ALREADY_CO_CHAIRS", elsewhere.Reason);
        Assert.Equal(["PHL", "SWE"], replaced.Chairs.Of(1).Select(c => c.ParticipantId).Order());
        Assert.Equal(3, replaced.Balance.SeatsFilled);
        Assert.Equal(("NGA", "PHL", "posted away", later), (replaced.Replaced.Held.ParticipantId, replaced.Replaced.SuccessorParticipantId, replaced.Replaced.Reason, replaced.Replaced.ReplacedAt));
        Assert.Equal([replaced.Replaced], replaced.Chairs.FormerCoChairs());
        Assert.Equal("The new ambassador", sameState.Chairs.Of(1).Single(c => c.ParticipantId == "SWE").RepresentativeName);
        Assert.Empty(chairs.FormerCoChairs());
    }

    [Fact]
    public void A_replacement_that_would_unbalance_the_seats_is_refused_para3d()
    {
        // Africa holds two seats and Asia-Pacific none: a third African seat in place of the Asia-Pacific one breaks the balance.
        var chairs = Appoint(Consulted(),
            (1, "NGA", RegionalGroup.AfricanStates), (1, "SWE", RegionalGroup.WesternEuropeanAndOtherStates),
            (2, "KEN", RegionalGroup.AfricanStates), (2, "MEX", RegionalGroup.LatinAmericanAndCaribbeanStates),
            (3, "POL", RegionalGroup.EasternEuropeanStates), (3, "PHL", RegionalGroup.AsiaPacificStates));

        var violation = chairs.Replace(3, "PHL", Candidate("GHA", RegionalGroup.AfricanStates), "withdrew", Mandate, Now).Violation!;

        Assert.Equal(("CO_CHAIR_SEATS_UNBALANCED", "3(d)"), (violation.Reason, violation.Paragraph));
    }
}
