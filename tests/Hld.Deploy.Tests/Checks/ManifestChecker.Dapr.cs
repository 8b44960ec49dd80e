using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Hld.Deploy.Tests.Checks;

public sealed partial class ManifestChecker
{
    /// <summary>Every annotation the Dapr 1.18 sidecar injector reads; anything else under dapr.io/ is a typo.</summary>
    private static readonly HashSet<string> KnownDaprAnnotations = new(StringComparer.Ordinal)
    {
        "dapr.io/actors-disseminate-timeout", "dapr.io/api-token-secret", "dapr.io/app-binding-options-timeout",
        "dapr.io/app-channel-address", "dapr.io/app-health-check-path", "dapr.io/app-health-probe-interval",
        "dapr.io/app-health-probe-timeout", "dapr.io/app-health-threshold", "dapr.io/app-id", "dapr.io/app-max-concurrency",
        "dapr.io/app-port", "dapr.io/app-protocol", "dapr.io/app-ssl", "dapr.io/app-token-secret",
        "dapr.io/block-shutdown-duration", "dapr.io/component-container", "dapr.io/config", "dapr.io/debug-port",
        "dapr.io/disable-builtin-k8s-secret-store", "dapr.io/disable-init-endpoints", "dapr.io/enable-api-logging",
        "dapr.io/enable-app-health-check", "dapr.io/enable-debug", "dapr.io/enable-metrics", "dapr.io/enable-native-sidecar",
        "dapr.io/enable-profiling", "dapr.io/enabled", "dapr.io/env", "dapr.io/env-from-secret",
        "dapr.io/graceful-shutdown-seconds", "dapr.io/grpc-port", "dapr.io/http-max-request-size",
        "dapr.io/http-read-buffer-size", "dapr.io/inject-pluggable-components", "dapr.io/internal-grpc-port",
        "dapr.io/log-as-json", "dapr.io/log-level", "dapr.io/max-body-size", "dapr.io/metrics-port",
        "dapr.io/placement-host-address", "dapr.io/pluggable-components", "dapr.io/pluggable-components-sockets-folder",
        "dapr.io/read-buffer-size", "dapr.io/scheduler-host-address", "dapr.io/sentry-request-jwt-audiences",
        "dapr.io/sidecar-cpu-limit", "dapr.io/sidecar-cpu-request", "dapr.io/sidecar-image",
        "dapr.io/sidecar-listen-addresses", "dapr.io/sidecar-liveness-probe-delay-seconds",
        "dapr.io/sidecar-liveness-probe-period-seconds", "dapr.io/sidecar-liveness-probe-threshold",
        "dapr.io/sidecar-liveness-probe-timeout-seconds", "dapr.io/sidecar-memory-limit", "dapr.io/sidecar-memory-request",
        "dapr.io/sidecar-readiness-probe-delay-seconds", "dapr.io/sidecar-readiness-probe-period-seconds",
        "dapr.io/sidecar-readiness-probe-threshold", "dapr.io/sidecar-readiness-probe-timeout-seconds",
        "dapr.io/sidecar-seccomp-profile-type", "dapr.io/sidecar-svc-annotations", "dapr.io/unix-domain-socket-path",
        "dapr.io/volume-mounts", "dapr.io/volume-mounts-rw",
    };

    private static readonly string[] SidecarResourceAnnotations =
    [
        "dapr.io/sidecar-cpu-request", "dapr.io/sidecar-cpu-limit", "dapr.io/sidecar-memory-request", "dapr.io/sidecar-memory-limit",
    ];

