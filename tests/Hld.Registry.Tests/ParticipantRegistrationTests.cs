using Hld.Domain;
using Hld.Registry.Participants;
using Hld.Registry.Reference;
using static Hld.Registry.Tests.Samples;

namespace Hld.Registry.Tests;

public sealed class ParticipantRegistrationTests
{
    private static readonly ReferenceCatalogue Catalogue = Samples.Catalogue();

    [Fact]
    public void A_participant_is_registered_once_para4()
    {
        var first = Accepted(ParticipantRegistration.Register(null, State("MEX"), Catalogue, June1));

        Refused(ParticipantRegistration.Register(first, State("MEX"), Catalogue, June1), "PARTICIPANT_ALREADY_REGISTERED", "4");
    }

    [Fact]
    public void A_member_state_must_be_a_member_state_of_the_reference_data_para5()
    {
        Refused(ParticipantRegistration.Register(null, State("XYZ"), Catalogue, June1), "NOT_A_MEMBER_STATE", "5");
        Refused(ParticipantRegistration.Register(null, State("VAT"), Catalogue, June1), "NOT_A_MEMBER_STATE", "5");
    }

    [Fact]
    public void A_member_state_counts_in_the_group_the_reference_data_records_para5()
    {
        var kenya = Accepted(ParticipantRegistration.Register(null, State("KEN"), Catalogue, June1));

        Assert.Equal(RegionalGroup.AfricanStates, kenya.RegionalGroup);
        Assert.Equal("KEN", kenya.CountryCode);
        Assert.Equal(June1, kenya.RegisteredAt);
    }

