using System.Collections.Immutable;
using Hld.Domain;
using Hld.Reporting.Projections;
using Xunit;

namespace Hld.Reporting.Tests;

/// <summary>The aggregates of issue 6, built from recorded event sequences, duplicates and disorder included.</summary>
public sealed class AggregateProjectionTests
{
    private static readonly DateTimeOffset T0 = new(2013, 10, 3, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Co_chairs_and_participants_compose_each_round_table_para3d_para13()
    {
        var p = ReportingProjection.Empty
            .Apply(new CoChairFact("c1", "sessions.co-chair-appointed", "sessions/rt/1", T0, 1, "KEN", RegionalGroup.AfricanStates))
            .Apply(new CoChairFact("c2", "sessions.co-chair-appointed", "sessions/rt/1", T0, 1, "SWE", RegionalGroup.WesternEuropeanAndOtherStates))
            .Apply(new RoundTableParticipantFact("p1", "sessions.round-table-participant-assigned", "sessions/rt/1", T0, 1, "ngo-a", ParticipantCategory.EcosocNgo, RegionalGroup.AsiaPacificStates))
            .Apply(new RoundTableParticipantFact("p1-again", "sessions.round-table-participant-assigned", "sessions/rt/1", T0, 1, "ngo-a", ParticipantCategory.EcosocNgo, RegionalGroup.AsiaPacificStates))
            .Apply(new RoundTableSummaryFact("s1", "sessions.round-table-summary-recorded", "sessions/rt/1", T0.AddDays(1), 1));

        var table = p.RoundTables[1];
        Assert.Equal(2, table.CoChairs.Count);
        Assert.Equal(RegionalGroup.AfricanStates, table.CoChairs["KEN"]);
        Assert.Single(table.Participants);
        Assert.True(table.SummaryRecorded);
    }

    [Fact]
    public void A_replaced_co_chair_leaves_the_round_table_and_the_successor_takes_the_seat_para3d()
    {
        var p = ReportingProjection.Empty
            .Apply(new CoChairFact("c1", "sessions.co-chair-appointed", "sessions/rt/1", T0, 1, "KEN", RegionalGroup.AfricanStates))
            .Apply(new CoChairFact("c2", "sessions.co-chair-appointed", "sessions/rt/1", T0, 1, "SWE", RegionalGroup.WesternEuropeanAndOtherStates))
            .Apply(new CoChairFact("c3", "sessions.co-chair-replaced", "sessions/rt/1", T0.AddDays(1), 1, "IDN", RegionalGroup.AsiaPacificStates, Replaces: "KEN"));

        var table = p.RoundTables[1];
        Assert.Equal(["IDN", "SWE"], table.CoChairs.Keys.Order());
        Assert.Equal(RegionalGroup.AsiaPacificStates, table.CoChairs["IDN"]);
    }

    [Fact]
    public void The_newest_speakers_list_figures_win_even_when_an_older_change_arrives_late_para5()
    {
        var newer = new SpeakersFiguresFact("f2", "sessions.speakers-list-figures-changed", "sessions/plenary/1", T0.AddMinutes(5), 1, 40, 30,
            [new SpeakersBlockFigures("MemberState", 38, 30), new SpeakersBlockFigures("HearingRepresentative", 2, 0)]);
        var older = new SpeakersFiguresFact("f1", "sessions.speakers-list-figures-changed", "sessions/plenary/1", T0, 1, 10, 10, []);

        var p = ReportingProjection.Empty.Apply(newer).Apply(older);

        Assert.Equal(40, p.SpeakersLists[1].Inscribed);
        Assert.Equal(30, p.SpeakersLists[1].Fitting);
        Assert.Equal(2, p.SpeakersLists[1].Blocks.Count);
    }

    [Fact]
    public void A_final_list_reports_its_spread_and_a_late_circulated_status_does_not_reopen_it_para12()
    {
        var spread = ImmutableDictionary<RegionalGroup, long>.Empty.Add(RegionalGroup.AfricanStates, 3).Add(RegionalGroup.AsiaPacificStates, 2);
        var p = ReportingProjection.Empty
            .Apply(new ListFinalisedFact("f", "registry.list-finalised", "registry/list/p12", T0, "p12", "OtherStakeholders", spread, 1))
            .Apply(new ListStatusFact("c", "registry.list-status-changed", "registry/list/p12", T0.AddDays(-30), "p12", "OtherStakeholders", "Circulated"));

        Assert.Equal("Final", p.ListStatuses["OtherStakeholders|p12"]);
        Assert.Equal(3, p.ListSpreads["OtherStakeholders|p12"].Spread[RegionalGroup.AfricanStates]);
        Assert.Equal(1, p.ListSpreads["OtherStakeholders|p12"].Dropped);
        Assert.Equal(1, p.Counters(T0)["list:OtherStakeholders:Final"]);
    }

    [Fact]
    public void The_hearing_counts_admissions_once_and_keeps_one_selection_per_group_para11_para13()
    {
        var p = ReportingProjection.Empty
            .Apply(new HearingScheduledFact("h", "hearings.hearing-scheduled", "hearings/hearing", T0, new DateOnly(2013, 7, 15)))
            .Apply(new HearingAdmittedFact("a1", "hearings.participant-admitted", "hearings/hearing", T0, "ngo-a", RegionalGroup.AfricanStates))
            .Apply(new HearingAdmittedFact("a1-dup", "hearings.participant-admitted", "hearings/hearing", T0, "ngo-a", RegionalGroup.AfricanStates))
            .Apply(new HearingAdmittedFact("a2", "hearings.participant-admitted", "hearings/hearing", T0, "biz-b", RegionalGroup.WesternEuropeanAndOtherStates))
            .Apply(new HearingSelectionFact("s", "hearings.representative-selected", "hearings/hearing", T0, "EcosocNgo", "ngo-a"))
            .Apply(new HearingSummaryFact("p", "hearings.summary-published", "hearings/hearing", T0));

        Assert.Equal(new DateOnly(2013, 7, 15), p.Hearing.Date);
        Assert.Equal(2, p.Hearing.Admitted.Count);
        Assert.Equal("ngo-a", p.Hearing.Selections["EcosocNgo"]);
        Assert.True(p.Hearing.SummaryPublished);
    }

    [Fact]
    public void Applying_the_same_recorded_sequence_twice_gives_equal_projections()
    {
        Fact[] sequence =
        [
            new ParticipantRegisteredFact("r1", "registry.participant-registered", "k", T0, "KEN", ParticipantCategory.MemberState, RegionalGroup.AfricanStates, "KEN"),
            new CoChairFact("c1", "sessions.co-chair-appointed", "k", T0, 2, "KEN", RegionalGroup.AfricanStates),
            new DelegationLevelFact("l1", "registry.delegation-level-changed", "k", T0, "KEN", ParticipantCategory.MemberState, RegionalGroup.AfricanStates, LevelOfRepresentation.Minister, 1),
        ];

        var once = sequence.Aggregate(ReportingProjection.Empty, (p, f) => p.Apply(f));
        var again = sequence.Aggregate(ReportingProjection.Empty, (p, f) => p.Apply(f));

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(once), System.Text.Json.JsonSerializer.Serialize(again));
        Assert.Equal(3, once.FactsApplied);
    }
}
