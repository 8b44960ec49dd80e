using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Hld.Testing;
using Xunit;

namespace Hld.Cli.Tests;

/// <summary>
/// The registry and reporting hosts as `./hld up` runs them (Development, their built output), on ports
/// of 5501-5509 and a real redis-server of their own: a CLI process cannot reach an in-memory TestServer.
/// </summary>
public sealed class LiveHosts : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly List<Process> _hosts = [];
    private readonly List<int> _ports = [];

    public string RegistryUrl { get; private set; } = string.Empty;

    public string ReportingUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        RegistryUrl = Start("Hld.Registry.Api");
        ReportingUrl = Start("Hld.Reporting.Api");
        foreach (var url in new[] { RegistryUrl, ReportingUrl })
        {
            var healthy = await CliProcess.RunAsync("wait-healthy", url, "--timeout", "90");
            Assert.True(healthy.ExitCode == 0, $"{url} did not become healthy: {healthy.Error}");
        }
    }

    private string Start(string project)
    {
        var port = FreePort(_ports);
        _ports.Add(port);
        var folder = Path.GetDirectoryName(CliProcess.BuildOutput(project, project + ".dll"))!;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { project + ".dll", "--urls", $"http://127.0.0.1:{port}" },
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["Hld__Redis__Configuration"] = _redis.Configuration,
                ["Hld__Events__PollInterval"] = "00:00:00.050",
            },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _hosts.Add(process);
        return $"http://127.0.0.1:{port}";
    }

    // 5501-5509 are this project's (the brief of issue 16): not those of ./hld up, bench or chaos.
    internal static int FreePort(List<int> chosen)
    {
        for (var port = 5501; port <= 5509; port++)
        {
            if (chosen.Contains(port))
            {
                continue;
            }

            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken; the next one.
            }
        }

        throw new InvalidOperationException("no free port in 5501-5509 for the CLI tests' hosts");
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            if (!host.HasExited)
            {
                host.Kill(entireProcessTree: true);
            }

            await host.WaitForExitAsync();
            host.Dispose();
        }

        await _redis.DisposeAsync();
    }
}
