using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;
using Xunit;

namespace Hld.Testing;

/// <summary>
/// A real three-primary Redis Cluster: three redis-server processes in cluster mode on loopback,
/// joined by <c>redis-cli --cluster create</c>, with the 16,384 slots split between them. No
/// persistence; the directory goes with the fixture.
/// </summary>
public sealed class RedisCluster : IAsyncLifetime
{
    private const int Primaries = 3;
    private readonly List<Process> _processes = [];
    private string? _directory;

    public IReadOnlyList<int> Ports { get; private set; } = [];

    public string Configuration => string.Join(',', Ports.Select(p => $"127.0.0.1:{p}")) + ",abortConnect=false";

    public IConnectionMultiplexer Connection { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("hld-redis-cluster-").FullName;
        Ports = FreePorts(Primaries);
        foreach (var port in Ports)
        {
            var directory = Directory.CreateDirectory(Path.Combine(_directory, port.ToString(CultureInfo.InvariantCulture))).FullName;
            _processes.Add(Start("redis-server",
                "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--cluster-enabled", "yes", "--cluster-config-file", Path.Combine(directory, "nodes.conf"), "--cluster-node-timeout", "5000",
                "--dir", directory));
        }

        foreach (var port in Ports)
        {
            await WaitAsync(() => Run("redis-cli", "-p", port.ToString(CultureInfo.InvariantCulture), "ping").Contains("PONG", StringComparison.Ordinal), $"redis-server on {port}");
        }

        var create = Run("redis-cli", ["--cluster", "create", .. Ports.Select(p => $"127.0.0.1:{p}"), "--cluster-replicas", "0", "--cluster-yes"]);
        if (!create.Contains("All 16384 slots covered", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"redis-cli --cluster create did not cover the slots:\n{create}");
        }

        foreach (var port in Ports)
        {
            await WaitAsync(() => Run("redis-cli", "-p", port.ToString(CultureInfo.InvariantCulture), "cluster", "info").Contains("cluster_state:ok", StringComparison.Ordinal), $"cluster state on {port}");
        }

        Connection = await ConnectionMultiplexer.ConnectAsync(Configuration);
        await WaitAsync(() => Connection.GetServers().Count(s => s.IsConnected && s.ServerType == ServerType.Cluster) == Primaries, "the client's view of the cluster");
    }

    public async Task DisposeAsync()
    {
        if (Connection is not null)
        {
            await Connection.DisposeAsync();
        }

        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static Process Start(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return process;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException($"{file} is not installed: run ./hld test, which installs redis-server and redis-tools.", ex);
        }
    }

    private static string Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return output.Result + error.Result;
    }

    private static async Task WaitAsync(Func<bool> ready, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!ready())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }

    // A cluster node also listens on its port + 10,000 (the cluster bus), so both must be free and
    // under 65,536: ports are drawn from 20,000-29,999 rather than the ephemeral range.
    private static int[] FreePorts(int count)
    {
        var ports = new List<int>();
        var random = new Random();
        while (ports.Count < count)
        {
            var port = random.Next(20_000, 30_000);
            if (!ports.Contains(port) && IsFree(port) && IsFree(port + 10_000))
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
