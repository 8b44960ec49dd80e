using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Events;
using Hld.Testing;
using Xunit;
using static Hld.Functional.Tests.RegistryTestKit;

namespace Hld.Functional.Tests;

/// <summary>Para 5 over gRPC: each State or observer sets its own delegation; level changes are published.</summary>
public sealed class RegistryDelegationTests(HldHosts hosts) : IClassFixture<HldHosts>, IAsyncLifetime
{
    private RegistryService.RegistryServiceClient Registry => Client(hosts.Registry.Channel);

    public Task InitializeAsync() => LoadReferenceDataAsync(Registry);

    public Task DisposeAsync() => Task.CompletedTask;

    private static Delegation Delegation(string id, LevelOfRepresentation level, string etag = "") => new()
    {
        ParticipantId = id,
        Head = new HeadOfDelegation { Name = "H.E. Example", Title = "Minister for Foreign Affairs" },
        Level = level,
        Members = { new DelegationMember { Name = "Ms. Adviser", Function = "Adviser" } },
        Etag = etag,
    };

    [Fact]
    public async Task A_State_sets_its_delegation_and_each_level_change_is_published_para5()
    {
        await using var probe = await EventProbe.StartAsync(hosts.Registry.Services, Topics.Of<DelegationLevelChanged>());

        var first = (await Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("MEX", LevelOfRepresentation.Minister) }, State("MEX"))).Delegation;
        var raised = (await Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("MEX", LevelOfRepresentation.HeadOfState, first.Etag) }, State("MEX"))).Delegation;
        var sameLevel = (await Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("MEX", LevelOfRepresentation.HeadOfState, raised.Etag) }, State("MEX"))).Delegation;

        Assert.Equal(RegionalGroup.LatinAmericanAndCaribbeanStates, first.RegionalGroup);
        Assert.Equal("3", sameLevel.Etag);
        var changes = await probe.WaitFor<DelegationLevelChanged>(e => e.ParticipantId == "MEX", count: 2);
        Assert.Equal(
            [(LevelOfRepresentation.Minister, LevelOfRepresentation.Unspecified, 1L), (LevelOfRepresentation.HeadOfState, LevelOfRepresentation.Minister, 2L)],
            changes.Select(c => (c.Level, c.PreviousLevel, c.DelegationVersion)).OrderBy(c => c.Item3));
        Assert.Equal("H.E. Example, Minister for Foreign Affairs", changes[0].HeadOfDelegation);
        Assert.Equal(ParticipantCategory.MemberState, changes[0].Category);
    }

    [Fact]
    public async Task State_A_cannot_touch_State_Bs_delegation_whether_or_not_it_exists_para5()
    {
        await Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("BRA", LevelOfRepresentation.Minister) }, State("BRA"));

        var write = await Refused(() => Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("BRA", LevelOfRepresentation.Other, "1") }, State("ARG")).ResponseAsync, StatusCode.PermissionDenied);
        var writeMissing = await Refused(() => Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("CHL", LevelOfRepresentation.Other) }, State("ARG")).ResponseAsync, StatusCode.PermissionDenied);
        var read = await Refused(() => Registry.GetDelegationAsync(new GetDelegationRequest { ParticipantId = "BRA" }, State("ARG")).ResponseAsync, StatusCode.PermissionDenied);
        var readMissing = await Refused(() => Registry.GetDelegationAsync(new GetDelegationRequest { ParticipantId = "CHL" }, State("ARG")).ResponseAsync, StatusCode.PermissionDenied);

        Assert.Equal(write.Status.Detail, writeMissing.Status.Detail);
        Assert.Equal(read.Status.Detail, readMissing.Status.Detail);
        Assert.Equal(LevelOfRepresentation.Minister, (await Registry.GetDelegationAsync(new GetDelegationRequest { ParticipantId = "BRA" }, Pga)).Delegation.Level);
        await Refused(() => Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("BRA", LevelOfRepresentation.Other, "1") }, Pga).ResponseAsync, StatusCode.PermissionDenied);
        await Refused(() => Registry.GetDelegationAsync(new GetDelegationRequest { ParticipantId = "BRA" }, Stakeholder("ngo-x")).ResponseAsync, StatusCode.PermissionDenied);
    }

    [Fact]
    public async Task Updates_take_the_etag_last_read_and_a_stale_one_is_aborted_para5()
    {
        var first = (await Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("PER", LevelOfRepresentation.Minister) }, State("PER"))).Delegation;
        await Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("PER", LevelOfRepresentation.ViceMinister, first.Etag) }, State("PER"));

        await Refused(() => Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("PER", LevelOfRepresentation.HeadOfGovernment, first.Etag) }, State("PER")).ResponseAsync, StatusCode.Aborted);
        await Refused(() => Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("PER", LevelOfRepresentation.HeadOfGovernment) }, State("PER")).ResponseAsync, StatusCode.Aborted);
        Assert.Equal(LevelOfRepresentation.ViceMinister, (await Registry.GetDelegationAsync(new GetDelegationRequest { ParticipantId = "PER" }, State("PER"))).Delegation.Level);
    }

    [Fact]
    public async Task Observers_set_their_own_delegation_and_organisations_have_none_para5()
    {
        var holySee = (await Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("VAT", LevelOfRepresentation.Other) }, Observer("VAT"))).Delegation;
        Assert.Equal(ParticipantCategory.ObserverState, holySee.Category);

        await RegisterAsync(Registry, Organization("ngo-no-delegation", ParticipantCategory.OtherNgo));
        await RefusedUnder(
            () => Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("ngo-no-delegation", LevelOfRepresentation.Other) }, Observer("ngo-no-delegation")).ResponseAsync,
            "DELEGATION_NOT_APPLICABLE", "5");
    }

    [Fact]
    public async Task A_role_acts_only_for_its_own_kind_of_participant_an_observer_token_for_a_State_is_refused_para5()
    {
        // The token names FRA, but its role is observer's: before, that passed the "acts for" check.
        var asObserver = await Refused(() => Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("FRA", LevelOfRepresentation.Minister) }, Observer("FRA")).ResponseAsync, StatusCode.PermissionDenied);
        var asState = await Refused(() => Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = Delegation("VAT", LevelOfRepresentation.Other) }, State("VAT")).ResponseAsync, StatusCode.PermissionDenied);

        Assert.Contains("role", asObserver.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("role", asState.Status.Detail, StringComparison.Ordinal);
        await Refused(() => Registry.GetDelegationAsync(new GetDelegationRequest { ParticipantId = "FRA" }, State("FRA")).ResponseAsync, StatusCode.NotFound);
    }

    [Fact]
    public async Task A_delegation_without_a_head_or_a_level_is_invalid_and_nothing_is_stored_para5()
    {
        var bad = Delegation("URY", LevelOfRepresentation.Unspecified);
        bad.Head = null;

        var fields = await InvalidFields(() => Registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = bad }, State("URY")).ResponseAsync);

        Assert.Equal(["delegation.head.name", "delegation.level"], fields.Order(StringComparer.Ordinal));
        await Refused(() => Registry.GetDelegationAsync(new GetDelegationRequest { ParticipantId = "URY" }, State("URY")).ResponseAsync, StatusCode.NotFound);
    }

    [Fact]
    public async Task A_repeated_request_id_sets_the_delegation_once_para5()
    {
        var request = new UpdateDelegationRequest { Delegation = Delegation("ECU", LevelOfRepresentation.Minister), RequestId = "ecu-delegation-1" };

        var first = await Registry.UpdateDelegationAsync(request, State("ECU"));
        var repeat = await Registry.UpdateDelegationAsync(request, State("ECU"));

        Assert.Equal(first, repeat);
        Assert.Equal("1", (await Registry.GetDelegationAsync(new GetDelegationRequest { ParticipantId = "ECU" }, State("ECU"))).Delegation.Etag);
    }
}
