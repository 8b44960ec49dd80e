using System.Diagnostics;
using System.Text;

namespace Hld.Cli.Tests;

/// <summary>What one run of the CLI left: its exit code, stdout and stderr.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>Runs the built CLI (services/Hld.Cli/bin/…/hld.dll) as a partner does, and the hosts it calls.</summary>
public static class CliProcess
{
    public static string RepositoryRoot { get; } = FindRoot();

    // The configuration this test project was built in (bin/Release/net10.0): the CLI and hosts are built alongside.
    private static readonly string Configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string BuildOutput(string project, string assembly) =>
        Path.Combine(RepositoryRoot, "services", project, "bin", Configuration, "net10.0", assembly);

    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(BuildOutput("Hld.Cli", "hld.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Neither the developer's token nor their host may leak into a test.
        start.Environment.Remove("HLD_URL");
        start.Environment.Remove("HLD_TOKEN");
        return start;
    }

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliRun(process.ExitCode, await output, await error);
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HLD.Services.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("HLD.Services.sln not found above " + AppContext.BaseDirectory);
    }
}
