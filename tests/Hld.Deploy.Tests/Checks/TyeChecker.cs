namespace Hld.Deploy.Tests.Checks;

/// <summary>tye.yaml lists every service project, under its app id, with the Dapr extension.</summary>
public static class TyeChecker
{
    public static IReadOnlyList<Violation> Check(string tyeFile, string root, IReadOnlyDictionary<string, string> appIds)
    {
        var findings = new Findings();
        var tye = Yaml.ParseFile(tyeFile).Single().Root;
        var services = tye.Seq("services").Maps().ToList();
        var byProject = services
            .Where(s => s.Scalar("project") is not null)
            .ToDictionary(s => s.Scalar("project")!.Replace('\\', '/').TrimStart('.', '/'), s => s, StringComparer.Ordinal);

        foreach (var (project, appId) in appIds)
        {
            if (!byProject.TryGetValue(project, out var service))
            {
                findings.Add($"tye-missing-project:{project}", tyeFile, $"{project} ({appId}) is not a service in tye.yaml");
                continue;
            }

            var name = service.Scalar("name");
            findings.Require(name == appId, "tye-app-id", tyeFile,
                $"{project} runs as \"{name}\", which Tye makes its Dapr app id; the code subscribes as \"{appId}\"");
            var envAppId = service.Seq("env").Maps().FirstOrDefault(e => e.Scalar("name") == "Hld__AppId").Scalar("value");
            findings.Require(envAppId is null || envAppId == appId, "tye-app-id", tyeFile, $"{project} sets Hld__AppId to \"{envAppId}\", not \"{appId}\"");
            var known = ServiceCatalog.Known.FirstOrDefault(k => k.Project == project);
            var port = service.Seq("bindings").Maps().Select(b => b.Number("port")).FirstOrDefault();
            findings.Require(known is null || port == known.LocalPort, "tye-port", tyeFile,
                $"{project} must listen on {known?.LocalPort}, the port `./hld up` gives it (now {port})");
        }

        foreach (var project in byProject.Keys.Where(p => !File.Exists(Path.Combine(root, p))))
        {
            findings.Add("tye-unknown-project", tyeFile, $"{project} does not exist");
        }

        var dapr = tye.Seq("extensions").Maps().FirstOrDefault(e => e.Scalar("name") == "dapr");
        findings.Require(dapr is not null, "tye-dapr", tyeFile, "needs the dapr extension");
        if (dapr is not null)
        {
            var components = Path.Combine(root, dapr.Scalar("components-path") ?? "(unset)");
            findings.Require(Directory.Exists(components), "tye-dapr:components-path", tyeFile, $"components-path {components} does not exist");
            var config = dapr.Scalar("config");
            findings.Require(config is not null && File.Exists(Path.Combine(components, config + ".yaml")), "tye-dapr:config", tyeFile,
                $"config {config} must be a file {config}.yaml in the components path");
            findings.Require(dapr.Scalar("app-protocol") == "grpc", "tye-dapr:app-protocol", tyeFile, "app-protocol must be grpc");
        }

        return findings.All;
    }
}
