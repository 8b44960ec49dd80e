using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Events;
using Xunit;
using static Hld.Functional.Tests.RegistryTestKit;

namespace Hld.Functional.Tests;

/// <summary>Accreditation over gRPC: only a delegation or an organisation on a final list accredits; badges are unique.</summary>
public sealed class RegistryAccreditationTests(HldHosts hosts) : IClassFixture<HldHosts>, IAsyncLifetime
{
    private RegistryService.RegistryServiceClient Registry => Client(hosts.Registry.Channel);

    public Task InitializeAsync() => LoadReferenceDataAsync(Registry);

    public Task DisposeAsync() => Task.CompletedTask;

    private static AccreditRepresentativeRequest Person(string participantId, string given, string requestId = "") => new()
    {
        ParticipantId = participantId,
        GivenName = given,
        FamilyName = "Example",
        Function = "Delegate",
        RequestId = requestId,
    };

    private async Task PublishedEcosocListAsync(string listId, params string[] ngos)
    {
        foreach (var id in ngos)
        {
            await RegisterAsync(Registry, Organization(id, ParticipantCategory.EcosocNgo, status: EcosocStatus.Special));
        }

        var list = await DraftListAsync(Registry, listId, ListKind.EcosocNgos, ngos);
        await Registry.FinaliseListAsync(new FinaliseListRequest { ListId = listId, Etag = list.Etag }, Pga);
    }

    [Fact]
    public async Task Only_an_organisation_on_a_final_list_accredits_anyone_paras_9_and_12()
    {
        await RegisterAsync(Registry, Organization("ngo-acc-waiting", ParticipantCategory.EcosocNgo, status: EcosocStatus.Roster));
        await RegisterAsync(Registry, Organization("csr-acc-waiting", ParticipantCategory.PrivateSectorEntity));
        await RefusedUnder(() => Registry.AccreditRepresentativeAsync(Person("ngo-acc-waiting", "Ana"), Stakeholder("ngo-acc-waiting")).ResponseAsync, "NOT_ON_A_FINAL_LIST", "9");
        await RefusedUnder(() => Registry.AccreditRepresentativeAsync(Person("csr-acc-waiting", "Bo"), Stakeholder("csr-acc-waiting")).ResponseAsync, "NOT_ON_A_FINAL_LIST", "12");

        await PublishedEcosocListAsync("p9-acc", "ngo-acc-listed");
        await using var probe = await EventProbe.StartAsync(hosts.Registry.Services, Topics.Of<RepresentativeAccredited>());
        var accredited = (await Registry.AccreditRepresentativeAsync(Person("ngo-acc-listed", "Chidi"), Stakeholder("ngo-acc-listed"))).Representative;

        Assert.Equal("r1", accredited.RepresentativeId);
        Assert.StartsWith("HLD-2013-", accredited.BadgeNumber, StringComparison.Ordinal);
        var published = Assert.Single(await probe.WaitFor<RepresentativeAccredited>(e => e.ParticipantId == "ngo-acc-listed"));
        Assert.Equal(("Chidi Example", accredited.BadgeNumber, ParticipantCategory.EcosocNgo), (published.Name, published.BadgeNumber, published.Category));
    }

    [Fact]
    public async Task A_State_accredits_through_its_delegation_para5()
    {
        await RefusedUnder(() => Registry.AccreditRepresentativeAsync(Person("GHA", "Kofi"), State("GHA")).ResponseAsync, "DELEGATION_REQUIRED", "5");

        await Registry.UpdateDelegationAsync(new UpdateDelegationRequest
        {
            Delegation = new Delegation { ParticipantId = "GHA", Head = new HeadOfDelegation { Name = "H.E. Head" }, Level = LevelOfRepresentation.Minister },
        }, State("GHA"));

        Assert.Equal("GHA", (await Registry.AccreditRepresentativeAsync(Person("GHA", "Kofi"), State("GHA"))).Representative.ParticipantId);
    }

