using Hld.Deploy.Tests.Checks;

namespace Hld.Deploy.Tests;

/// <summary>deploy/dapr: components scoped and bounded, the same resiliency locally, mTLS on.</summary>
public sealed class DaprTests
{
    private static string SelfHosted => RepositoryRoot.Combine("deploy", "dapr", "self-hosted");

    private static IReadOnlyList<ManifestObject> SelfHostedObjects() =>
        Directory.EnumerateFiles(SelfHosted, "*.yaml").Order(StringComparer.Ordinal).SelectMany(Yaml.ParseFile).ToList();

    [Fact]
    public void Self_hosted_components_are_scoped_to_our_apps_with_bounded_retries()
    {
        var violations = ManifestChecker.Check(SelfHostedObjects(), new CheckOptions
        {
            RequireComponentSecretRefs = false,
            ExpectedAppIds = ServiceCatalog.Known.Select(s => s.AppId).ToList(),
            EventMaxAttempts = 5,
        });

        Assert.True(violations.Count == 0, Findings.Describe(violations));
    }

    [Fact]
    public void Self_hosted_resiliency_is_the_kubernetes_one()
    {
        var kubernetes = Yaml.ParseFile(RepositoryRoot.Combine("deploy", "dapr", "resiliency.yaml")).Single();
        var local = SelfHostedObjects().Single(o => o.Kind == "Resiliency");

        Assert.Equal(kubernetes.Root.Node("spec").Canonical(), local.Root.Node("spec").Canonical());
        Assert.Equal(kubernetes.Root.Node("scopes").Canonical(), local.Root.Node("scopes").Canonical());
    }

    [Theory]
    [MemberData(nameof(OverlayTests.Overlays), MemberType = typeof(OverlayTests))]
    public void Each_app_reads_every_topic_in_its_own_consumer_group(string overlay)
    {
        var pubsub = Kustomize.RenderObjects(OverlayTests.OverlayDirectory(overlay)).Single(o => o.Kind == "Component" && o.Name == "pubsub");

        var consumerId = pubsub.Root.Seq("spec", "metadata").Maps().Single(m => m.Scalar("name") == "consumerID").Scalar("value");
        Assert.Equal("{appID}", consumerId);
    }

    [Fact]
    public void Control_plane_values_turn_on_mtls_and_drop_the_sidecars_capabilities()
    {
        var values = Yaml.ParseFile(RepositoryRoot.Combine("deploy", "dapr", "control-plane", "values.yaml")).Single().Root;

        Assert.True(values.IsTrue("global", "mtls", "enabled"), "global.mtls.enabled must be true");
        Assert.True(values.IsTrue("dapr_sidecar_injector", "sidecarDropALLCapabilities"),
            "dapr_sidecar_injector.sidecarDropALLCapabilities must be true, or the restricted namespaces refuse the injected sidecar");
    }
}
