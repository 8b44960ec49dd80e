using Hld.Domain;
using Hld.Sessions.RoundTables;
using Hld.Testing;
using Xunit;
using static Hld.Sessions.Tests.Resolution;

namespace Hld.Sessions.Tests;

public sealed class RoundTableParticipationTests
{
    private static readonly DateTimeOffset Now = new(2013, 9, 15, 12, 0, 0, TimeSpan.Zero);

    private static SeatCandidate Member(string id, RegionalGroup group = RegionalGroup.AfricanStates) =>
        new(id, ParticipantCategory.MemberState, group, Texts(id, id), null);

    private static SeatCandidate Organisation(string id, ParticipantCategory category, RegionalGroup group, string? list) =>
        new(id, category, group, Texts(id, id), list);

    private static RoundTableParticipation Seat(RoundTableParticipation seats, int table, SeatCandidate candidate, Programmes.Programme? programme = null)
    {
        programme ??= DefaultProgramme;
        var decision = seats.Assign(programme.RoundTableNumbered(table)!, candidate, programme, Now, otherIgosListed: true);
        Assert.True(decision.IsAccepted, decision.Violation?.Message);
        return decision.Value;
    }

    [Fact]
    public void A_Member_State_takes_part_in_one_round_table_para3b()
    {
        var seats = Seat(RoundTableParticipation.None, 1, Member("FRA"));

        var violation = seats.Assign(DefaultProgramme.RoundTableNumbered(2)!, Member("FRA"), DefaultProgramme, Now, otherIgosListed: true).Violation!;

        Assert.Equal(("MEMBER_STATE_ROUND_TABLE_LIMIT", "3(b)"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void The_number_of_round_tables_per_Member_State_is_configuration_para3b()
    {
        var two = DefaultProgramme with { MaxRoundTablesPerMemberState = 2 };
        var seats = Seat(Seat(RoundTableParticipation.None, 1, Member("FRA"), two), 2, Member("FRA"), two);

        Assert.Equal(2, seats.Seats.Count);
        Assert.Equal("MEMBER_STATE_ROUND_TABLE_LIMIT", seats.Assign(two.RoundTableNumbered(3)!, Member("FRA"), two, Now, otherIgosListed: true).Violation!.Reason);
    }

    [Fact]
    public void A_participant_sits_once_at_a_round_table_para3b()
    {
        var seats = Seat(RoundTableParticipation.None, 1, Organisation("VAT", ParticipantCategory.ObserverState, RegionalGroup.None, null));

        Assert.Equal("ALREADY_AT_THE_ROUND_TABLE", seats.Assign(DefaultProgramme.RoundTableNumbered(1)!, Organisation("VAT", ParticipantCategory.ObserverState, RegionalGroup.None, null), DefaultProgramme, Now, otherIgosListed: true).Violation!.Reason);
        Assert.Equal(2, Seat(seats, 2, Organisation("VAT", ParticipantCategory.ObserverState, RegionalGroup.None, null)).Seats.Count);
    }

    [Fact]
    public void A_full_round_table_takes_no_one_else_para3b()
    {
        var seats = new[] { "A1", "B2", "C3" }.Aggregate(RoundTableParticipation.None, (s, id) => Seat(s, 3, Member(id)));

        var violation = seats.Assign(DefaultProgramme.RoundTableNumbered(3)!, Member("D4"), DefaultProgramme, Now, otherIgosListed: true).Violation!;

        Assert.Equal(("ROUND_TABLE_FULL", "3(b)"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void An_organisation_on_no_final_list_is_refused_para13()
    {
        var violation = RoundTableParticipation.None.Assign(DefaultProgramme.RoundTableNumbered(1)!, Organisation("ngo-x", ParticipantCategory.EcosocNgo, RegionalGroup.AfricanStates, null), DefaultProgramme, Now, otherIgosListed: true).Violation!;

        Assert.Equal(("NOT_ON_A_FINAL_LIST", "13"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void The_spread_reports_stakeholders_by_regional_group_and_category_para13()
    {
        var seats = Seat(RoundTableParticipation.None, 4, Organisation("ngo-a", ParticipantCategory.EcosocNgo, RegionalGroup.AfricanStates, "para9"));
        seats = Seat(seats, 4, Organisation("uni-b", ParticipantCategory.AcademicInstitution, RegionalGroup.AfricanStates, "para12"));
        seats = Seat(seats, 4, Member("CHL", RegionalGroup.LatinAmericanAndCaribbeanStates));

        var spread = seats.Spread(DefaultProgramme.RoundTableNumbered(4)!);

        Assert.Equal((3, 3, 1, 0, 2), (spread.Capacity, spread.SeatsTaken, spread.MemberStates, spread.Observers, spread.Stakeholders));
        Assert.Equal(2, Assert.Single(spread.StakeholdersByRegionalGroup, g => g.RegionalGroup == RegionalGroup.AfricanStates).Count);
        Assert.Equal(0, Assert.Single(spread.StakeholdersByRegionalGroup, g => g.RegionalGroup == RegionalGroup.AsiaPacificStates).Count);
        Assert.Equal(1, Assert.Single(spread.MemberStatesByRegionalGroup, g => g.RegionalGroup == RegionalGroup.LatinAmericanAndCaribbeanStates).Count);
        Assert.Equal([ParticipantCategory.EcosocNgo, ParticipantCategory.AcademicInstitution], spread.StakeholdersByCategory.Select(c => c.Category));
        Assert.Equal("para12", seats.At(4).Single(s => s.ParticipantId == "uni-b").ListId);
    }
}

public sealed class IntergovernmentalOrganisationTests
{
    private static readonly DateTimeOffset Now = new(2013, 9, 15, 12, 0, 0, TimeSpan.Zero);

    private static SeatCandidate Igo(string? para8List) =>
        new("IOM", ParticipantCategory.OtherIgo, RegionalGroup.None, Texts("International Organization for Migration", "国际移民组织"), para8List);

    [Fact]
    public void An_organisation_no_decided_list_names_takes_no_round_table_seat_para8()
    {
        var violation = RoundTableParticipation.None.Assign(DefaultProgramme.RoundTableNumbered(1)!, Igo(null), DefaultProgramme, Now, otherIgosListed: true).Violation!;

        Assert.Equal(("NOT_ACCEPTED_BY_MEMBER_STATES", "8"), (violation.Reason, violation.Paragraph));
        Assert.True(RoundTableParticipation.None.Assign(DefaultProgramme.RoundTableNumbered(1)!, Igo("para8"), DefaultProgramme, Now, otherIgosListed: true).IsAccepted);
    }

    [Fact]
    public void An_organisation_no_decided_list_names_is_not_inscribed_para8()
    {
        var refused = new Speakers.Delegation("IOM", ParticipantCategory.OtherIgo, RegionalGroup.None, Texts("IOM", "国际移民组织"));
        var accepted = refused with { AcceptedOnList = "para8" };

        var violation = Speakers.PlenarySpeakersList.Open(1).Inscribe(refused, Now, otherIgosListed: true).Violation!;

        Assert.Equal(("NOT_ACCEPTED_BY_MEMBER_STATES", "8"), (violation.Reason, violation.Paragraph));
        Assert.True(Speakers.PlenarySpeakersList.Open(1).Inscribe(accepted, Now, otherIgosListed: true).IsAccepted);
    }

    [Fact]
    public void The_para8_list_of_an_organisation_is_a_final_list_of_that_kind_that_names_it()
    {
        var entry = new Participants.FinalListEntry("IOM", ParticipantCategory.OtherIgo, Texts("IOM", "国际移民组织"), "", RegionalGroup.None);
        var para8 = new Participants.FinalList("igos", Participants.StakeholderListKind.OtherIgos, Now, [entry]);
        var para12 = new Participants.FinalList("others", Participants.StakeholderListKind.OtherStakeholders, Now, [entry]);

        Assert.Null(Participants.FinalLists.Empty.Apply(para12)!.Para8ListOf("IOM"));
        Assert.Equal("igos", Participants.FinalLists.Empty.Apply(para8)!.Para8ListOf("iom"));
        Assert.Null(Participants.FinalLists.Para8("IAEA", ParticipantCategory.IgoStandingInvitation, null, Refusals.Text("ToTakeARoundTableSeat"), otherIgosListed: true));
    }

    [Fact]
    public void Where_the_meeting_seats_other_igos_with_a_delegation_no_list_is_asked_of_them()
    {
        var oecd = Participants.FinalLists.Para8("igo-oecd", ParticipantCategory.OtherIgo, null, Refusals.Text("ToTakeARoundTableSeat"), otherIgosListed: false);
        var in2013 = Participants.FinalLists.Para8("igo-oecd", ParticipantCategory.OtherIgo, null, Refusals.Text("ToTakeARoundTableSeat"), otherIgosListed: true);

        Assert.Null(oecd);
        Assert.Equal("NOT_ACCEPTED_BY_MEMBER_STATES", in2013!.Reason);
    }
}
