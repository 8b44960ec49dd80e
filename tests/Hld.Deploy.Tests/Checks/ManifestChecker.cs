using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Hld.Deploy.Tests.Checks;

/// <summary>
/// The invariants every rendered HLD manifest holds (issue 7): Dapr annotations, gRPC
/// probes, resources, the restricted security context, configuration from ConfigMaps
/// and secrets from Secrets, a Service and a PodDisruptionBudget per Deployment,
/// default-deny network policy, scoped components, bounded retries, and app ids that
/// agree with the code. Each rule has a stable id; the broken-manifest tests name them.
/// </summary>
public sealed partial class ManifestChecker
{
    public const int AppPort = 8080;
    public const string ProjectAnnotation = "hld.un.org/project";

    private readonly IReadOnlyList<ManifestObject> objects;
    private readonly CheckOptions options;
    private readonly Findings findings = new();

    private ManifestChecker(IReadOnlyList<ManifestObject> objects, CheckOptions options)
    {
        this.objects = objects;
        this.options = options;
    }

    public static IReadOnlyList<Violation> Check(IReadOnlyList<ManifestObject> objects, CheckOptions options)
    {
        var checker = new ManifestChecker(objects, options);
        checker.Run();
        return checker.findings.All;
    }

    private IEnumerable<ManifestObject> OfKind(string kind) => objects.Where(o => o.Kind == kind);

    private IEnumerable<ManifestObject> Deployments => OfKind("Deployment");

    private void Run()
    {
        foreach (var workload in objects.Where(o => PodTemplate(o) is not null))
        {
            CheckPodSecurity(workload);
            CheckContainers(workload);
        }

        foreach (var deployment in Deployments)
        {
            CheckServiceDeployment(deployment);
        }

        foreach (var configMap in OfKind("ConfigMap"))
        {
            CheckNoSecretsIn(configMap);
        }

        foreach (var ns in OfKind("Namespace"))
        {
            findings.Require(
                ns.Root.StringMap("metadata", "labels").GetValueOrDefault("pod-security.kubernetes.io/enforce") == "restricted",
                "namespace-pss", ns, "label pod-security.kubernetes.io/enforce must be \"restricted\"");
        }

        CheckNetworkPolicies();
        CheckDapr();
        CheckAppIdsAgainstCode();
    }

    // ---- Pods -------------------------------------------------------------------------

    private static YamlMappingNode? PodTemplate(ManifestObject o) => o.Kind switch
    {
        "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => o.Root.Map("spec", "template"),
        "CronJob" => o.Root.Map("spec", "jobTemplate", "spec", "template"),
        "Pod" => o.Root,
        _ => null,
    };

    private static YamlMappingNode? PodSpec(ManifestObject o) => PodTemplate(o).Map("spec");

    private static IReadOnlyDictionary<string, string> PodLabels(ManifestObject o) => PodTemplate(o).StringMap("metadata", "labels");

    private static IReadOnlyDictionary<string, string> PodAnnotations(ManifestObject o) => PodTemplate(o).StringMap("metadata", "annotations");

    private static IEnumerable<YamlMappingNode> AllContainers(YamlMappingNode? spec) =>
        spec.Seq("initContainers").Maps().Concat(spec.Seq("containers").Maps());

    private static string ContainerName(YamlMappingNode container) => container.Scalar("name") ?? "(unnamed)";

