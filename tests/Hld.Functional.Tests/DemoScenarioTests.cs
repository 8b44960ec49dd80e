using Hld.Contracts.Reporting.V1;
using Hld.Demo;
using Xunit;
using Xunit.Abstractions;

namespace Hld.Functional.Tests;

/// <summary>The `./hld demo` story against the four in-process hosts, checked paragraph by paragraph (issue 6).</summary>
public sealed class DemoScenarioTests(HldHosts hosts, ITestOutputHelper output) : IClassFixture<HldHosts>
{
    [Fact]
    public async Task The_2013_dialogue_end_to_end_gives_a_report_whose_statuses_follow_from_what_happened_para19()
    {
        var channels = new DemoChannels(hosts.Registry.Channel, hosts.Sessions.Channel, hosts.Hearings.Channel, hosts.Reporting.Channel);

        var report = await new DemoScenario(channels, line =>
        {
            output.WriteLine(line);
            return Task.CompletedTask;
        }).RunAsync();

        var statuses = report.Report.Sections.ToDictionary(s => s.Paragraph, s => s.Status);
        var expected = Enumerable.Range(1, 19).ToDictionary(
            p => p.ToString(System.Globalization.CultureInfo.InvariantCulture),
            p => p == 15 ? ImplementationStatus.Overdue : ImplementationStatus.Done);
        foreach (var (paragraph, status) in expected)
        {
            Assert.True(status == statuses[paragraph], $"para {paragraph}: expected {status}, got {statuses[paragraph]} ({report.Report.Sections.Single(s => s.Paragraph == paragraph).Explanation.Texts["en"]})");
        }

        Assert.All(report.Report.Sections, s => Assert.True(s.EvidenceCount > 0, $"para {s.Paragraph} cites no evidence"));
        Assert.Contains("逾期", report.Markdown["zh"], StringComparison.Ordinal);
        Assert.Contains("| 15 | overdue |", report.Markdown["en"], StringComparison.Ordinal);
    }
}
