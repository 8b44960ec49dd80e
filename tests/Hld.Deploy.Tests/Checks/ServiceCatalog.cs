using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hld.Deploy.Tests.Checks;

/// <summary>A service as the deployment knows it: its project, app id and local port.</summary>
public sealed record ServiceProject(string Project, string AppId, int LocalPort);

/// <summary>
/// The four services. <see cref="Known"/> is the table the deployment is written
/// against; <see cref="FromCode"/> reads what the code itself says, which is what a
/// sidecar's app id must match: the app subscribes and publishes as Hld:AppId.
/// </summary>
public static partial class ServiceCatalog
{
    public static readonly IReadOnlyList<ServiceProject> Known =
    [
        new("services/Hld.Registry.Api/Hld.Registry.Api.csproj", "hld-registry", 5101),
        new("services/Hld.Sessions.Api/Hld.Sessions.Api.csproj", "hld-sessions", 5102),
        new("services/Hld.Hearings.Api/Hld.Hearings.Api.csproj", "hld-hearings", 5103),
        new("services/Hld.Reporting.Api/Hld.Reporting.Api.csproj", "hld-reporting", 5104),
    ];

    public static IReadOnlyDictionary<string, string> KnownAppIds { get; } =
        Known.ToDictionary(s => s.Project, s => s.AppId, StringComparer.Ordinal);

    /// <summary>Every gRPC host project on disk (services/*/Hld.*.Api.csproj), relative to the root.</summary>
    public static IReadOnlyList<string> ApiProjectsOnDisk(string root)
    {
        var services = System.IO.Path.Combine(root, "services");
        if (!Directory.Exists(services))
        {
            return [];
        }

        return Directory.EnumerateFiles(services, "*.Api.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !p.Contains($"{System.IO.Path.DirectorySeparatorChar}bin{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => System.IO.Path.GetRelativePath(root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The projects the deployment must cover: those on disk and those in the table.</summary>
    public static IReadOnlyList<string> AllProjects(string root) =>
        ApiProjectsOnDisk(root).Union(Known.Select(k => k.Project), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Project → app id, from each project's appsettings.json (Hld:AppId). When Program.cs
    /// passes an app id literal to AddServiceDefaults, it must agree. Throws with a message
    /// saying what is missing.
    /// </summary>
    public static IReadOnlyDictionary<string, string> FromCode(string root)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var project in AllProjects(root))
        {
            var dir = System.IO.Path.GetDirectoryName(System.IO.Path.Combine(root, project))!;
            var settings = System.IO.Path.Combine(dir, "appsettings.json");
            if (!File.Exists(settings))
            {
                problems.Add($"{Relative(root, settings)} does not exist; it must hold {{\"Hld\": {{\"AppId\": \"...\"}}}}.");
                continue;
            }

            var appId = ReadAppId(settings);
            if (string.IsNullOrWhiteSpace(appId))
            {
                problems.Add($"{Relative(root, settings)} has no Hld:AppId.");
                continue;
            }

            var program = System.IO.Path.Combine(dir, "Program.cs");
            if (File.Exists(program))
            {
                var literal = AddServiceDefaultsLiteral().Match(File.ReadAllText(program));
                if (literal.Success && literal.Groups[1].Value != appId)
                {
                    problems.Add($"{Relative(root, program)} passes \"{literal.Groups[1].Value}\" to AddServiceDefaults, but appsettings.json says Hld:AppId is \"{appId}\".");
                }
            }

            result[project] = appId;
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                "The services' app ids cannot be read from the code:" + Environment.NewLine + string.Join(Environment.NewLine, problems));
        }

        return result;
    }

    private static string? ReadAppId(string settingsFile)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(settingsFile), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        return json.RootElement.ValueKind == JsonValueKind.Object
            && json.RootElement.TryGetProperty("Hld", out var hld)
            && hld.ValueKind == JsonValueKind.Object
            && hld.TryGetProperty("AppId", out var appId)
            && appId.ValueKind == JsonValueKind.String
                ? appId.GetString()
                : null;
    }

    private static string Relative(string root, string path) => System.IO.Path.GetRelativePath(root, path).Replace('\\', '/');

    [GeneratedRegex("""AddServiceDefaults\(\s*"([^"]+)"\s*\)""")]
    private static partial Regex AddServiceDefaultsLiteral();
}
