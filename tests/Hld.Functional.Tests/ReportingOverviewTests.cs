using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>Para 15 over gRPC: GMG inputs come from GMG members only, and the Secretariat assembles the overview from the inputs received (issue 15, point 5).</summary>
public sealed class ReportingOverviewTests(HldHosts hosts) : IClassFixture<HldHosts>, IAsyncLifetime
{
    private ReportingService.ReportingServiceClient Reporting => new(hosts.Reporting.Channel);

    private RegistryService.RegistryServiceClient Registry => new(hosts.Registry.Channel);

    private static CallOptions Secretariat => TestTokens.Call(Roles.Secretariat);

    public Task InitializeAsync() => RegistryTestKit.LoadReferenceDataAsync(Registry);

    public Task DisposeAsync() => Task.CompletedTask;

    private Contribution GmgInput(string contributor) => new()
    {
        ContributionId = $"p15-{contributor}",
        Paragraph = "15",
        ContributorId = contributor,
        ContributorKind = ContributorKind.GmgMember,
        Title = new LocalizedText { Texts = { ["en"] = $"{contributor} input to the overview", ["zh"] = $"{contributor} 对综述的投入" } },
        DueAt = Timestamp.FromDateTimeOffset(hosts.Reporting.Clock.GetUtcNow().AddDays(1)),
    };

    private static Overview Overview(bool chinese = true)
    {
        var title = new LocalizedText { Texts = { ["en"] = "Comprehensive overview of studies and analysis on migration and development" } };
        if (chinese)
        {
            title.Texts["zh"] = "关于移徙与发展的研究与分析全面综述";
        }

        return new Overview { Symbol = "A/68/190", Title = title, Summary = new LocalizedText { Texts = { ["en"] = "Inputs of the Global Migration Group.", ["zh"] = "全球移徙小组的投入。" } } };
    }

    private static ErrorInfo Refusal(RpcException ex)
    {
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        return ex.GetRpcStatus()!.GetDetail<ErrorInfo>();
    }

    // Reporting learns of participants from the registry's events: wait until it refuses for the reason asked, not because it does not know the contributor yet.
    private async Task<RpcException> RefusedOnceKnownAsync(Contribution contribution, string because) =>
        await Eventually.Until(
            () => Assert.ThrowsAsync<RpcException>(() => Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = contribution }, Secretariat).ResponseAsync),
            ex => ex.Status.Detail.Contains(because, StringComparison.Ordinal),
            what: $"reporting to refuse {contribution.ContributionId} because {because}");

    [Fact]
    public async Task A_un_entity_outside_the_global_migration_group_is_refused_as_a_gmg_member_para15()
    {
        await Registry.RegisterParticipantAsync(new RegisterParticipantRequest
        {
            Participant = new Participant
            {
                ParticipantId = "UNU", Category = ParticipantCategory.UnSystemEntity, CountryCode = "JPN", RegionalGroup = RegionalGroup.AsiaPacificStates,
                Name = new LocalizedText { Texts = { ["en"] = "United Nations University", ["zh"] = "联合国大学" } },
            },
        }, Secretariat);

        var refused = await RefusedOnceKnownAsync(GmgInput("UNU"), "not a Global Migration Group member in the registry's reference data");

        var info = Refusal(refused);
        Assert.Equal("CONTRIBUTOR_NOT_A_GMG_MEMBER", info.Reason);
        Assert.Equal("15", info.Metadata["paragraph"]);
        var asOther = GmgInput("UNU");
        asOther.ContributorKind = ContributorKind.OtherEntity;
        asOther.ContributionId = "p15-UNU-other";
        asOther.DueAt = Timestamp.FromDateTimeOffset(hosts.Reporting.Clock.GetUtcNow().AddDays(-1)); // past due: it does not hold up the overview
        Assert.Equal(ContributionStatus.Expected, (await Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = asOther }, Secretariat)).Contribution.Status);
    }

    [Fact]
    public async Task The_secretariat_assembles_the_overview_from_the_inputs_received_and_para_15_is_then_done_para15()
    {
        var denied = await Assert.ThrowsAsync<RpcException>(() => Reporting.AssembleOverviewAsync(new AssembleOverviewRequest { Overview = Overview() }, TestTokens.Call(Roles.PgaOffice)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        var input = await ReportingTestKit.OnceContributorKnownAsync(
            async () => (await Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = GmgInput("ILO"), RequestId = "overview-ilo" }, Secretariat)).Contribution,
            "reporting to accept the ILO's input as a GMG member's");
        var stillDue = await Assert.ThrowsAsync<RpcException>(() => Reporting.AssembleOverviewAsync(new AssembleOverviewRequest { Overview = Overview() }, Secretariat).ResponseAsync);
        Assert.Equal("OVERVIEW_INPUT_STILL_DUE", Refusal(stillDue).Reason);

        await Reporting.ReceiveContributionAsync(new ReceiveContributionRequest { ContributionId = input.ContributionId, Etag = input.Etag }, Secretariat);
        var englishOnly = await Assert.ThrowsAsync<RpcException>(() => Reporting.AssembleOverviewAsync(new AssembleOverviewRequest { Overview = Overview(chinese: false) }, Secretariat).ResponseAsync);
        Assert.Equal("OVERVIEW_NEEDS_CHINESE_AND_ENGLISH", Refusal(englishOnly).Reason);
        Assert.Equal("15", Refusal(englishOnly).Metadata["paragraph"]);

        var overview = (await Reporting.AssembleOverviewAsync(new AssembleOverviewRequest { Overview = Overview() }, Secretariat)).Overview;

        Assert.Equal(["p15-ILO"], overview.InputContributionIds);
        Assert.Equal(overview, (await Reporting.GetOverviewAsync(new GetOverviewRequest(), TestTokens.Call(Roles.Observer, "ILO"))).Overview);
        var document = (await Reporting.GetDocumentAsync(new GetDocumentRequest { Symbol = "A/68/190" }, TestTokens.Call(Roles.ReportingReader))).Document;
        Assert.Equal("15", document.Paragraph);
        Assert.Equal(["en", "zh"], document.Languages);
        var again = await Assert.ThrowsAsync<RpcException>(() => Reporting.AssembleOverviewAsync(new AssembleOverviewRequest { Overview = Overview() }, Secretariat).ResponseAsync);
        Assert.Equal("OVERVIEW_ALREADY_ASSEMBLED", Refusal(again).Reason);
        var report = await Eventually.Until(
            () => Reporting.GetImplementationReportAsync(new GetImplementationReportRequest(), TestTokens.Call(Roles.ReportingReader)).ResponseAsync,
            r => r.Report.Sections.Single(s => s.Paragraph == "15").Status == ImplementationStatus.Done,
            what: "para 15 to be done once the overview is assembled");
        Assert.Contains(report.Report.Sections.Single(s => s.Paragraph == "15").Evidence, e => e.Topic == "reporting.overview-assembled");
    }
}
