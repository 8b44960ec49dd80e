using Hld.Contracts.Common.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Contracts.Sessions.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;
using static Hld.Functional.Tests.SessionsTestKit;

namespace Hld.Functional.Tests;

/// <summary>The implementation report's own rules over gRPC (para 19): figures as expected against happened, and para 19 under way (issue 15, point 7).</summary>
public sealed class ReportingReportRulesTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private ReportingService.ReportingServiceClient Reporting => new(hosts.Reporting.Channel);

    private Task<ReportSection> SectionAsync(string paragraph, Func<ReportSection, bool> until, string what) =>
        Eventually.Until(
            async () => (await Reporting.GetImplementationReportAsync(new GetImplementationReportRequest(), TestTokens.Call(Roles.ReportingReader))).Report.Sections.Single(s => s.Paragraph == paragraph),
            until, what: what);

    [Fact]
    public async Task Para_5_counts_levels_of_the_inscribed_member_states_and_para_19_is_under_way_para19()
    {
        await hosts.RegisterAsync("FRA", ParticipantCategory.MemberState, RegionalGroup.WesternEuropeanAndOtherStates);
        await hosts.RegisterAsync("GHA", ParticipantCategory.MemberState, RegionalGroup.AfricanStates);
        await hosts.SetLevelAsync("FRA", ParticipantCategory.MemberState, RegionalGroup.WesternEuropeanAndOtherStates, LevelOfRepresentation.Minister, 1);
        foreach (var state in new[] { "FRA", "GHA" })
        {
            await hosts.Sessions().InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 1, ParticipantId = state }, TestTokens.Call(Roles.MemberState, state));
        }

        var half = await SectionAsync("5", s => s.Explanation.Texts["en"] == "levels recorded for 1 of the 2 inscribed Member States", "para 5 to count one level of two inscribed States");
        Assert.Equal(ImplementationStatus.InProgress, half.Status);
        Assert.Equal("已登记发言的 2 个会员国中有 1 个记录了代表级别", half.Explanation.Texts["zh"]);

        await hosts.SetLevelAsync("GHA", ParticipantCategory.MemberState, RegionalGroup.AfricanStates, LevelOfRepresentation.HeadOfGovernment, 1);
        var done = await SectionAsync("5", s => s.Status == ImplementationStatus.Done, "para 5 to be done once both inscribed States have a level");
        Assert.Equal("levels recorded for 2 of the 2 inscribed Member States", done.Explanation.Texts["en"]);

        // The report draws on these events, and A/69/207 is not issued: para 19 is under way, not "not started".
        var para19 = await SectionAsync("19", s => s.Status != ImplementationStatus.Unspecified, "the report");
        Assert.Equal(ImplementationStatus.InProgress, para19.Status);
    }
}
