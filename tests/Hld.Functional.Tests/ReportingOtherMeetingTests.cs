using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>
/// Under a definition that owes none of the 2013 inputs (the Forum of 2022), reporting refuses them:
/// a contribution under 67/219's paragraph 16 is bad input and stores nothing, and an overview of
/// studies is refused under its rule, with no paragraph of another resolution (issue 12, decision 092).
/// </summary>
public sealed class ReportingOtherMeetingTests(Imrf2022Hosts hosts) : IClassFixture<Imrf2022Hosts>
{
    private static readonly CallOptions Secretariat = TestTokens.Call(Roles.Secretariat);

    private ReportingService.ReportingServiceClient Reporting => new(hosts.Reporting.Channel);

    [Fact]
    public async Task A_contribution_under_a_paragraph_the_forum_does_not_owe_is_invalid_and_nothing_is_recorded()
    {
        var contribution = new Contribution
        {
            ContributionId = "p16-ECA", Paragraph = "16", ContributorId = "ECA", ContributorKind = ContributorKind.RegionalCommission,
            Title = new LocalizedText { Texts = { ["en"] = "ECA input" } }, DueAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2022, 4, 1, 0, 0, 0, TimeSpan.Zero)),
        };

        var refused = await Assert.ThrowsAsync<RpcException>(() => Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = contribution }, Secretariat).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains(refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "contribution.paragraph" && v.Description.Contains("owes none", StringComparison.Ordinal));
        Assert.Empty((await Reporting.ListContributionsAsync(new ListContributionsRequest(), Secretariat)).Contributions);
    }

    [Fact]
    public async Task An_overview_the_forum_does_not_owe_is_refused_under_its_rule_with_no_paragraph_of_another_resolution()
    {
        var overview = new Overview { Symbol = "A/76/642", Title = new LocalizedText { Texts = { ["en"] = "Overview", ["zh"] = "综述" } }, Summary = new LocalizedText { Texts = { ["en"] = "Inputs.", ["zh"] = "投入。" } } };

        var refused = await Assert.ThrowsAsync<RpcException>(() => Reporting.AssembleOverviewAsync(new AssembleOverviewRequest { Overview = overview }, Secretariat).ResponseAsync);

        var info = refused.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal(("OVERVIEW_NOT_OWED", "reports[overview-of-studies]"), (info.Reason, info.Metadata["rule"]));
        Assert.False(info.Metadata.ContainsKey("paragraph"));
        await Assert.ThrowsAsync<RpcException>(() => Reporting.GetOverviewAsync(new GetOverviewRequest(), Secretariat).ResponseAsync);
    }
}