    [Fact]
    public async Task Badge_numbers_are_unique_across_the_dialogue_and_a_repeated_request_id_draws_none_para4()
    {
        await PublishedEcosocListAsync("p9-badges", "ngo-badge-1", "ngo-badge-2");

        var one = (await Registry.AccreditRepresentativeAsync(Person("ngo-badge-1", "Dana", "badge-req-1"), Stakeholder("ngo-badge-1"))).Representative;
        var repeat = (await Registry.AccreditRepresentativeAsync(Person("ngo-badge-1", "Dana", "badge-req-1"), Stakeholder("ngo-badge-1"))).Representative;
        var two = (await Registry.AccreditRepresentativeAsync(Person("ngo-badge-2", "Eli"), Stakeholder("ngo-badge-2"))).Representative;
        var three = (await Registry.AccreditRepresentativeAsync(Person("ngo-badge-1", "Fay"), Secretariat)).Representative;

        Assert.Equal(one, repeat);
        Assert.Equal(3, new[] { one.BadgeNumber, two.BadgeNumber, three.BadgeNumber }.Distinct().Count());
        var listed = await Registry.ListRepresentativesAsync(new ListRepresentativesRequest { ParticipantId = "ngo-badge-1" }, Stakeholder("ngo-badge-1"));
        Assert.Equal(["Dana", "Fay"], listed.Representatives.Select(r => r.GivenName));
    }

    [Fact]
    public async Task An_NGO_sees_and_edits_only_its_own_representatives_para12()
    {
        await PublishedEcosocListAsync("p9-own", "ngo-own-a", "ngo-own-b");
        var accredited = (await Registry.AccreditRepresentativeAsync(Person("ngo-own-a", "Gil"), Stakeholder("ngo-own-a"))).Representative;

        await Refused(() => Registry.AccreditRepresentativeAsync(Person("ngo-own-a", "Hal"), Stakeholder("ngo-own-b")).ResponseAsync, StatusCode.PermissionDenied);
        var list = await Refused(() => Registry.ListRepresentativesAsync(new ListRepresentativesRequest { ParticipantId = "ngo-own-a" }, Stakeholder("ngo-own-b")).ResponseAsync, StatusCode.PermissionDenied);
        var listMissing = await Refused(() => Registry.ListRepresentativesAsync(new ListRepresentativesRequest { ParticipantId = "ngo-nobody" }, Stakeholder("ngo-own-b")).ResponseAsync, StatusCode.PermissionDenied);
        await Refused(() => Registry.WithdrawRepresentativeAsync(new WithdrawRepresentativeRequest { ParticipantId = "ngo-own-a", RepresentativeId = accredited.RepresentativeId }, Stakeholder("ngo-own-b")).ResponseAsync, StatusCode.PermissionDenied);
        Assert.Equal(list.Status.Detail, listMissing.Status.Detail);

        await using var probe = await EventProbe.StartAsync(hosts.Registry.Services, Topics.Of<RepresentativeWithdrawn>());
        var withdrawn = (await Registry.WithdrawRepresentativeAsync(new WithdrawRepresentativeRequest { ParticipantId = "ngo-own-a", RepresentativeId = accredited.RepresentativeId }, Stakeholder("ngo-own-a"))).Representative;
        var again = (await Registry.WithdrawRepresentativeAsync(new WithdrawRepresentativeRequest { ParticipantId = "ngo-own-a", RepresentativeId = accredited.RepresentativeId }, Stakeholder("ngo-own-a"))).Representative;

        Assert.NotNull(withdrawn.WithdrawnAt);
        Assert.Equal(withdrawn, again);
        Assert.Single(await probe.WaitFor<RepresentativeWithdrawn>(e => e.ParticipantId == "ngo-own-a"));
        await Refused(() => Registry.WithdrawRepresentativeAsync(new WithdrawRepresentativeRequest { ParticipantId = "ngo-own-a", RepresentativeId = "r99" }, Stakeholder("ngo-own-a")).ResponseAsync, StatusCode.NotFound);
    }

    [Fact]
    public async Task A_representative_without_a_name_or_function_is_invalid_para4()
    {
        var fields = await InvalidFields(() => Registry.AccreditRepresentativeAsync(new AccreditRepresentativeRequest { ParticipantId = "GHA" }, State("GHA")).ResponseAsync);

        Assert.Equal(["family_name", "function", "given_name"], fields.Order(StringComparer.Ordinal));
    }
}