    [Fact]
    public void A_member_state_declared_in_another_group_is_refused_para4()
    {
        var refused = Refused(ParticipantRegistration.Register(null, State("MEX", RegionalGroup.AfricanStates), Catalogue, June1), "REGIONAL_GROUP_NOT_AS_RECORDED", "4");
        Assert.Contains("LatinAmericanAndCaribbeanStates", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Turkiye_takes_part_in_two_groups_and_counts_in_WEOG_para4()
    {
        Assert.Equal(RegionalGroup.WesternEuropeanAndOtherStates, Catalogue.CountingGroupOf("TUR"));
        Refused(ParticipantRegistration.Register(null, State("TUR", RegionalGroup.AsiaPacificStates), Catalogue, June1), "REGIONAL_GROUP_NOT_AS_RECORDED", "4");
    }

    [Fact]
    public void The_United_States_attends_WEOG_as_an_observer_and_counts_there_para4()
    {
        var usa = Accepted(ParticipantRegistration.Register(null, State("USA"), Catalogue, June1));

        Assert.Equal(RegionalGroup.WesternEuropeanAndOtherStates, usa.RegionalGroup);
    }

    [Fact]
    public void Kiribati_is_in_no_regional_group_in_2013_para4()
    {
        var kiribati = Accepted(ParticipantRegistration.Register(null, State("KIR"), Catalogue, June1));

        Assert.Equal(RegionalGroup.None, kiribati.RegionalGroup);
    }

    [Fact]
    public void Group_membership_follows_its_effective_dates_para4()
    {
        Assert.Equal(RegionalGroup.AfricanStates, Samples.Catalogue(new DateOnly(2013, 10, 3)).CountingGroupOf("SSD"));
        Assert.Equal(RegionalGroup.None, Samples.Catalogue(new DateOnly(2011, 7, 1)).CountingGroupOf("SSD"));
    }

    [Fact]
    public void Only_the_Holy_See_and_the_State_of_Palestine_are_observer_States_para6()
    {
        var palestine = new Participant("PSE", ParticipantCategory.ObserverState, Names("State of Palestine", "巴勒斯坦国"), "PSE", RegionalGroup.Unspecified, EcosocStatus.Unspecified);
        var other = palestine with { Id = "TWN", CountryCode = "TWN" };

        Assert.Equal(RegionalGroup.AsiaPacificStates, Accepted(ParticipantRegistration.Register(null, palestine, Catalogue, June1)).RegionalGroup);
        Refused(ParticipantRegistration.Register(null, other, Catalogue, June1), "NOT_AN_OBSERVER_STATE", "6");
    }

    [Fact]
    public void Only_the_European_Union_is_the_observer_organisation_para6()
    {
        var eu = new Participant("EU", ParticipantCategory.ObserverOrganization, Names("European Union", "欧洲联盟"), "", RegionalGroup.None, EcosocStatus.Unspecified);

        Accepted(ParticipantRegistration.Register(null, eu, Catalogue, June1));
        Refused(ParticipantRegistration.Register(null, eu with { Id = "AU" }, Catalogue, June1), "NOT_AN_OBSERVER_ORGANIZATION", "6");
    }

    [Fact]
    public void An_ngo_s_own_word_does_not_give_it_consultative_status_para9()
    {
        var ngo = Organization("ngo-a", ParticipantCategory.EcosocNgo, status: EcosocStatus.Roster);

        var refused = Refused(ParticipantRegistration.Register(null, ngo, Catalogue, June1), "ECOSOC_STATUS_REQUIRED", "9");
        Assert.Contains("ecosoc-consultative-status.csv test-1", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ngo_holds_the_status_the_ECOSOC_list_records_for_its_name_para9()
    {
        var ngo = Organization("asylum-access", ParticipantCategory.EcosocNgo, country: "USA", group: RegionalGroup.Unspecified) with
        {
            Names = Names("  asylum   ACCESS ", "庇护通道"),
        };

        var registered = Accepted(ParticipantRegistration.Register(null, ngo, Catalogue, June1));

        Assert.Equal((EcosocStatus.Special, EcosocStatusSource.ConsultativeStatusList, 2013), (registered.EcosocStatus, registered.EcosocStatusSource, registered.EcosocStatusSince!.Value));
        Assert.Equal(EcosocStatus.Special, Accepted(ParticipantRegistration.Register(null, ngo with { EcosocStatus = EcosocStatus.Special }, Catalogue, June1)).EcosocStatus);
        Refused(ParticipantRegistration.Register(null, ngo with { EcosocStatus = EcosocStatus.General }, Catalogue, June1), "ECOSOC_STATUS_NOT_AS_RECORDED", "9");
    }

    [Fact]
    public void Only_a_status_the_Secretariat_verified_stands_without_the_list_and_it_must_be_a_consultative_one_para9()
    {
        var verified = Organization("ngo-new", ParticipantCategory.EcosocNgo, status: EcosocStatus.Roster) with { EcosocStatusSource = EcosocStatusSource.SecretariatVerified };

        var registered = Accepted(ParticipantRegistration.Register(null, verified, Catalogue, June1));

        Assert.Equal((EcosocStatus.Roster, EcosocStatusSource.SecretariatVerified, (int?)null), (registered.EcosocStatus, registered.EcosocStatusSource, registered.EcosocStatusSince));
        Refused(ParticipantRegistration.Register(null, verified with { EcosocStatus = EcosocStatus.None }, Catalogue, June1), "ECOSOC_STATUS_REQUIRED", "9");
        var university = Accepted(ParticipantRegistration.Register(null, Organization("uni-x", ParticipantCategory.AcademicInstitution) with { EcosocStatusSource = EcosocStatusSource.SecretariatVerified }, Catalogue, June1));
        Assert.Equal(EcosocStatusSource.Unspecified, university.EcosocStatusSource);
    }

    [Fact]
    public void The_ECOSOC_list_is_checked_and_a_name_it_gives_two_statuses_proves_none_para9()
    {
        var source = new ReferenceSource("ecosoc.csv", "v1", "test");
        var bad = new ReferenceFile(source, [], [], [new ConsultativeStatusEntry("", EcosocStatus.Special, 2013), new ConsultativeStatusEntry("X", EcosocStatus.None, null)]);
        Assert.Equal(2, ReferenceCatalogue.Problems([bad], DialogueDay).Count);
        Assert.Single(ReferenceCatalogue.Problems([new ReferenceFile(source with { Version = "" }, [], [], [])], DialogueDay));

        var twice = ReferenceCatalogue.Build([States(), new ReferenceFile(source, [], [],
            [new ConsultativeStatusEntry("Twin Org", EcosocStatus.Special, 2001), new ConsultativeStatusEntry("Twin  org", EcosocStatus.Roster, 2005)])], DialogueDay);
        Assert.Null(twice.ConsultativeStatusOf(["Twin Org"]));
        Refused(ParticipantRegistration.Register(null, Organization("twin", ParticipantCategory.EcosocNgo) with { Names = Names("Twin Org", "双胞胎") }, twice, June1), "ECOSOC_STATUS_REQUIRED", "9");
    }

    [Fact]
    public void An_organisation_carries_the_group_of_its_country_para12()
    {
        var university = Organization("uni-a", ParticipantCategory.AcademicInstitution, country: "CHN", group: RegionalGroup.Unspecified);

        Assert.Equal(RegionalGroup.AsiaPacificStates, Accepted(ParticipantRegistration.Register(null, university, Catalogue, June1)).RegionalGroup);
        Refused(ParticipantRegistration.Register(null, university with { RegionalGroup = RegionalGroup.AfricanStates }, Catalogue, June1), "REGIONAL_GROUP_NOT_AS_RECORDED", "4");
    }

    [Fact]
    public void An_organisation_seated_outside_the_reference_states_names_its_group_para12()
    {
        var firm = Organization("firm-hk", ParticipantCategory.PrivateSectorEntity, country: "HKG", group: RegionalGroup.Unspecified);

        Refused(ParticipantRegistration.Register(null, firm, Catalogue, June1), "REGIONAL_GROUP_REQUIRED", "12");
        Assert.Equal(RegionalGroup.AsiaPacificStates, Accepted(ParticipantRegistration.Register(null, firm with { RegionalGroup = RegionalGroup.AsiaPacificStates }, Catalogue, June1)).RegionalGroup);
    }

    [Fact]
    public void A_registration_cannot_claim_reference_only_facts_para7()
    {
        var claimed = Organization("ngo-b", ParticipantCategory.OtherNgo) with { GlobalMigrationGroupMember = true, RegionalCommission = true, ReferenceVersion = "forged" };

        var registered = Accepted(ParticipantRegistration.Register(null, claimed, Catalogue, June1));

        Assert.False(registered.GlobalMigrationGroupMember);
        Assert.False(registered.RegionalCommission);
        Assert.Null(registered.ReferenceVersion);
    }

    [Fact]
    public void Editing_a_registration_changes_names_and_contacts_but_not_category_country_or_group_para12()
    {
        var ngo = Registered(Organization("ngo-c", ParticipantCategory.OtherNgo));

        var edited = ParticipantRegistration.UpdateDetails(ngo, Names("New name", "新名称"), "https://example.org", null, "Remittances");

        Assert.Equal("New name", edited.Names["en"]);
        Assert.Equal("https://example.org", edited.Website);
        Assert.Equal("Remittances", edited.Expertise);
        Assert.Equal((ngo.Category, ngo.CountryCode, ngo.RegionalGroup), (edited.Category, edited.CountryCode, edited.RegionalGroup));
    }
}
