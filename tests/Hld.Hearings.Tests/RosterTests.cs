using Hld.Domain;
using Hld.Hearings.Eligibility;
using Hld.Hearings.Participation;
using Xunit;
using static Hld.Hearings.Tests.Given;

namespace Hld.Hearings.Tests;

public sealed class RosterTests
{
    [Fact]
    public void An_organisation_on_a_final_list_is_admitted_with_its_group_and_people_para11()
    {
        var roster = HearingRoster.Admit(null, "hld-2013", "cso-1", [" Ana Ruiz "], FinalLists(), HearingDay, Year2013, At(7, 1)).Value;

        var admitted = Assert.Single(roster.Participants);
        Assert.Equal(HearingGroup.CivilSociety, admitted.Group);
        Assert.Equal(ListKind.OtherStakeholders, admitted.AdmittedFrom);
        Assert.True(admitted.IsRepresentedBy("ana ruiz"));
        Assert.Equal(At(7, 1), admitted.AdmittedAt);
    }

    [Fact]
    public void An_organisation_on_no_final_list_is_refused_para11()
    {
        var eligibility = FinalLists();

        Refused(HearingRoster.Admit(null, "hld-2013", "ngo-registered-only", ["Someone"], eligibility, HearingDay, Year2013, At(7, 1)), "NOT_ON_FINAL_LIST", "11");
    }

    [Fact]
    public void Admission_is_open_before_the_hearing_is_scheduled_and_on_its_day_para11()
    {
        Assert.True(HearingRoster.Admit(null, "hld-2013", "ngo-1", ["A"], FinalLists(), null, Year2013, At(6, 2)).IsAccepted);
        Assert.True(HearingRoster.Admit(null, "hld-2013", "ngo-1", ["A"], FinalLists(), HearingDay, Year2013, OnHearingDay(17)).IsAccepted);
    }

    [Fact]
    public void Admission_after_the_hearing_day_is_refused_para11() =>
        Refused(HearingRoster.Admit(null, "hld-2013", "ngo-1", ["A"], FinalLists(), HearingDay, Year2013, At(7, 16, 9)), "HEARING_OVER", "11");

    [Fact]
    public void An_organisation_is_admitted_once_para11()
    {
        var roster = Roster(("ngo-1", "A"));

        Refused(HearingRoster.Admit(roster, "hld-2013", "NGO-1", ["B"], FinalLists(), HearingDay, Year2013, At(7, 2)), "ALREADY_ADMITTED", "11");
    }
}