    private void CheckDaprAnnotations(ManifestObject deployment, IReadOnlyList<YamlMappingNode> containers)
    {
        var a = PodAnnotations(deployment);
        string? Get(string key) => a.GetValueOrDefault(key);
        void Expect(string key, bool holds, string what) =>
            findings.Require(holds, $"dapr-annotation:{key}", deployment, $"{key} {what} (now \"{Get(key) ?? "unset"}\")");

        var port = AppPort.ToString(CultureInfo.InvariantCulture);
        var containerPorts = containers.SelectMany(c => c.Seq("ports").Maps()).Select(p => p.Scalar("containerPort"));

        Expect("dapr.io/enabled", Get("dapr.io/enabled") == "true", "must be \"true\"");
        Expect("dapr.io/app-id", !string.IsNullOrWhiteSpace(Get("dapr.io/app-id")), "must be set");
        Expect("dapr.io/app-port", Get("dapr.io/app-port") == port && containerPorts.Contains(port), $"must be {port}, the container's port");
        Expect("dapr.io/app-protocol", Get("dapr.io/app-protocol") == "grpc", "must be grpc: subscriptions use the gRPC app callback");
        Expect("dapr.io/config", !string.IsNullOrWhiteSpace(Get("dapr.io/config")), "must name the Dapr Configuration");
        Expect("dapr.io/app-token-secret", !string.IsNullOrWhiteSpace(Get("dapr.io/app-token-secret")), "must name the Secret with the app API token");
        Expect("dapr.io/api-token-secret", !string.IsNullOrWhiteSpace(Get("dapr.io/api-token-secret")), "must name the Secret with the Dapr API token");
        Expect("dapr.io/log-as-json", Get("dapr.io/log-as-json") == "true", "must be \"true\"");
        Expect("dapr.io/sidecar-seccomp-profile-type", Get("dapr.io/sidecar-seccomp-profile-type") == "RuntimeDefault",
            "must be RuntimeDefault, or the injected sidecar breaks the restricted profile");
        foreach (var key in SidecarResourceAnnotations)
        {
            Expect(key, !string.IsNullOrWhiteSpace(Get(key)), "must be set");
        }

        var grace = PodSpec(deployment).Number("terminationGracePeriodSeconds") ?? 30;
        var shutdown = int.TryParse(Get("dapr.io/graceful-shutdown-seconds"), out var seconds) ? seconds : 0;
        var block = Durations.Parse(Get("dapr.io/block-shutdown-duration")) ?? TimeSpan.Zero;
        Expect("dapr.io/graceful-shutdown-seconds", shutdown > 0 && TimeSpan.FromSeconds(shutdown) + block < TimeSpan.FromSeconds(grace),
            $"must be set, and with dapr.io/block-shutdown-duration stay under terminationGracePeriodSeconds ({grace})");

        foreach (var unknown in a.Keys.Where(k => k.StartsWith("dapr.io/", StringComparison.Ordinal) && !KnownDaprAnnotations.Contains(k)))
        {
            findings.Add("dapr-annotation-unknown", deployment, $"{unknown} is not a Dapr annotation");
        }

        var config = Get("dapr.io/config");
        if (!string.IsNullOrWhiteSpace(config))
        {
            findings.Require(OfKind("Configuration").Any(c => c.Name == config && SameNamespace(c, deployment)),
                "dapr-config-missing", deployment, $"dapr.io/config names Configuration {config}, which is not rendered");
        }
    }

    private IReadOnlyCollection<string> AppIds()
    {
        var fromDeployments = Deployments
            .Select(d => PodAnnotations(d).GetValueOrDefault("dapr.io/app-id"))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return fromDeployments.Count > 0 ? fromDeployments : options.ExpectedAppIds ?? [];
    }

    private void CheckDapr()
    {
        var appIds = AppIds();
        var components = OfKind("Component").ToList();
        foreach (var component in components)
        {
            CheckComponent(component, appIds);
        }

        RequireComponent(components, "statestore", "state.redis", appIds);
        RequireComponent(components, "pubsub", "pubsub.redis", appIds);

        var resiliencies = OfKind("Resiliency").ToList();
        if (components.Count > 0)
        {
            findings.Require(resiliencies.Count > 0, "resiliency-missing", "manifests", "no Dapr Resiliency is rendered");
        }

        foreach (var resiliency in resiliencies)
        {
            CheckResiliency(resiliency, appIds);
        }

        foreach (var configuration in OfKind("Configuration"))
        {
            findings.Require(!string.IsNullOrWhiteSpace(configuration.Root.Scalar("spec", "tracing", "otel", "endpointAddress"))
                && configuration.Root.Scalar("spec", "tracing", "samplingRate") is { Length: > 0 } rate && rate != "0",
                "configuration-tracing", configuration, "tracing must sample and export to an OTLP endpoint (spec.tracing.otel.endpointAddress)");
        }
    }