    private void CheckPodSecurity(ManifestObject workload)
    {
        var spec = PodSpec(workload);
        var pod = spec.Map("securityContext");
        foreach (var host in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            findings.Require(!spec.IsTrue(host), "security:host-namespaces", workload, $"{host} must not be true");
        }

        foreach (var volume in spec.Seq("volumes").Maps().Where(v => v.Has("hostPath")))
        {
            findings.Add("security:host-path", workload, $"volume {volume.Scalar("name")} mounts a hostPath");
        }

        foreach (var container in AllContainers(spec))
        {
            var c = container.Map("securityContext");
            var name = $"{workload}/{ContainerName(container)}";

            var nonRoot = c.Scalar("runAsNonRoot") ?? pod.Scalar("runAsNonRoot");
            findings.Require(nonRoot == "true", "security:runAsNonRoot", name, "runAsNonRoot must be true (pod or container)");
            findings.Require((c.Scalar("runAsUser") ?? pod.Scalar("runAsUser")) != "0", "security:runAsUser", name, "must not run as UID 0");

            var seccomp = c.Scalar("seccompProfile", "type") ?? pod.Scalar("seccompProfile", "type");
            findings.Require(seccomp is "RuntimeDefault" or "Localhost", "security:seccompProfile", name,
                "seccompProfile.type must be RuntimeDefault (pod or container)");
            findings.Require(c.IsFalse("allowPrivilegeEscalation"), "security:allowPrivilegeEscalation", name,
                "allowPrivilegeEscalation must be false");
            findings.Require(!c.IsTrue("privileged"), "security:privileged", name, "must not be privileged");
            findings.Require(c.Seq("capabilities", "drop").Scalars().Contains("ALL"), "security:capabilities", name,
                "capabilities.drop must contain ALL");
            findings.Require(c.Seq("capabilities", "add").Scalars().All(a => a == "NET_BIND_SERVICE"), "security:capabilities", name,
                "capabilities.add may hold NET_BIND_SERVICE only");
            findings.Require(c.IsTrue("readOnlyRootFilesystem"), "security:readOnlyRootFilesystem", name,
                "readOnlyRootFilesystem must be true");
        }
    }

    private void CheckContainers(ManifestObject workload)
    {
        foreach (var container in AllContainers(PodSpec(workload)))
        {
            var name = $"{workload}/{ContainerName(container)}";
            foreach (var (section, resource) in new[] { ("requests", "cpu"), ("requests", "memory"), ("limits", "cpu"), ("limits", "memory") })
            {
                findings.Require(!string.IsNullOrWhiteSpace(container.Scalar("resources", section, resource)),
                    $"resources:{section}.{resource}", name, $"resources.{section}.{resource} must be set");
            }

            var image = container.Scalar("image") ?? string.Empty;
            var lastSegment = image[(image.LastIndexOf('/') + 1)..];
            var pinned = image.Contains('@', StringComparison.Ordinal) || (lastSegment.Contains(':', StringComparison.Ordinal) && !lastSegment.EndsWith(":latest", StringComparison.Ordinal));
            findings.Require(pinned, "image-tag", name, $"image \"{image}\" needs a tag other than latest, or a digest");

            foreach (var env in container.Seq("env").Maps().Where(e => e.Has("value")))
            {
                var envName = env.Scalar("name") ?? string.Empty;
                var value = env.Scalar("value") ?? string.Empty;
                findings.Require(!LooksSecret(envName, value), "secret-literal", name,
                    $"env {envName} carries a secret as a literal; take it from a Secret (valueFrom.secretKeyRef)");
            }
        }
    }

    private void CheckNoSecretsIn(ManifestObject configMap)
    {
        foreach (var (key, value) in configMap.Root.StringMap("data"))
        {
            findings.Require(!LooksSecret(key, value), "secret-in-configmap", configMap,
                $"{key} looks like a secret; secrets belong in a Secret");
        }
    }

    /// <summary>A name that says secret, or a connection string with a password in it.</summary>
    private static bool LooksSecret(string name, string value) =>
        (SecretName().IsMatch(name) && !string.IsNullOrEmpty(value)) || PasswordInValue().IsMatch(value);

    [GeneratedRegex("(?i)(password|passwd|secret|token|api[_-]?key|private[_-]?key|credential)")]
    private static partial Regex SecretName();

    [GeneratedRegex("(?i)(password|pwd)=[^,;\\s]+")]
    private static partial Regex PasswordInValue();

    // ---- The four service Deployments ---------------------------------------------------

