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

/// <summary>Paras 1 and 15-19 over gRPC: who records, who sees what, and the report built from it.</summary>
public sealed class ReportingContributionTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private static readonly DateTimeOffset Due = new(2013, 8, 31, 0, 0, 0, TimeSpan.Zero);

    private ReportingService.ReportingServiceClient Reporting => new(hosts.Reporting.Channel);

    private static CallOptions Secretariat => TestTokens.Call(Roles.Secretariat);

    private static Contribution Commission(string id) => new()
    {
        ContributionId = $"p16-{id}",
        Paragraph = "16",
        ContributorId = id,
        ContributorKind = ContributorKind.RegionalCommission,
        Title = new LocalizedText { Texts = { ["en"] = $"Regional input of {id}", ["zh"] = $"{id} 的区域投入" } },
        DueAt = Timestamp.FromDateTimeOffset(Due),
    };


    private Task RegisterStateAsync(string code, string name, RegionalGroup group) =>
        RegistryTestKit.RegisterAsync(new RegistryService.RegistryServiceClient(hosts.Registry.Channel), RegistryTestKit.MemberState(code, group, name));

    [Fact]
    public async Task Only_the_secretariat_records_and_a_second_input_from_one_commission_is_refused_naming_para_16()
    {
        var denied = await Assert.ThrowsAsync<RpcException>(() => Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = Commission("ECA") }, TestTokens.Call(Roles.PgaOffice)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        await Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = Commission("ECA") }, Secretariat);
        var second = Commission("ECA");
        second.ContributionId = "p16-ECA-again";
        var refused = await Assert.ThrowsAsync<RpcException>(() => Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = second }, Secretariat).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        var info = refused.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal("REGIONAL_COMMISSION_INPUT_ALREADY_RECORDED", info.Reason);
        Assert.Equal("16", info.Metadata["paragraph"]);
        var listed = await Reporting.ListContributionsAsync(new ListContributionsRequest { Paragraph = "16" }, Secretariat);
        Assert.Single(listed.Contributions, c => c.ContributorId == "ECA");
    }

    [Fact]
    public async Task Bad_fields_are_invalid_argument_and_record_nothing()
    {
        var bad = new Contribution { ContributionId = "!", Paragraph = "12", ContributorId = "", Title = new LocalizedText() };
        var error = await Assert.ThrowsAsync<RpcException>(() => Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = bad }, Secretariat).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var fields = error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToHashSet();
        Assert.Superset(new HashSet<string> { "contribution.contribution_id", "contribution.paragraph", "contribution.contributor_id", "contribution.contributor_kind", "contribution.title", "contribution.due_at" }, fields);
        var listed = await Reporting.ListContributionsAsync(new ListContributionsRequest(), Secretariat);
        Assert.DoesNotContain(listed.Contributions, c => c.ContributionId == "!");
    }

    [Fact]
    public async Task Receiving_needs_the_current_etag_and_a_repeated_request_id_returns_the_first_answer()
    {
        var recorded = (await Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = Commission("ESCAP"), RequestId = "rec-escap" }, Secretariat)).Contribution;
        var repeat = (await Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = Commission("ESCAP"), RequestId = "rec-escap" }, Secretariat)).Contribution;
        Assert.Equal(recorded, repeat);

        var stale = await Assert.ThrowsAsync<RpcException>(() => Reporting.ReceiveContributionAsync(
            new ReceiveContributionRequest { ContributionId = recorded.ContributionId, Etag = "7" }, Secretariat).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);

        var received = (await Reporting.ReceiveContributionAsync(new ReceiveContributionRequest { ContributionId = recorded.ContributionId, Etag = recorded.Etag }, Secretariat)).Contribution;
        Assert.Equal(ContributionStatus.Received, received.Status);
        Assert.Equal("2", received.Etag);
    }

    [Fact]
    public async Task A_contributor_sees_only_its_own_contributions()
    {
        await Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = Commission("ESCWA") }, Secretariat);
        await Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = Commission("ECLAC") }, Secretariat);

        var own = await Reporting.ListContributionsAsync(new ListContributionsRequest(), TestTokens.Call(Roles.Observer, "ESCWA"));

        Assert.NotEmpty(own.Contributions);
        Assert.All(own.Contributions, c => Assert.Equal("ESCWA", c.ContributorId));
    }

    [Fact]
    public async Task The_report_has_nineteen_sections_in_both_languages_and_follows_recorded_events_as_of_a_date()
    {
        var before = hosts.Reporting.Clock.GetUtcNow();
        hosts.Reporting.Clock.TryMoveTo(before.AddMinutes(5));
        await Reporting.RecordDocumentAsync(new RecordDocumentRequest
        {
            Document = new Document { Symbol = "A/67/254", Paragraph = "1", Languages = { "en", "zh" }, Title = new LocalizedText { Texts = { ["en"] = "International migration and development", ["zh"] = "国际移徙与发展" } } },
        }, Secretariat);

        var report = await Eventually.Until(
            () => Reporting.GetImplementationReportAsync(new GetImplementationReportRequest(), TestTokens.Call(Roles.ReportingReader)).ResponseAsync,
            r => r.Report.Sections.Single(s => s.Paragraph == "1").Status == ImplementationStatus.Done,
            what: "para 1 to be done once A/67/254 is recorded");

        Assert.Equal(Enumerable.Range(1, 19).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)), report.Report.Sections.Select(s => s.Paragraph));
        var para1 = report.Report.Sections[0];
        Assert.Contains(para1.Evidence, e => e.Topic == "reporting.document-recorded");
        Assert.Contains("## Paragraph 18", report.Markdown["en"], StringComparison.Ordinal);
        Assert.Contains("## 第 18 段", report.Markdown["zh"], StringComparison.Ordinal);

        // The report as of a moment before the document was recorded does not count it.
        var earlier = await Reporting.GetImplementationReportAsync(new GetImplementationReportRequest { AsOf = Timestamp.FromDateTimeOffset(before.AddMinutes(-1)), Languages = { "en" } }, TestTokens.Call(Roles.ReportingReader));
        Assert.Equal(ImplementationStatus.NotStarted, earlier.Report.Sections[0].Status);
        Assert.False(earlier.Markdown.ContainsKey("zh"));
    }

    [Fact]
    public async Task A_member_state_contribution_needs_a_registered_state_and_a_channel_para17()
    {
        await RegisterStateAsync("PHL", "Philippines", RegionalGroup.AsiaPacificStates);
        var contribution = new Contribution
        {
            ContributionId = "p17-PHL",
            Paragraph = "17",
            ContributorId = "PHL",
            ContributorKind = ContributorKind.MemberState,
            Title = new LocalizedText { Texts = { ["en"] = "Colombo Process input" } },
            DueAt = Timestamp.FromDateTimeOffset(Due),
        };

        var noChannel = await Assert.ThrowsAsync<RpcException>(() => Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = contribution }, Secretariat).ResponseAsync);
        Assert.Equal("17", noChannel.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata["paragraph"]);

        contribution.Channel = ContributionChannel.RegionalConsultativeProcess;
        contribution.ChannelName = "Colombo Process";
        var recorded = await ReportingTestKit.OnceContributorKnownAsync(
            async () => (await Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = contribution }, Secretariat)).Contribution,
            "reporting to learn of the Philippines and accept its contribution");
        Assert.Equal("Colombo Process", recorded.ChannelName);
    }

    [Fact]
    public async Task A_member_state_submits_its_own_contribution_for_itself_only_and_the_secretariat_acknowledges_it_para17()
    {
        await RegisterStateAsync("SEN", "Senegal", RegionalGroup.AfricanStates);
        var own = new Contribution
        {
            ContributionId = "p17-SEN",
            Paragraph = "17",
            ContributorId = "SEN",
            Channel = ContributionChannel.GlobalForum,
            Title = new LocalizedText { Texts = { ["en"] = "Senegal's contribution through the GFMD", ["zh"] = "塞内加尔通过全球论坛的贡献" } },
        };

        var forAnother = await Assert.ThrowsAsync<RpcException>(() => Reporting.SubmitContributionAsync(new SubmitContributionRequest { Contribution = own }, TestTokens.Call(Roles.MemberState, "FRA")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, forAnother.StatusCode);
        var bySecretariat = await Assert.ThrowsAsync<RpcException>(() => Reporting.SubmitContributionAsync(new SubmitContributionRequest { Contribution = own }, Secretariat).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, bySecretariat.StatusCode);
        var underPara15 = own.Clone();
        underPara15.Paragraph = "15";
        var refused = await Assert.ThrowsAsync<RpcException>(() => Reporting.SubmitContributionAsync(new SubmitContributionRequest { Contribution = underPara15 }, TestTokens.Call(Roles.MemberState, "SEN")).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("17", refused.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata["paragraph"]);

        var submitted = await ReportingTestKit.OnceContributorKnownAsync(
            async () => (await Reporting.SubmitContributionAsync(new SubmitContributionRequest { Contribution = own, RequestId = "submit-sen" }, TestTokens.Call(Roles.MemberState, "SEN"))).Contribution,
            "reporting to learn of Senegal and take its submission");
        Assert.Equal(ContributionStatus.Submitted, submitted.Status);
        Assert.Equal(ContributorKind.MemberState, submitted.ContributorKind);
        Assert.NotNull(submitted.SubmittedAt);

        var acknowledged = (await Reporting.ReceiveContributionAsync(new ReceiveContributionRequest { ContributionId = "p17-SEN", Etag = submitted.Etag }, Secretariat)).Contribution;
        Assert.Equal(ContributionStatus.Received, acknowledged.Status);
        var seen = await Reporting.ListContributionsAsync(new ListContributionsRequest { Paragraph = "17" }, TestTokens.Call(Roles.MemberState, "SEN"));
        Assert.Equal(["p17-SEN"], seen.Contributions.Select(c => c.ContributionId));
    }
}
