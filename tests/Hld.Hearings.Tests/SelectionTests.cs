using Hld.Domain;
using Hld.Hearings.Hearings;
using Hld.Hearings.Participation;
using Xunit;
using static Hld.Hearings.Tests.Given;

namespace Hld.Hearings.Tests;

public sealed class SelectionTests
{
    private static readonly HearingRoster Participants = Roster(("ngo-1", "Amina"), ("cso-1", "Ana"), ("biz-1", "Kenji"));

    private static Hearing Consulted(params HearingGroup[] groups) => SpeakerSelection.RecordConsultation(
        Hearing(),
        new ConsultationRecord(groups, [RegionalGroup.AfricanStates, RegionalGroup.WesternEuropeanAndOtherStates], ["fra", "KEN"], "Consulted the regional groups' chairs."),
        Year2013,
        OnHearingDay(9)).Value;

    private static Decision<Hearing> Select(Hearing hearing, HearingGroup group, string id, string person, DateTimeOffset? now = null) =>
        SpeakerSelection.Select(hearing, group, id, Participants.Find(id), person, Year2013, now ?? OnHearingDay(16));

    [Fact]
    public void A_consultation_with_Member_States_is_recorded_para13()
    {
        var consultation = Assert.Single(Consulted(HearingGroup.EcosocNgo, HearingGroup.EcosocNgo).Consultations);

        Assert.Equal("c1", consultation.ConsultationId);
        Assert.Equal([HearingGroup.EcosocNgo], consultation.Groups);
        Assert.Equal(["FRA", "KEN"], consultation.MemberStates);
        Assert.Equal(OnHearingDay(9), consultation.HeldAt);
    }

    [Fact]
    public void Consultations_on_selection_end_with_the_hearing_para13() =>
        Refused(SpeakerSelection.RecordConsultation(Hearing(), new ConsultationRecord([HearingGroup.EcosocNgo], [], ["FRA"], "late"), Year2013, At(7, 16)), "HEARING_OVER", "13");

    [Fact]
    public void One_representative_of_each_group_is_selected_on_the_hearing_day_para13()
    {
        var hearing = Consulted(HearingGroup.EcosocNgo, HearingGroup.CivilSociety, HearingGroup.PrivateSector);

        hearing = Select(hearing, HearingGroup.EcosocNgo, "ngo-1", "Amina").Value;
        hearing = Select(hearing, HearingGroup.CivilSociety, "cso-1", "Ana").Value;
        hearing = Select(hearing, HearingGroup.PrivateSector, "biz-1", "Kenji").Value;

        Assert.Equal([HearingGroup.EcosocNgo, HearingGroup.CivilSociety, HearingGroup.PrivateSector], hearing.Selections.Select(s => s.Group));
        var business = hearing.SelectionFor(HearingGroup.PrivateSector)!;
        Assert.Equal(("biz-1", "Kenji", RegionalGroup.AsiaPacificStates, "c1"), (business.ParticipantId, business.RepresentativeName, business.RegionalGroup, business.ConsultationId));
        Assert.Equal("Organisation biz-1", business.OrganizationName["en"]);
    }

    [Fact]
    public void A_second_selection_for_a_group_is_refused_para13()
    {
        var roster = Roster(("cso-1", "Ana"), ("cso-2", "Bea"));
        var hearing = Select(Consulted(HearingGroup.CivilSociety), HearingGroup.CivilSociety, "cso-1", "Ana").Value;

        Refused(SpeakerSelection.Select(hearing, HearingGroup.CivilSociety, "cso-2", roster.Find("cso-2"), "Bea", Year2013, OnHearingDay(17)), "GROUP_ALREADY_SELECTED", "13");
    }

    [Fact]
    public void Selection_outside_the_hearing_day_is_refused_para13()
    {
        var hearing = Consulted(HearingGroup.EcosocNgo);

        Refused(Select(hearing, HearingGroup.EcosocNgo, "ngo-1", "Amina", At(7, 14, 16)), "NOT_HEARING_DAY", "13");
        Refused(Select(hearing, HearingGroup.EcosocNgo, "ngo-1", "Amina", At(7, 16, 9)), "NOT_HEARING_DAY", "13");
    }

    [Fact]
    public void Selection_before_the_hearing_is_scheduled_is_refused_para11() =>
        Refused(SpeakerSelection.Select(null, HearingGroup.EcosocNgo, "ngo-1", Participants.Find("ngo-1"), "Amina", Year2013, OnHearingDay()), "HEARING_NOT_SCHEDULED", "11");

    [Fact]
    public void A_selected_representative_must_have_taken_part_in_the_hearing_para13()
    {
        var hearing = Consulted(HearingGroup.EcosocNgo);

        Refused(Select(hearing, HearingGroup.EcosocNgo, "ngo-absent", "Someone"), "NOT_A_HEARING_PARTICIPANT", "13");
        Refused(Select(hearing, HearingGroup.EcosocNgo, "ngo-1", "Not Amina"), "REPRESENTATIVE_NOT_AT_HEARING", "13");
    }

    [Fact]
    public void The_representative_speaks_for_the_group_its_organisation_belongs_to_para13() =>
        Refused(Select(Consulted(HearingGroup.PrivateSector), HearingGroup.PrivateSector, "cso-1", "Ana"), "GROUP_MISMATCH", "13");

    [Fact]
    public void Selection_without_a_recorded_consultation_on_the_group_is_refused_para13() =>
        Refused(Select(Consulted(HearingGroup.CivilSociety), HearingGroup.EcosocNgo, "ngo-1", "Amina"), "CONSULTATION_NOT_RECORDED", "13");
}
