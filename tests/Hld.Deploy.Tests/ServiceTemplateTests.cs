using Hld.Deploy.Tests.Checks;

namespace Hld.Deploy.Tests;

/// <summary>
/// The four services are one template (deploy/k8s/base/service-template) filled in with
/// each service's app id and project, and stay so: no copy of the template creeps back,
/// and no service's objects drift from the others' in a render.
/// </summary>
public sealed class ServiceTemplateTests
{
    /// <summary>The template's placeholders, filled in from each service's identity.yaml.</summary>
    private const string AppIdPlaceholder = "APP-ID";
    private const string ProjectPlaceholder = "PROJECT";

    private static readonly string[] ServiceKinds = ["ServiceAccount", "Deployment", "Service", "PodDisruptionBudget"];

    /// <summary>
    /// What an overlay sets per service by design: the count (`replicas:`, or none under an
    /// autoscaler) and the image with its tag (`images:`, one service upgraded at a time).
    /// </summary>
    private static readonly string[] PerServiceKnobs = ["spec.replicas", "spec.template.spec.containers[name=app].image"];

    private static string Template => RepositoryRoot.Combine("deploy", "k8s", "base", "service-template", "service.yaml");

    public static TheoryData<string, string> OverlaysAndKinds()
    {
        var data = new TheoryData<string, string>();
        foreach (var overlay in OverlayTests.OverlayNames)
        {
            foreach (var kind in ServiceKinds)
            {
                data.Add(overlay, kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OverlaysAndKinds))]
    public void Each_service_renders_the_same_object_but_for_its_identity_count_and_image(string overlay, string kind)
    {
        var objects = Kustomize.RenderObjects(OverlayTests.OverlayDirectory(overlay));
        var generalized = ServiceCatalog.Known.Select(service =>
        {
            var rendered = objects.SingleOrDefault(o => o.Kind == kind && o.Name == service.AppId);
            Assert.True(rendered is not null, $"overlay {overlay} renders no {kind}/{service.AppId}");
            return (service.AppId, Leaves: Generalize(rendered.Root.Leaves(), service));
        }).ToList();

        var (firstId, first) = generalized[0];
        var drift = generalized.Skip(1)
            .SelectMany(other => Differences(first, other.Leaves).Except(PerServiceKnobs, StringComparer.Ordinal)
                .Select(path => $"  - {other.AppId} {path}: {Show(other.Leaves, path)}, {firstId} {Show(first, path)}"))
            .ToList();

        Assert.True(drift.Count == 0,
            $"overlay {overlay}: the services' {kind} objects differ in more than app id, project, replicas and image:{Environment.NewLine}" +
            string.Join(Environment.NewLine, drift) + Environment.NewLine +
            "A change for every service belongs in deploy/k8s/base/service-template. If one service really must differ, " +
            "make this test allow that one field, so the difference is a decision and not drift.");
    }

    [Theory]
    [MemberData(nameof(OverlayTests.Overlays), MemberType = typeof(OverlayTests))]
    public void No_placeholder_of_the_template_is_left_in_a_render(string overlay)
    {
        var rendered = Kustomize.Render(OverlayTests.OverlayDirectory(overlay));

        Assert.DoesNotContain(AppIdPlaceholder, rendered, StringComparison.Ordinal);
        Assert.DoesNotContain(ProjectPlaceholder, rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void The_template_is_the_only_place_a_service_object_is_written_out()
    {
        var appIds = ServiceCatalog.Known.Select(s => s.AppId).ToHashSet(StringComparer.Ordinal);
        var documents = Directory.EnumerateFiles(RepositoryRoot.Combine("deploy"), "*.yaml", SearchOption.AllDirectories)
            .SelectMany(Yaml.ParseFile)
            .Where(o => ServiceKinds.Contains(o.Kind))
            .ToList();

        var inTemplate = documents.Where(o => o.Source == Template).ToList();
        var copies = documents
            .Where(o => o.Source != Template)
            // The web console is no service of the template (no sidecar, HTTP probes): ConsoleDeployTests holds its shape.
            .Where(o => o.Name != ConsoleDeployTests.AppId)
            .Where(o => appIds.Contains(o.Name) || o.Name == AppIdPlaceholder || (o.Kind == "Deployment" && o.Root.Has("spec", "selector")))
            .Select(o => $"  - {Path.GetRelativePath(RepositoryRoot.Path, o.Source)}: {o}")
            .ToList();

        Assert.Equal(ServiceKinds.Order(StringComparer.Ordinal), inTemplate.Select(o => o.Kind).Order(StringComparer.Ordinal));
        Assert.All(inTemplate, o => Assert.Equal(AppIdPlaceholder, o.Name));
        Assert.True(copies.Count == 0,
            "A service's Deployment, Service, ServiceAccount or PodDisruptionBudget is written out outside " +
            $"deploy/k8s/base/service-template/service.yaml:{Environment.NewLine}{string.Join(Environment.NewLine, copies)}{Environment.NewLine}" +
            "Change the template for every service, or patch the one field in an overlay.");
    }

    private static Dictionary<string, string> Generalize(IReadOnlyDictionary<string, string> leaves, ServiceProject service) =>
        leaves.ToDictionary(
            kv => kv.Key.Replace(service.AppId, AppIdPlaceholder, StringComparison.Ordinal),
            kv => kv.Value
                .Replace(service.Project, ProjectPlaceholder, StringComparison.Ordinal)
                .Replace(service.AppId, AppIdPlaceholder, StringComparison.Ordinal),
            StringComparer.Ordinal);

    private static IEnumerable<string> Differences(Dictionary<string, string> a, Dictionary<string, string> b) =>
        a.Keys.Union(b.Keys, StringComparer.Ordinal)
            .Where(path => !a.TryGetValue(path, out var x) || !b.TryGetValue(path, out var y) || x != y)
            .Order(StringComparer.Ordinal);

    private static string Show(Dictionary<string, string> leaves, string path) =>
        leaves.TryGetValue(path, out var value) ? value : "(absent)";
}
