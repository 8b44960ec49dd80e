using Hld.Contracts.Reporting.V1;
using Hld.Contracts.Sessions.V1;
using Hld.Demo;
using Hld.Modalities;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Hld.Functional.Tests;

/// <summary>The four hosts running the Forum of 2022 (73/326 and 73/195).</summary>
/// <remarks>Their manual clocks start, as in Development, on the day the resolution was adopted.</remarks>
public sealed class Imrf2022Hosts() : HldHosts(new Dictionary<string, string?> { ["Hld:Dialogue"] = "imrf-2022", ["Hld:Clock:Start"] = "2019-07-19T00:00:00Z" });

/// <summary>The four hosts running the first Dialogue, of 2006 (60/227).</summary>
public sealed class Hld2006Hosts() : HldHosts(new Dictionary<string, string?> { ["Hld:Dialogue"] = "hld-2006", ["Hld:Clock:Start"] = "2005-12-23T00:00:00Z" });

/// <summary>
/// `./hld demo` plays whichever meeting the definition describes (issue 12): the same story through the
/// public API, with that meeting's dates, lists, round tables and reports, refused nowhere, and its
/// implementation report's sections are that resolution's operative paragraphs.
/// </summary>
public static class DemoOtherMeetings
{
    public static async Task<GetImplementationReportResponse> PlayAsync(HldHosts hosts, string name, ITestOutputHelper output)
    {
        var channels = new DemoChannels(hosts.Registry.Channel, hosts.Sessions.Channel, hosts.Hearings.Channel, hosts.Reporting.Channel);
        var report = await new DemoScenario(channels, DialogueDefinitions.Load(name), line =>
        {
            output.WriteLine(line);
            return Task.CompletedTask;
        }).RunAsync();

        // Its sections are the definition's operative paragraphs (no lettered sub-paragraph), in the definition's order.
        var operative = DialogueDefinitions.Load(name).Paragraphs.Select(p => p.Number).Where(n => !n.Contains('(', StringComparison.Ordinal));
        Assert.Equal(operative, report.Report.Sections.Select(s => s.Paragraph));
        Assert.All(["ar", "zh", "en", "fr", "ru", "es"], language => Assert.False(string.IsNullOrWhiteSpace(report.Markdown[language])));
        return report;
    }
}

public sealed class DemoImrf2022Tests(Imrf2022Hosts hosts, ITestOutputHelper output) : IClassFixture<Imrf2022Hosts>
{
    [Fact]
    public async Task The_forum_of_2022_plays_end_to_end_with_its_hearing_round_tables_and_policy_debate_and_its_report_lists_73_326_and_73_195()
    {
        var report = await DemoOtherMeetings.PlayAsync(hosts, "imrf-2022", output);

        Assert.Contains(report.Report.Sections, s => s.Paragraph == "73/195 49");

        // The Forum seats an IGO without a standing invitation with a delegation, not from a PGA list (73/326 para 5).
        var speakers = await new SessionsService.SessionsServiceClient(hosts.Sessions.Channel).GetSpeakersListAsync(new GetSpeakersListRequest { MeetingNumber = 1 }, TestTokens.Call(Roles.PgaOffice));
        Assert.Contains(speakers.Positions, p => p.ParticipantId == "igo-oecd");
        Assert.StartsWith("# Report of the Secretary-General on the implementation of resolution 73/326", report.Markdown["en"], StringComparison.Ordinal);
    }
}

public sealed class DemoHld2006Tests(Hld2006Hosts hosts, ITestOutputHelper output) : IClassFixture<Hld2006Hosts>
{
    [Fact]
    public async Task The_first_dialogue_of_2006_plays_end_to_end_and_its_report_lists_60_227_s_paragraphs() =>
        Assert.Contains((await DemoOtherMeetings.PlayAsync(hosts, "hld-2006", output)).Report.Sections, s => s.Paragraph == "9");
}
