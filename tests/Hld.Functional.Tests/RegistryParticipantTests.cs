using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Events;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;
using static Hld.Functional.Tests.RegistryTestKit;

namespace Hld.Functional.Tests;

/// <summary>Organisations' registrations over gRPC: field checks, their own registration only, etags.</summary>
public sealed class RegistryParticipantTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private RegistryService.RegistryServiceClient Registry => Client(hosts.Registry.Channel);

    [Fact]
    public async Task An_organisation_is_validated_field_by_field_and_nothing_is_stored_para12()
    {
        var bad = Organization("ngo-bad-fields", ParticipantCategory.OtherNgo, country: "");
        bad.Website = "ftp://example.org";
        bad.ContactEmail = "not-an-address";
        bad.EcosocStatus = EcosocStatus.General;
        bad.Name.Texts["de"] = "Organisation";

        var fields = await InvalidFields(() => Registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = bad }, Stakeholder("ngo-bad-fields")).ResponseAsync);

        Assert.Equal(["participant.contact_email", "participant.country_code", "participant.ecosoc_status", "participant.name", "participant.website"], fields.Order(StringComparer.Ordinal));
        await Refused(() => Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "ngo-bad-fields" }, Secretariat).ResponseAsync, StatusCode.NotFound);
    }

    [Fact]
    public async Task An_ngo_cannot_give_itself_consultative_status_it_holds_the_one_the_ECOSOC_list_records_para9()
    {
        // Not on the ECOSOC NGO Branch's list: claiming special status is not enough, and nothing is stored.
        var claimant = Organization("ngo-claims-status", ParticipantCategory.EcosocNgo, status: EcosocStatus.Special);
        await RefusedUnder(() => Registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = claimant }, Stakeholder("ngo-claims-status")).ResponseAsync, "ECOSOC_STATUS_REQUIRED", "9");
        await Refused(() => Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "ngo-claims-status" }, Secretariat).ResponseAsync, StatusCode.NotFound);

        // On the list as special: a claim to general status is refused, and without a claim the list's status is recorded.
        var listed = Organization("asylum-access", ParticipantCategory.EcosocNgo, country: "USA", status: EcosocStatus.General);
        listed.Name.Texts["en"] = "Asylum Access";
        await RefusedUnder(() => Registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = listed }, Stakeholder("asylum-access")).ResponseAsync, "ECOSOC_STATUS_NOT_AS_RECORDED", "9");
        listed.EcosocStatus = EcosocStatus.Unspecified;
        var stored = (await Registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = listed }, Stakeholder("asylum-access"))).Participant;
        Assert.Equal((EcosocStatus.Special, EcosocStatusSource.ConsultativeStatusList, 2013), (stored.EcosocStatus, stored.EcosocStatusSource, stored.EcosocStatusSince));

        // A status granted after the list's date stands when the Secretariat verified it and registers the organisation.
        var verified = (await Registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = Organization("ngo-verified", ParticipantCategory.EcosocNgo, status: EcosocStatus.Roster) }, Secretariat)).Participant;
        Assert.Equal((EcosocStatus.Roster, EcosocStatusSource.SecretariatVerified), (verified.EcosocStatus, verified.EcosocStatusSource));
    }

    [Fact]
    public async Task An_organisation_carries_the_regional_group_of_its_country_para12()
    {
        var university = Organization("uni-nairobi", ParticipantCategory.AcademicInstitution, country: "KEN");
        university.Expertise = "Research on remittances in East Africa.";

        var stored = (await Registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = university }, Stakeholder("uni-nairobi"))).Participant;

        Assert.Equal(RegionalGroup.AfricanStates, stored.RegionalGroup);
        Assert.Equal("Research on remittances in East Africa.", stored.Expertise);
        Assert.NotNull(stored.RegisteredAt);
        var misplaced = Organization("uni-misplaced", ParticipantCategory.AcademicInstitution, country: "KEN");
        misplaced.RegionalGroup = RegionalGroup.WesternEuropeanAndOtherStates;
        await RefusedUnder(() => Registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = misplaced }, Secretariat).ResponseAsync, "REGIONAL_GROUP_NOT_AS_RECORDED", "4");
    }

    [Fact]
    public async Task An_organisation_may_not_register_itself_as_a_State_para4()
    {
        var claim = new Participant { ParticipantId = "FRA", Category = ParticipantCategory.MemberState, Name = new LocalizedText { Texts = { ["en"] = "France" } } };

        await Refused(() => Registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = claim }, Stakeholder("FRA")).ResponseAsync, StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task An_NGO_cannot_read_or_edit_another_NGOs_registration_whether_or_not_it_exists_para12()
    {
        await RegisterAsync(Registry, Organization("ngo-owner", ParticipantCategory.CivilSocietyOrganization));
        var intruder = Stakeholder("ngo-intruder");

        var read = await Refused(() => Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "ngo-owner" }, intruder).ResponseAsync, StatusCode.PermissionDenied);
        var readMissing = await Refused(() => Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "ngo-nobody" }, intruder).ResponseAsync, StatusCode.PermissionDenied);
        var edit = await Refused(() => Registry.UpdateParticipantAsync(Rename("ngo-owner", "1", "Taken over"), intruder).ResponseAsync, StatusCode.PermissionDenied);
        var editMissing = await Refused(() => Registry.UpdateParticipantAsync(Rename("ngo-nobody", "1", "Taken over"), intruder).ResponseAsync, StatusCode.PermissionDenied);

        Assert.Equal(read.Status.Detail, readMissing.Status.Detail);
        Assert.Equal(edit.Status.Detail, editMissing.Status.Detail);
        await Refused(() => Registry.ListParticipantsAsync(new ListParticipantsRequest(), intruder).ResponseAsync, StatusCode.PermissionDenied);
        Assert.Equal("Organisation ngo-owner", (await Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "ngo-owner" }, Stakeholder("ngo-owner"))).Participant.Name.Texts["en"]);
    }

    [Fact]
    public async Task An_NGO_edits_its_own_registration_with_the_etag_it_read_and_a_stale_etag_is_aborted_para12()
    {
        var registered = await RegisterAsync(Registry, Organization("ngo-editor", ParticipantCategory.OtherNgo));
        var self = Stakeholder("ngo-editor");
        await using var probe = await EventProbe.StartAsync(hosts.Registry.Services, Topics.Of<ParticipantUpdated>());

        var edited = (await Registry.UpdateParticipantAsync(Rename("ngo-editor", registered.Etag, "Migrants' Rights Network"), self)).Participant;
        var stale = await Refused(() => Registry.UpdateParticipantAsync(Rename("ngo-editor", registered.Etag, "Lost update"), self).ResponseAsync, StatusCode.Aborted);

        Assert.Equal("2", edited.Etag);
        Assert.Equal("Migrants' Rights Network", edited.Name.Texts["en"]);
        Assert.Equal(RegionalGroup.AfricanStates, edited.RegionalGroup);
        Assert.Contains("read it again", stale.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("Migrants' Rights Network", (await Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "ngo-editor" }, self)).Participant.Name.Texts["en"]);
        var updated = Assert.Single(await probe.WaitFor<ParticipantUpdated>(e => e.ParticipantId == "ngo-editor"));
        Assert.Equal(2, updated.ParticipantVersion);
    }

    [Fact]
    public async Task Category_country_and_group_are_fixed_at_registration_para12()
    {
        var registered = await RegisterAsync(Registry, Organization("ngo-fixed", ParticipantCategory.OtherNgo));
        var request = Rename("ngo-fixed", registered.Etag, "Renamed");
        request.UpdateMask.Paths.Add("country_code");

        var fields = await InvalidFields(() => Registry.UpdateParticipantAsync(request, Stakeholder("ngo-fixed")).ResponseAsync);

        Assert.Contains("update_mask", fields);
    }

    [Fact]
    public async Task A_repeated_request_id_returns_the_first_answer_and_edits_once_para12()
    {
        var registered = await RegisterAsync(Registry, Organization("ngo-repeat", ParticipantCategory.OtherNgo));
        var request = Rename("ngo-repeat", registered.Etag, "Once");
        request.RequestId = "edit-ngo-repeat-1";

        var first = await Registry.UpdateParticipantAsync(request, Stakeholder("ngo-repeat"));
        var repeat = await Registry.UpdateParticipantAsync(request, Stakeholder("ngo-repeat"));

        Assert.Equal(first, repeat);
        Assert.Equal("2", (await Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "ngo-repeat" }, Secretariat)).Participant.Etag);
    }

    private static UpdateParticipantRequest Rename(string id, string etag, string name) => new()
    {
        Participant = new Participant { ParticipantId = id, Etag = etag, Name = new LocalizedText { Texts = { ["en"] = name } } },
        UpdateMask = new FieldMask { Paths = { "name" } },
    };
}
