using Hld.Deploy.Tests.Checks;

namespace Hld.Deploy.Tests;

/// <summary>Both overlays render, and what they render holds every invariant of issue 7.</summary>
public sealed class OverlayTests
{
    internal static readonly string[] OverlayNames = ["dev", "prod", "prod-managed-redis"];

    public static TheoryData<string> Overlays => new(OverlayNames);

    public static TheoryData<string, int> OverlaysWithReplicas => new() { { "dev", 1 }, { "prod", 2 }, { "prod-managed-redis", 2 } };

    internal static string OverlayDirectory(string overlay) => RepositoryRoot.Combine("deploy", "k8s", "overlays", overlay);

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_renders_the_four_services_with_their_dapr_resources(string overlay)
    {
        var objects = Kustomize.RenderObjects(OverlayDirectory(overlay));

        var deployments = objects.Where(o => o.Kind == "Deployment").Select(o => o.Name).Order(StringComparer.Ordinal);
        Assert.Equal(ServiceCatalog.Known.Select(s => s.AppId).Order(StringComparer.Ordinal), deployments);
        foreach (var kind in new[] { "Service", "PodDisruptionBudget", "ServiceAccount" })
        {
            Assert.Equal(4, objects.Count(o => o.Kind == kind && o.Name.StartsWith("hld-", StringComparison.Ordinal) && o.Name != "hld-redis"));
        }

        Assert.Contains(objects, o => o.Kind == "Component" && o.Name == "statestore");
        Assert.Contains(objects, o => o.Kind == "Component" && o.Name == "pubsub");
        Assert.Contains(objects, o => o.Kind == "Resiliency");
        Assert.Contains(objects, o => o.Kind == "Configuration");
        Assert.Contains(objects, o => o.Kind == "NetworkPolicy");
        Assert.All(objects.Where(o => o.Kind != "Namespace"), o => Assert.False(string.IsNullOrEmpty(o.Namespace), $"{o} has no namespace"));
    }

    [Theory]
    [MemberData(nameof(OverlaysWithReplicas))]
    public void Every_deployment_has_its_annotations_probes_resources_and_restricted_context(string overlay, int minReplicas)
    {
        var violations = ManifestChecker.Check(
            Kustomize.RenderObjects(OverlayDirectory(overlay)),
            new CheckOptions { MinReplicas = minReplicas });

        Assert.True(violations.Count == 0,
            $"overlay {overlay} breaks {violations.Count} rule(s):{Environment.NewLine}{Findings.Describe(violations)}");
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("prod-managed-redis")]
    public void Prod_runs_at_least_two_replicas_of_every_service_because_state_lives_in_the_store(string overlay)
    {
        var deployments = Kustomize.RenderObjects(OverlayDirectory(overlay)).Where(o => o.Kind == "Deployment").ToList();

        Assert.Equal(4, deployments.Count);
        Assert.All(deployments, d => Assert.True(d.Root.Number("spec", "replicas") >= 2, $"{d} runs fewer than two replicas"));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void App_ids_are_the_ones_the_code_subscribes_with(string overlay)
    {
        var code = ServiceCatalog.FromCode(RepositoryRoot.Path);

        var violations = ManifestChecker.Check(
                Kustomize.RenderObjects(OverlayDirectory(overlay)),
                new CheckOptions { CodeAppIds = code, MinReplicas = 0 })
            .Where(v => v.Rule.StartsWith("app-", StringComparison.Ordinal) || v.Rule is "env:app-id" or "component-app-not-in-scope")
            .ToList();

        Assert.True(violations.Count == 0, Findings.Describe(violations));
    }

    [Fact]
    public void The_health_service_the_probes_ask_for_is_one_the_code_maps()
    {
        var probed = OverlayNames
            .SelectMany(o => Kustomize.RenderObjects(OverlayDirectory(o)))
            .Where(o => o.Kind == "Deployment")
            .SelectMany(d => d.Root.Seq("spec", "template", "spec", "containers").Maps())
            .SelectMany(c => new[] { "startupProbe", "readinessProbe", "livenessProbe" }.Select(p => c.Scalar(p, "grpc", "service")))
            .OfType<string>()
            .Where(s => s.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        var code = Directory.EnumerateFiles(RepositoryRoot.Combine("services"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "obj" or "bin"))
            .Select(File.ReadAllText)
            .ToList();

        var unmapped = probed.Where(service => !code.Any(text => text.Contains($"\"{service}\"", StringComparison.Ordinal))).ToList();

        Assert.True(unmapped.Count == 0,
            $"The Deployments probe the gRPC health service(s) {string.Join(", ", unmapped.Select(s => $"\"{s}\""))}, which no code " +
            "in services/ maps. An unknown service answers NOT_FOUND and Kubernetes restarts the pod. Map it to a check that " +
            "looks at the process only, e.g. AddGrpcHealthChecks(o => o.Services.Map(\"liveness\", c => c.Tags.Contains(\"live\")))" +
            ".AddCheck(\"process\", () => HealthCheckResult.Healthy(), tags: [\"live\"]). A mapping that selects no check " +
            "answers UNKNOWN, which fails the probe just the same.");
    }
}
