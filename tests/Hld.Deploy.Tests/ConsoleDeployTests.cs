using Hld.Deploy.Tests.Checks;

namespace Hld.Deploy.Tests;

/// <summary>
/// The web console's manifests (deploy/k8s/console): a client of the services with no sidecar, so it
/// keeps out of the services' template and checks, and holds these instead.
/// </summary>
public sealed class ConsoleDeployTests
{
    public const string AppId = "hld-console";

    public static TheoryData<string, string, int> Overlays => new() { { "dev", "hld-dev", 1 }, { "prod", "hld", 2 } };

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_console_renders_in_its_environment_s_namespace_restricted_probed_over_http_and_without_a_sidecar(string overlay, string ns, int replicas)
    {
        var objects = Kustomize.RenderObjects(RepositoryRoot.Combine("deploy", "k8s", "console", "overlays", overlay));

        var deployment = Assert.Single(objects, o => o.Kind == "Deployment");
        Assert.Equal(AppId, deployment.Name);
        Assert.All(objects, o => Assert.Equal(ns, o.Namespace));
        Assert.Equal(replicas, deployment.Root.Number("spec", "replicas"));
        var pod = deployment.Root.Map("spec", "template", "spec");
        Assert.True(pod.IsTrue("securityContext", "runAsNonRoot"));
        Assert.Equal("RuntimeDefault", pod.Scalar("securityContext", "seccompProfile", "type"));
        Assert.True(pod.IsFalse("automountServiceAccountToken"));
        var app = Assert.Single(pod.Seq("containers").Maps());
        Assert.True(app.IsTrue("securityContext", "readOnlyRootFilesystem"));
        Assert.True(app.IsFalse("securityContext", "allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], app.Seq("securityContext", "capabilities", "drop").Scalars());
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            Assert.Equal("/healthz", app.Scalar(probe, "httpGet", "path"));
        }

        Assert.True(app.Has("resources", "limits", "memory"));
        Assert.False(deployment.Root.Has("spec", "template", "metadata", "annotations", "dapr.io/enabled"));
        Assert.Contains(objects, o => o.Kind == "Service" && o.Name == AppId);
        Assert.Contains(objects, o => o.Kind == "PodDisruptionBudget" && o.Name == AppId);
        Assert.Contains(objects, o => o.Kind == "NetworkPolicy" && o.Name == AppId);
        Assert.Contains(objects, o => o.Kind == "NetworkPolicy" && o.Name == "hld-services-from-console");
    }

    [Fact]
    public void Development_signs_in_with_the_role_picker_and_production_names_its_oidc_and_hall_clients_from_secrets()
    {
        var dev = Assert.Single(Kustomize.RenderObjects(RepositoryRoot.Combine("deploy", "k8s", "console", "overlays", "dev")), o => o.Kind == "ConfigMap");
        Assert.Equal("Development", dev.Root.Scalar("data", "ASPNETCORE_ENVIRONMENT"));
        var prod = Kustomize.RenderObjects(RepositoryRoot.Combine("deploy", "k8s", "console", "overlays", "prod"));
        Assert.DoesNotContain(prod, o => o.Kind == "Secret");
        var env = Assert.Single(prod, o => o.Kind == "Deployment").Root.Map("spec", "template", "spec").Seq("containers").Maps().Single().Seq("env").Maps().ToList();
        Assert.Equal(
            ["Hld__Console__Hall__ClientId", "Hld__Console__Hall__ClientSecret", "Hld__Console__Oidc__ClientId", "Hld__Console__Oidc__ClientSecret"],
            env.Where(e => e.Has("valueFrom", "secretKeyRef")).Select(e => e.Scalar("name")!).Order(StringComparer.Ordinal));
    }
}
