using System.Diagnostics;
using Hld.Deploy.Tests.Checks;
using Xunit;

namespace Hld.Deploy.Tests;

/// <summary>
/// `./hld breaking`, the step of `./hld test` that keeps the released contracts (decision 012), run
/// as a process in a scratch repository that holds a copy of this one's protos and script: it passes
/// on the protos as released and on a compatible change, fails on a deliberate break, and says so
/// when it has no baseline to compare with rather than passing.
/// </summary>
public sealed class ContractBaselineTests : IDisposable
{
    private readonly string repo = Directory.CreateTempSubdirectory("hld-breaking-").FullName;

    public ContractBaselineTests()
    {
        CopyDirectory(RepositoryRoot.Combine("protos"), Path.Combine(repo, "protos"));
        File.Copy(RepositoryRoot.Combine("hld"), Path.Combine(repo, "hld"));
        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("commit", "-q", "-m", "released");
        var released = Git("rev-parse", "HEAD").Trim();
        File.WriteAllText(Path.Combine(repo, "protos", "RELEASED"), released + "\n");
        Git("commit", "-q", "-am", "baseline");
    }

    private string Registry => Path.Combine(repo, "protos", "hld", "registry", "v1", "registry.proto");

    [Fact]
    public void The_protos_as_released_pass()
    {
        var (exit, output) = Breaking();

        Assert.True(exit == 0, output);
        Assert.Contains("none", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_deleted_field_fails_and_names_the_field()
    {
        var proto = File.ReadAllText(Registry);
        Assert.Contains("  string acronym = 8;\n", proto, StringComparison.Ordinal);
        File.WriteAllText(Registry, proto.Replace("  string acronym = 8;\n", string.Empty, StringComparison.Ordinal));

        var (exit, output) = Breaking();

        Assert.Equal(1, exit);
        Assert.Contains("acronym", output, StringComparison.Ordinal);
        Assert.Contains("breaks a released contract", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_field_type_fails_and_an_added_field_passes()
    {
        var proto = File.ReadAllText(Registry);
        File.WriteAllText(Registry, proto.Replace("  string acronym = 8;\n", "  int32 acronym = 8;\n", StringComparison.Ordinal));
        var (changed, changedOutput) = Breaking();

        File.WriteAllText(Registry, proto.Replace("  string acronym = 8;\n", "  string acronym = 8;\n  // Added after the release.\n  string added_later = 999;\n", StringComparison.Ordinal));
        var (added, addedOutput) = Breaking();

        Assert.True(changed == 1, changedOutput);
        Assert.True(added == 0, addedOutput);
    }

    [Fact]
    public void Without_a_baseline_in_the_clone_it_says_so_and_does_not_pass()
    {
        File.WriteAllText(Path.Combine(repo, "protos", "RELEASED"), new string('0', 40) + "\n");

        var (exit, output) = Breaking();

        Assert.Equal(3, exit);
        Assert.Contains("no baseline", output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(repo, recursive: true);

    private (int Exit, string Output) Breaking()
    {
        var buf = RepositoryRoot.Combine("node_modules", ".bin", "buf");
        Assert.True(File.Exists(buf), $"{buf} is missing: ./hld test installs it (npm ci)");
        var start = new ProcessStartInfo("bash", [Path.Combine(repo, "hld"), "breaking"])
        {
            WorkingDirectory = repo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["HLD_BUF"] = buf },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "./hld breaking did not finish");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git", ["-c", "user.name=test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", .. args])
        {
            WorkingDirectory = repo,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
        return output;
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