    private void CheckServiceDeployment(ManifestObject deployment)
    {
        var spec = PodSpec(deployment);
        var containers = spec.Seq("containers").Maps().ToList();
        findings.Require(containers.Count > 0, "containers", deployment, "has no containers");

        var replicas = deployment.Root.Number("spec", "replicas") ?? 1;
        findings.Require(replicas >= options.MinReplicas, "replicas", deployment,
            $"runs {replicas} replica(s); this environment needs at least {options.MinReplicas}");

        var strategy = deployment.Root.Map("spec", "strategy");
        findings.Require(strategy.Scalar("type") is null or "RollingUpdate" && strategy.Scalar("rollingUpdate", "maxUnavailable") == "0",
            "rollout", deployment, "a rolling update with maxUnavailable: 0 keeps serving while it upgrades");

        foreach (var container in containers)
        {
            var name = $"{deployment}/{ContainerName(container)}";
            CheckGrpcProbe(container, "readinessProbe", "probe-readiness", name);
            CheckGrpcProbe(container, "livenessProbe", "probe-liveness", name);

            var tmp = container.Seq("volumeMounts").Maps().FirstOrDefault(m => m.Scalar("mountPath") == "/tmp");
            var tmpVolume = spec.Seq("volumes").Maps().FirstOrDefault(v => v.Scalar("name") == tmp.Scalar("name"));
            findings.Require(tmp is not null && tmpVolume.Has("emptyDir"), "writable-tmp", name,
                "with a read-only root file system .NET needs /tmp mounted from an emptyDir");
        }

        CheckSettings(deployment, containers);
        CheckDaprAnnotations(deployment, containers);

        var labels = PodLabels(deployment);
        var services = OfKind("Service").Where(s => SameNamespace(s, deployment)).ToList();
        findings.Require(services.Any(s => Selects(s.Root.StringMap("spec", "selector"), labels) && TargetsAppPort(s, containers)),
            "service-missing", deployment, $"no Service selects its pods on port {AppPort}");

        var budgets = OfKind("PodDisruptionBudget").Where(p => SameNamespace(p, deployment));
        findings.Require(budgets.Any(p => Selects(p.Root.StringMap("spec", "selector", "matchLabels"), labels)),
            "pdb-missing", deployment, "no PodDisruptionBudget selects its pods");
    }

    private void CheckGrpcProbe(YamlMappingNode container, string probe, string rule, string subject)
    {
        var port = container.Scalar(probe, "grpc", "port");
        findings.Require(port == AppPort.ToString(System.Globalization.CultureInfo.InvariantCulture), rule, subject,
            $"{probe} must be a native gRPC probe (grpc.port: {AppPort}) against grpc.health.v1.Health");
    }

    private static bool SameNamespace(ManifestObject a, ManifestObject b) => a.Namespace == b.Namespace;

    private static bool Selects(IReadOnlyDictionary<string, string> selector, IReadOnlyDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static bool TargetsAppPort(ManifestObject service, IReadOnlyList<YamlMappingNode> containers)
    {
        var portNames = containers.SelectMany(c => c.Seq("ports").Maps())
            .Where(p => p.Number("containerPort") == AppPort)
            .Select(p => p.Scalar("name"))
            .ToHashSet(StringComparer.Ordinal);
        return service.Root.Seq("spec", "ports").Maps().Any(p =>
        {
            var target = p.Scalar("targetPort") ?? p.Scalar("port");
            return target == AppPort.ToString(System.Globalization.CultureInfo.InvariantCulture) || portNames.Contains(target);
        });
    }

    /// <summary>The settings a service reads: its ConfigMaps (envFrom) overlaid with literal env.</summary>
    private Dictionary<string, string> SettingsOf(ManifestObject deployment, IEnumerable<YamlMappingNode> containers)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var container in containers)
        {
            foreach (var source in container.Seq("envFrom").Maps())
            {
                var mapName = source.Scalar("configMapRef", "name");
                if (mapName is null)
                {
                    continue;
                }

                var map = OfKind("ConfigMap").FirstOrDefault(m => m.Name == mapName && SameNamespace(m, deployment));
                if (map is null)
                {
                    findings.Add("settings:configmap-missing", deployment, $"envFrom names ConfigMap {mapName}, which is not rendered");
                    continue;
                }

                foreach (var (key, value) in map.Root.StringMap("data"))
                {
                    settings[key] = value;
                }
            }

            foreach (var env in container.Seq("env").Maps().Where(e => e.Has("value")))
            {
                settings[env.Scalar("name") ?? string.Empty] = env.Scalar("value") ?? string.Empty;
            }
        }

