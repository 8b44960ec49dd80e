using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Hearings.V1;
using Hld.Hearings.Api.Grpc;
using Hld.Platform.Security;
using Hld.Registry.Api.Grpc;
using Hld.Testing;
using Xunit;
using static Hld.Functional.Tests.HearingsTestSupport;

namespace Hld.Functional.Tests;

/// <summary>
/// The hearing's read model of the registry across outages (paras 9, 11, 12): hosts started and
/// stopped by the test itself on one redis-server and key prefix, so that one service can be down
/// while the other works.
/// </summary>
public sealed class HearingsReadModelTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly string _prefix = $"r{Guid.NewGuid():N}:";

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    [Fact]
    public async Task The_read_model_catches_up_on_what_the_registry_published_while_hearings_was_down_and_answers_with_the_registry_down_para11()
    {
        var registry = new HostUnderTest<RegistryGrpcService>(_redis, _prefix, new Dictionary<string, string?>());
        var before = new HostUnderTest<HearingsGrpcService>(_redis, _prefix, new Dictionary<string, string?>());
        await PublishRegistryEventAsync(registry.Services, FinalList("outage-para9", ListKind.EcosocNgos, Entry("ngo-early", ParticipantCategory.EcosocNgo)), "outage-para9");
        await EligibleAsync(new HearingsService.HearingsServiceClient(before.Channel), "ngo-early");
        await before.DisposeAsync();

        // Hearings is down: the registry finalises the para 12 list and circulates another one.
        await PublishRegistryEventAsync(registry.Services, FinalList("outage-para12", ListKind.OtherStakeholders,
            Entry("cso-while-down", ParticipantCategory.CivilSocietyOrganization, RegionalGroup.LatinAmericanAndCaribbeanStates)), "outage-para12");
        await PublishRegistryEventAsync(registry.Services, new ListStatusChanged
        {
            ListId = "outage-para12-second",
            Kind = ListKind.OtherStakeholders,
            Status = ListStatus.Circulated,
            PreviousStatus = ListStatus.Draft,
            ObjectionDeadline = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2013, 6, 14, 18, 0, 0, NewYork)),
        }, "outage-para12-second");
        // Then the registry goes down too; the hearing must answer from what it learned.
        await registry.DisposeAsync();

        await using var after = new HostUnderTest<HearingsGrpcService>(_redis, _prefix, new Dictionary<string, string?>());
        var hearings = new HearingsService.HearingsServiceClient(after.Channel);
        var eligible = await EligibleAsync(hearings, "cso-while-down");
        var hearing = await Eventually.Until(
            () => ReadHearingAsync(hearings),
            h => h.EligibleOrganizations == 2 && Day(7, 14).Equals(h.EarliestDateUnderPara12),
            what: "the restarted hearings service to catch up on both lists");

        Assert.Equal((ListKind.OtherStakeholders, HearingGroup.CivilSociety), (eligible.ListKind, eligible.Group));
        Assert.Equal(2, hearing.EligibleOrganizations);
        var admitted = await hearings.RegisterForHearingAsync(
            new RegisterForHearingRequest { ParticipantId = "cso-while-down", Representatives = { "Ana Ruiz" } }, As(Roles.Stakeholder, "cso-while-down"));
        Assert.Equal(RegionalGroup.LatinAmericanAndCaribbeanStates, admitted.Participant.RegionalGroup);
        Assert.True((await hearings.GetEligibilityAsync(new GetEligibilityRequest { ParticipantId = "ngo-early" }, Pga)).Eligible);
    }
}
