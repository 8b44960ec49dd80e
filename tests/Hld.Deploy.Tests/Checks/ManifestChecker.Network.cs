using YamlDotNet.RepresentationModel;

namespace Hld.Deploy.Tests.Checks;

public sealed partial class ManifestChecker
{
    private void CheckNetworkPolicies()
    {
        var policies = OfKind("NetworkPolicy").ToList();
        foreach (var ns in objects.Where(o => PodTemplate(o) is not null).Select(o => o.Namespace).Distinct())
        {
            findings.Require(policies.Any(p => p.Namespace == ns && IsDefaultDeny(p)), "networkpolicy-default-deny",
                ns.Length == 0 ? "(no namespace)" : ns,
                "needs a NetworkPolicy that selects every pod (podSelector: {}) and denies Ingress and Egress");
        }

        foreach (var policy in policies)
        {
            foreach (var rule in policy.Root.Seq("spec", "ingress").Maps())
            {
                findings.Require(rule.Seq("from").Maps().Any(), "networkpolicy-open", policy, "an ingress rule without `from` admits every source");
            }

            foreach (var rule in policy.Root.Seq("spec", "egress").Maps())
            {
                findings.Require(rule.Seq("to").Maps().Any(), "networkpolicy-open", policy, "an egress rule without `to` reaches every destination");
            }
        }

        foreach (var deployment in Deployments)
        {
            var labels = PodLabels(deployment);
            var applying = policies.Where(p => SameNamespace(p, deployment) && PolicySelects(p, labels)).ToList();
            var ingress = applying.SelectMany(p => p.Root.Seq("spec", "ingress").Maps()).ToList();
            var egress = applying.SelectMany(p => p.Root.Seq("spec", "egress").Maps()).ToList();

            findings.Require(ingress.Any(r => AllowsPort(r, ManifestChecker.AppPort)), "networkpolicy-ingress", deployment,
                $"no NetworkPolicy lets the gateway reach port {AppPort}");
            findings.Require(egress.Any(r => AllowsPort(r, 53)), "networkpolicy-dns", deployment, "no NetworkPolicy lets it resolve names (port 53)");
            findings.Require(egress.Any(r => r.Seq("to").Maps().Any(t =>
                    t.StringMap("namespaceSelector", "matchLabels").GetValueOrDefault("kubernetes.io/metadata.name") == "dapr-system")),
                "networkpolicy-dapr", deployment, "no NetworkPolicy lets its sidecar reach the Dapr control plane (dapr-system)");
            foreach (var port in RedisPorts())
            {
                findings.Require(egress.Any(r => AllowsPort(r, port)), "networkpolicy-redis", deployment,
                    $"a Redis component connects on port {port}, which no NetworkPolicy lets its sidecar reach");
            }
        }
    }

    /// <summary>The ports the Redis components connect to (redisHost: "host:port[,host:port]").</summary>
    private IEnumerable<int> RedisPorts() =>
        OfKind("Component")
            .Where(c => c.Root.Scalar("spec", "type") is "state.redis" or "pubsub.redis")
            .SelectMany(c => c.Root.Seq("spec", "metadata").Maps().Where(m => m.Scalar("name") == "redisHost"))
            .SelectMany(m => (m.Scalar("value") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(address => address.LastIndexOf(':') is var colon and > 0 && int.TryParse(address[(colon + 1)..], out var port) ? port : 6379)
            .Distinct();

    private static bool IsDefaultDeny(ManifestObject policy)
    {
        var spec = policy.Root.Map("spec");
        var selector = spec.Map("podSelector");
        var types = spec.Seq("policyTypes").Scalars().ToHashSet(StringComparer.Ordinal);
        return selector is not null
            && selector.Children.Count == 0
            && types.Contains("Ingress") && types.Contains("Egress")
            && !spec.Seq("ingress").Maps().Any()
            && !spec.Seq("egress").Maps().Any();
    }

    private static bool PolicySelects(ManifestObject policy, IReadOnlyDictionary<string, string> labels)
    {
        var selector = policy.Root.Map("spec", "podSelector");
        if (selector is null || selector.Has("matchExpressions"))
        {
            return false;
        }

        var matchLabels = selector.StringMap("matchLabels");
        return matchLabels.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
    }

    private static bool AllowsPort(YamlMappingNode rule, int port)
    {
        var ports = rule.Seq("ports").Maps().ToList();
        return ports.Count == 0 || ports.Any(p => p.Number("port") == port);
    }
}
