using Hld.Contracts.Reporting.V1;
using Hld.Demo;
using Hld.Modalities;
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

        var report = await new DemoScenario(channels, DialogueDefinitions.Load("hld-2013"), line =>
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
        await The_report_is_written_in_the_six_official_languages_each_in_its_own_script_and_conventions(report);
    }

    // Part of the one run above: the story needs hosts on the 1 June 2013 clock, so it runs once per fixture.
    private static async Task The_report_is_written_in_the_six_official_languages_each_in_its_own_script_and_conventions(GetImplementationReportResponse report)
    {
        var folder = Directory.CreateTempSubdirectory("hld-demo-").FullName;
        try
        {
            var written = await DemoReport.WriteAsync(report, folder);

            Assert.Equal(new[] { "ar", "zh", "en", "fr", "ru", "es" }.Select(l => Path.Combine(folder, $"implementation-report.{l}.md")), written);
            string File(string language) => System.IO.File.ReadAllText(Path.Combine(folder, $"implementation-report.{language}.md"));
            var arabic = File("ar");
            Assert.StartsWith("<div dir=\"rtl\" lang=\"ar\">", arabic, StringComparison.Ordinal);
            Assert.Matches(@"\p{IsArabic}+ \p{IsArabic}+", arabic);
            Assert.Contains("(\u2068A/67/254\u2069)", arabic, StringComparison.Ordinal);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}{4}", File("zh"));
            Assert.Matches(@"\p{IsCyrillic}+ \p{IsCyrillic}+", File("ru"));
            Assert.Contains("Échéance : 5 octobre 2013", File("fr"), StringComparison.Ordinal);
            Assert.Contains("Plazo: 5 de octubre de 2013", File("es"), StringComparison.Ordinal);
            Assert.Contains("| 15 | overdue |", File("en"), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