        return settings;
    }

    private void CheckSettings(ManifestObject deployment, IReadOnlyList<YamlMappingNode> containers)
    {
        var settings = SettingsOf(deployment, containers);
        string? Get(string key) => settings.GetValueOrDefault(key);
        void Expect(string key, bool holds, string what) =>
            findings.Require(holds, $"settings:{key}", deployment, $"{key} {what} (now \"{Get(key) ?? "unset"}\")");

        Expect("ASPNETCORE_ENVIRONMENT", Get("ASPNETCORE_ENVIRONMENT") == "Production", "must be Production");
        Expect("ASPNETCORE_HTTP_PORTS", Get("ASPNETCORE_HTTP_PORTS") == "8080;8081", "must be 8080;8081 (gRPC, REST)");
        Expect("Hld__Rest__Port", Get("Hld__Rest__Port") == "8081", "must be 8081, the HTTP/1.1 port of REST (decision 014)");
        Expect("Kestrel__EndpointDefaults__Protocols", Get("Kestrel__EndpointDefaults__Protocols") == "Http2", "must be Http2 (h2c)");
        Expect("Hld__Store", Get("Hld__Store") == "Dapr", "must be Dapr on Kubernetes");
        Expect("Hld__Auth__Authority", Get("Hld__Auth__Authority")?.StartsWith("https://", StringComparison.Ordinal) == true, "must be an https OIDC authority");
        Expect("Hld__Auth__Audience", !string.IsNullOrWhiteSpace(Get("Hld__Auth__Audience")), "must be set");
        Expect("OTEL_EXPORTER_OTLP_ENDPOINT", !string.IsNullOrWhiteSpace(Get("OTEL_EXPORTER_OTLP_ENDPOINT")), "must name the OTLP collector");
        Expect("Hld__Events__MaxAttempts", int.TryParse(Get("Hld__Events__MaxAttempts"), out var attempts) && attempts > 0, "must be a positive number");

        var appId = PodAnnotations(deployment).GetValueOrDefault("dapr.io/app-id");
        findings.Require(Get("Hld__AppId") is { Length: > 0 } id && id == appId, "env:app-id", deployment,
            $"Hld__AppId (\"{Get("Hld__AppId") ?? "unset"}\") must equal dapr.io/app-id (\"{appId ?? "unset"}\"): the app subscribes and publishes as Hld:AppId");
    }

    private int? EventMaxAttempts()
    {
        if (options.EventMaxAttempts is { } configured)
        {
            return configured;
        }

        var values = Deployments
            .Select(d => SettingsOf(d, PodSpec(d).Seq("containers").Maps()).GetValueOrDefault("Hld__Events__MaxAttempts"))
            .Where(v => v is not null)
            .Distinct()
            .ToList();
        return values.Count == 1 && int.TryParse(values[0], out var attempts) ? attempts : null;
    }

    // ---- App ids against the code --------------------------------------------------------

    private void CheckAppIdsAgainstCode()
    {
        if (options.CodeAppIds is not { } code)
        {
            return;
        }

        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var deployment in Deployments)
        {
            var project = deployment.Root.StringMap("metadata", "annotations").GetValueOrDefault(ProjectAnnotation);
            var appId = PodAnnotations(deployment).GetValueOrDefault("dapr.io/app-id");
            if (project is null || !code.TryGetValue(project, out var codeAppId))
            {
                findings.Add("app-id-project", deployment,
                    $"annotation {ProjectAnnotation} must name one of the service projects ({string.Join(", ", code.Keys)})");
                continue;
            }

            covered.Add(project);
            findings.Require(appId == codeAppId, "app-id-code", deployment,
                $"dapr.io/app-id is \"{appId}\" but {project} subscribes as \"{codeAppId}\" (its appsettings.json Hld:AppId)");
        }

        foreach (var missing in code.Keys.Where(p => !covered.Contains(p)))
        {
            findings.Add("app-missing", missing, "no Deployment runs this service project");
        }
    }
}
