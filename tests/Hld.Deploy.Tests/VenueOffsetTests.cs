using System.Text.Json.Nodes;
using Hld.Deploy.Tests.Checks;
using Xunit;

namespace Hld.Deploy.Tests;

/// <summary>
/// The venue's offset from UTC is configured in three services: the registry counts the para 12 days on
/// it, the hearings service the hearing's day and the summary's deadline, the sessions service the
/// Dialogue's days. If they disagreed, a hearing move accepted by one would break the other's rule.
/// </summary>
public sealed class VenueOffsetTests
{
    private static string Offset(string service, params string[] path)
    {
        JsonNode? node = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("services", service, "appsettings.json")));
        foreach (var step in path)
        {
            node = node?[step];
        }

        return node?.GetValue<string>() ?? throw new InvalidOperationException($"{service}: no {string.Join(':', path)}");
    }

    [Fact]
    public void Registry_hearings_and_sessions_read_the_days_on_one_venue_offset()
    {
        var registry = Offset("Hld.Registry.Api", "Registry", "VenueUtcOffset");
        var hearings = Offset("Hld.Hearings.Api", "Hearings", "MeetingUtcOffset");
        var sessions = Offset("Hld.Sessions.Api", "Sessions", "Dialogue", "UtcOffset");

        Assert.Equal(TimeSpan.FromHours(-4), TimeSpan.Parse(registry, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(registry, hearings);
        Assert.Equal(registry, sessions);
    }

    [Fact]
    public void The_implementation_report_dates_para_12_on_the_registry_s_venue_offset()
    {
        var registry = TimeSpan.Parse(Offset("Hld.Registry.Api", "Registry", "VenueUtcOffset"), System.Globalization.CultureInfo.InvariantCulture);
        var rules = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("services", "Hld.Reporting.Api", "ReportData", "paragraphs.json")))!["rules"]!.AsArray();
        var para12 = rules.Single(r => r!["paragraph"]!.GetValue<string>() == "12")!;

        Assert.Equal(registry, TimeSpan.Parse(para12["dueBeforeHearing"]!["venueUtcOffset"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }
}