    private void CheckComponent(ManifestObject component, IReadOnlyCollection<string> appIds)
    {
        var scopes = component.Root.Seq("scopes").Scalars().ToList();
        findings.Require(scopes.Count > 0, "component-unscoped", component, "scopes must list the app ids that may load it");
        foreach (var scope in scopes.Where(s => appIds.Count > 0 && !appIds.Contains(s)))
        {
            findings.Add("component-scope-unknown", component, $"scope {scope} is not one of the apps ({string.Join(", ", appIds)})");
        }

        foreach (var item in component.Root.Seq("spec", "metadata").Maps())
        {
            var name = item.Scalar("name") ?? string.Empty;
            if (!name.Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var literal = item.Scalar("value");
            var fromSecret = !string.IsNullOrWhiteSpace(item.Scalar("secretKeyRef", "name")) && !string.IsNullOrWhiteSpace(item.Scalar("secretKeyRef", "key"));
            findings.Require(string.IsNullOrEmpty(literal) && (fromSecret || !options.RequireComponentSecretRefs),
                $"component-secret:{component.Name}", component, $"{name} must come from a Secret (secretKeyRef), never a literal");
        }

        if (component.Root.Scalar("spec", "type") == "pubsub.redis")
        {
            CheckRedisPubSub(component);
        }
    }

    private void CheckRedisPubSub(ManifestObject component)
    {
        var metadata = component.Root.Seq("spec", "metadata").Maps()
            .ToDictionary(m => m.Scalar("name") ?? string.Empty, m => m.Scalar("value"), StringComparer.Ordinal);
        string? Get(string key) => metadata.GetValueOrDefault(key);

        findings.Require(!string.IsNullOrWhiteSpace(Get("consumerID")), "pubsub:consumerID", component,
            "consumerID must give each app its own consumer group (\"{appID}\")");
        findings.Require(Durations.Parse(Get("redeliverInterval")) > TimeSpan.Zero, "pubsub:redeliverInterval", component,
            "redeliverInterval must be set and not 0 (0 turns redelivery off)");
        findings.Require(long.TryParse(Get("maxLenApprox"), out var maxLen) && maxLen > 0, "pubsub:maxLenApprox", component,
            "maxLenApprox must bound every stream");

        var processing = Durations.Parse(Get("processingTimeout"));
        var delivery = WorstCaseDelivery();
        findings.Require(processing > TimeSpan.Zero && (delivery is null || processing > delivery), "pubsub:processingTimeout", component,
            $"processingTimeout must be set and longer than the sidecar's own attempts at one delivery ({delivery?.TotalSeconds ?? 0} s)");
    }

    /// <summary>How long the sidecar may spend on one event: every attempt's timeout plus the pauses between.</summary>
    private TimeSpan? WorstCaseDelivery()
    {
        foreach (var resiliency in OfKind("Resiliency"))
        {
            var spec = resiliency.Root.Map("spec");
            var inbound = spec.Map("targets", "components", "pubsub", "inbound");
            var timeout = Durations.Parse(spec.Scalar("policies", "timeouts", inbound.Scalar("timeout") ?? string.Empty));
            var retry = spec.Map("policies", "retries", inbound.Scalar("retry") ?? string.Empty);
            if (timeout is null || retry is null || retry.Number("maxRetries") is not { } retries || retries < 0)
            {
                continue;
            }

            var pause = retry.Scalar("policy") == "exponential"
                ? Durations.Parse(retry.Scalar("maxInterval")) ?? TimeSpan.FromSeconds(60)
                : Durations.Parse(retry.Scalar("duration")) ?? TimeSpan.FromSeconds(5);
            return (timeout.Value * (retries + 1)) + (pause * retries);
        }

        return null;
    }

    private void RequireComponent(List<ManifestObject> components, string name, string type, IReadOnlyCollection<string> appIds)
    {
        var component = components.FirstOrDefault(c => c.Name == name);
        if (component is null || component.Root.Scalar("spec", "type") != type)
        {
            findings.Add($"component-missing:{name}", "manifests", $"a Dapr Component {name} of type {type} must be rendered");
            return;
        }

        var scopes = component.Root.Seq("scopes").Scalars().ToHashSet(StringComparer.Ordinal);
        foreach (var appId in appIds.Where(id => scopes.Count > 0 && !scopes.Contains(id)))
        {
            findings.Add("component-app-not-in-scope", component, $"app {appId} is not in its scopes, so its sidecar will not load it");
        }
    }

    private void CheckResiliency(ManifestObject resiliency, IReadOnlyCollection<string> appIds)
    {
        findings.Require(resiliency.Root.Seq("scopes").Scalars().Any(), "resiliency-unscoped", resiliency, "scopes must list the app ids it applies to");
        var spec = resiliency.Root.Map("spec");
        var timeouts = spec.Map("policies", "timeouts");
        var retries = spec.Map("policies", "retries");
        var breakers = spec.Map("policies", "circuitBreakers");

        foreach (var (key, value) in (IEnumerable<KeyValuePair<YamlNode, YamlNode>>?)retries?.Children ?? [])
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            var max = value.Number("maxRetries");
            findings.Require(max is >= 0, $"retry-unbounded:{name}", resiliency,
                $"retry policy {name} must set maxRetries >= 0 (missing means -1, retry forever)");
        }

        findings.Require(timeouts is { Children.Count: > 0 }, "resiliency-policies", resiliency, "needs timeout policies");
        findings.Require(breakers is { Children.Count: > 0 }, "resiliency-policies", resiliency, "needs circuit breaker policies");

        void Target(YamlMappingNode? target, string subject, bool needsBreaker)
        {
            findings.Require(target is not null, $"resiliency-target:{subject}", resiliency, $"no policy targets {subject}");
            if (target is null)
            {
                return;
            }

            foreach (var (kind, policies) in new[] { ("timeout", timeouts), ("retry", retries), ("circuitBreaker", breakers) })
            {
                var policy = target.Scalar(kind);
                if (policy is null)
                {
                    findings.Require(kind == "circuitBreaker" && !needsBreaker, $"resiliency-target:{subject}", resiliency, $"{subject} has no {kind} policy");
                    continue;
                }

                findings.Require(policies.Has(policy), $"resiliency-policy-unknown:{policy}", resiliency, $"{subject} names {kind} policy {policy}, which is not defined");
            }
        }

        var components = spec.Map("targets", "components");
        Target(components.Map("statestore", "outbound"), "statestore outbound", needsBreaker: true);
        Target(components.Map("pubsub", "outbound"), "pubsub outbound", needsBreaker: true);
        Target(components.Map("pubsub", "inbound"), "pubsub inbound", needsBreaker: false);
        foreach (var appId in appIds)
        {
            Target(spec.Map("targets", "apps", appId), $"app {appId}", needsBreaker: true);
        }

        // One retry owner for the store: the app retries reads and never a compare-and-set save, whose
        // retry after a lost answer finds its own write and reports a lost race (Dapr issues 4254, 6018).
        var storeRetry = retries.Map(components.Scalar("statestore", "outbound", "retry") ?? string.Empty);
        findings.Require(storeRetry is null || storeRetry.Number("maxRetries") is 0, "statestore-retried-by-sidecar", resiliency,
            "statestore outbound must not retry (maxRetries: 0): the app owns the store's retries, and a retried compare-and-set save that had succeeded comes back as ABORTED");

        var inboundRetry = retries.Map(components.Scalar("pubsub", "inbound", "retry") ?? string.Empty);
        if (EventMaxAttempts() is { } attempts && inboundRetry.Number("maxRetries") is { } inboundRetries)
        {
            findings.Require(inboundRetries + 1 == attempts, "event-attempts", resiliency,
                $"pubsub inbound makes {inboundRetries + 1} attempts before the dead-letter topic, but Hld__Events__MaxAttempts is {attempts}");
        }
    }
}
