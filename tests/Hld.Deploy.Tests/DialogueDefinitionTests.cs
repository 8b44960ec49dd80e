using System.Globalization;
using System.Text.Json.Nodes;
using Hld.Deploy.Tests.Checks;
using Xunit;

namespace Hld.Deploy.Tests;

/// <summary>
/// Every service runs the meeting of one dialogue definition (issue 12): no appsettings.json states a
/// fact of the meeting of its own, and in Kubernetes every Deployment mounts the same definition, the
/// shipped file, from one ConfigMap. Before, three services each held the venue's offset from UTC, and
/// a test had to keep them equal; now there is one offset to hold.
/// </summary>
public sealed class DialogueDefinitionTests
{
    private static readonly string[] Services = ["Hld.Registry.Api", "Hld.Sessions.Api", "Hld.Hearings.Api", "Hld.Reporting.Api"];

    private static string Shipped(string name) => RepositoryRoot.Combine("services", "Hld.Dialogue", "Definitions", name);

    private static JsonNode Json(string path) => JsonNode.Parse(File.ReadAllText(path))!;

    public static TheoryData<string> Overlays => new(OverlayTests.OverlayNames);

    [Fact]
    public void No_service_configures_a_fact_of_the_meeting_of_its_own_and_all_name_the_same_definition()
    {
        // The sections and keys that held the meeting's facts before the definition (stop 22).
        string[][] facts =
        [
            ["Sessions"], ["Hearings"], ["Registry", "DialogueId"], ["Registry", "HearingDate"], ["Registry", "VenueUtcOffset"], ["Registry", "ReferenceDate"],
        ];
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in Services)
        {
            foreach (var file in Directory.GetFiles(RepositoryRoot.Combine("services", service), "appsettings*.json"))
            {
                var settings = Json(file);
                foreach (var path in facts)
                {
                    Assert.True(path.Aggregate((JsonNode?)settings, (node, step) => node?[step]) is null, $"{file} sets {string.Join(':', path)}, which the dialogue definition states");
                }

                if (settings["Hld"]?["Dialogue"] is { } dialogue)
                {
                    named.Add(dialogue.GetValue<string>());
                }
            }
        }

        Assert.Equal(["hld-2013"], named);
    }

    [Fact]
    public void Every_copy_of_a_definition_under_deploy_is_the_shipped_file()
    {
        var copies = Directory.GetFiles(RepositoryRoot.Combine("deploy", "k8s", "base", "dialogue"), "*.json");

        Assert.NotEmpty(copies);
        foreach (var copy in copies)
        {
            var original = Shipped(Path.GetFileName(copy));
            Assert.True(File.Exists(original), $"{copy} is a copy of no shipped definition");
            Assert.True(File.ReadAllText(original) == File.ReadAllText(copy),
                $"{copy} differs from {original}; copy it again: cp {Path.GetRelativePath(RepositoryRoot.Path, original)} {Path.GetRelativePath(RepositoryRoot.Path, copy)}");
        }
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_service_mounts_the_2013_definition_and_names_the_mounted_file(string overlay)
    {
        var objects = Kustomize.RenderObjects(OverlayTests.OverlayDirectory(overlay));
        var deployments = objects.Where(o => o.Kind == "Deployment" && ServiceCatalog.Known.Any(s => s.AppId == o.Name)).ToList();
        Assert.Equal(ServiceCatalog.Known.Count, deployments.Count);

        foreach (var deployment in deployments)
        {
            var pod = deployment.Root.Map("spec", "template", "spec");
            var app = pod.Seq("containers").Maps().Single(c => c.Scalar("name") == "app");
            var env = app.Seq("env").Maps().ToDictionary(e => e.Scalar("name")!, e => e.Scalar("value"), StringComparer.Ordinal);
            Assert.Equal("/etc/hld/dialogue/dialogue.json", env.GetValueOrDefault("Hld__Dialogue"));

            var mount = app.Seq("volumeMounts").Maps().Single(m => m.Scalar("mountPath") == "/etc/hld/dialogue");
            Assert.Equal("true", mount.Scalar("readOnly"));
            var volume = pod.Seq("volumes").Maps().Single(v => v.Scalar("name") == mount.Scalar("name"));
            var configMap = objects.Single(o => o.Kind == "ConfigMap" && o.Name == volume.Scalar("configMap", "name"));
            Assert.True(
                JsonNode.DeepEquals(Json(Shipped("hld-2013.json")), JsonNode.Parse(configMap.Root.Scalar("data", "dialogue.json")!)),
                $"overlay {overlay}: {deployment} mounts {configMap}, which is not the shipped hld-2013 definition");
        }
    }

    [Fact]
    public void The_implementation_report_dates_para_12_on_the_definition_s_venue_offset()
    {
        var venue = Json(Shipped("hld-2013.json"))["venue"]!["utcOffset"]!.GetValue<string>();
        var rules = Json(RepositoryRoot.Combine("services", "Hld.Reporting.Api", "ReportData", "paragraphs.json"))["rules"]!.AsArray();
        var para12 = rules.Single(r => r!["paragraph"]!.GetValue<string>() == "12")!;

        Assert.Equal(Offset(venue), Offset(para12["dueBeforeHearing"]!["venueUtcOffset"]!.GetValue<string>()));
        Assert.Equal(TimeSpan.FromHours(-4), Offset(venue));
    }

    private static TimeSpan Offset(string text) => TimeSpan.Parse(text.TrimStart('+'), CultureInfo.InvariantCulture);
}
