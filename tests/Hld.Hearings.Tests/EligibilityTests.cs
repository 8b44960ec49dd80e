using Hld.Domain;
using Hld.Hearings.Eligibility;
using Hld.Hearings.Participation;
using Xunit;
using static Hld.Hearings.Tests.Given;

namespace Hld.Hearings.Tests;

public sealed class EligibilityTests
{
    [Fact]
    public void Organisations_on_the_final_para9_and_para12_lists_are_eligible_with_their_group_para11()
    {
        var eligibility = FinalLists();

        Assert.Equal(HearingGroup.EcosocNgo, eligibility.Find("ngo-1")!.Group);
        Assert.Equal(ListKind.EcosocNgos, eligibility.Find("ngo-1")!.List);
        Assert.Equal(HearingGroup.CivilSociety, eligibility.Find("CSO-1")!.Group);
        Assert.Equal(HearingGroup.PrivateSector, eligibility.Find("biz-1")!.Group);
        Assert.Equal(ListKind.OtherStakeholders, eligibility.Find("biz-1")!.List);
        Assert.Equal(4, eligibility.CountEligible());
    }

    [Fact]
    public void A_registered_organisation_not_on_a_final_list_is_known_but_not_eligible_para11()
    {
        var eligibility = HearingEligibility.Empty;

        Assert.True(HearingEligibility.Knows(Organization("ngo-registered", ParticipantCategory.EcosocNgo)));
        Assert.False(HearingEligibility.Knows(Organization("FRA", ParticipantCategory.MemberState)));
        Assert.Equal(0, eligibility.CountEligible());
        Assert.Null(eligibility.Find("ngo-registered"));
    }

    [Fact]
    public void A_list_that_is_only_circulated_makes_no_one_eligible_para12()
    {
        var eligibility = HearingEligibility.Empty.StatusChanged("para12", ListKind.OtherStakeholders, ListStatus.Circulated, At(6, 14));

        Assert.Equal(0, eligibility.CountEligible());
        Assert.Equal([new NonObjectionDeadline("para12", At(6, 14))], eligibility.Para12Deadlines());
    }

    [Fact]
    public void An_entry_dropped_on_objection_is_not_eligible_para12()
    {
        var eligibility = HearingEligibility.Empty.Finalised("para12", ListKind.OtherStakeholders,
            [Organization("cso-kept", ParticipantCategory.CivilSocietyOrganization), Organization("cso-dropped", ParticipantCategory.CivilSocietyOrganization)],
            ["cso-dropped"], At(6, 14));

        Assert.NotNull(eligibility.Find("cso-kept"));
        Assert.Null(eligibility.Find("cso-dropped"));
    }

    [Fact]
    public void The_final_para8_list_of_intergovernmental_organisations_makes_no_one_eligible_para11()
    {
        var eligibility = HearingEligibility.Empty.Finalised("para8", ListKind.OtherIgos, [Organization("igo-1", ParticipantCategory.OtherIgo)], [], At(6, 1));

        Assert.Null(eligibility.Find("igo-1"));
        Assert.Equal(0, eligibility.CountEligible());
    }

    [Fact]
    public void A_replayed_or_late_status_never_moves_a_list_backwards_para12()
    {
        var final = HearingEligibility.Empty
            .StatusChanged("para12", ListKind.OtherStakeholders, ListStatus.Circulated, At(6, 14))
            .Finalised("para12", ListKind.OtherStakeholders, [Organization("cso-1", ParticipantCategory.CivilSocietyOrganization)], [], At(6, 14));

        var replayed = final
            .StatusChanged("para12", ListKind.OtherStakeholders, ListStatus.Circulated, At(6, 14))
            .StatusChanged("para12", ListKind.OtherStakeholders, ListStatus.Draft, null)
            .Finalised("para12", ListKind.OtherStakeholders, [Organization("cso-1", ParticipantCategory.CivilSocietyOrganization)], [], At(6, 14));

        Assert.Equal(ListStatus.Final, replayed.Lists["para12"].Status);
        Assert.NotNull(replayed.Find("cso-1"));
        Assert.Equal(final.Para12Deadlines(), replayed.Para12Deadlines());
    }

    [Fact]
    public void A_circulation_delivered_after_the_finalisation_changes_nothing_para12()
    {
        var eligibility = HearingEligibility.Empty
            .Finalised("p12", ListKind.OtherStakeholders, [Organization("cso-1", ParticipantCategory.CivilSocietyOrganization)], [], At(6, 15, 0))
            .StatusChanged("p12", ListKind.OtherStakeholders, ListStatus.Circulated, At(6, 14));

        Assert.Equal(ListStatus.Final, eligibility.Lists["p12"].Status);
        Assert.Equal([new NonObjectionDeadline("p12", At(6, 15, 0))], eligibility.Para12Deadlines());
    }

    [Fact]
    public void A_finalised_para12_list_keeps_its_deadline_for_the_one_month_rule_para12()
    {
        var eligibility = HearingEligibility.Empty.Finalised("p12", ListKind.OtherStakeholders, [], [], At(6, 20));

        Assert.Equal([new NonObjectionDeadline("p12", At(6, 20))], eligibility.Para12Deadlines());
    }

    [Fact]
    public void An_organisation_on_both_final_lists_counts_once_para11()
    {
        var eligibility = HearingEligibility.Empty
            .Finalised("para9", ListKind.EcosocNgos, [Organization("ngo-1", ParticipantCategory.EcosocNgo)], [], At(6, 1))
            .Finalised("para12", ListKind.OtherStakeholders, [Organization("NGO-1", ParticipantCategory.EcosocNgo)], [], At(6, 10));

        Assert.Equal(1, eligibility.CountEligible());
        Assert.Equal(ListKind.EcosocNgos, eligibility.Find("ngo-1")!.List);
    }
}
