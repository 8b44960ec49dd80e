using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Security;

namespace Hld.Benchmarks;

/// <summary>
/// One run, in one process tree: the ceiling first, then every figure against the services
/// `./hld bench` started, each printed as it is taken and all written to JSON at the end.
/// </summary>
public static class BenchRun
{
    private static readonly string[] Countries = ["NGA", "CHN", "POL", "BRA", "FRA"];

    private static readonly ParticipantCategory[] Organisations =
    [
        ParticipantCategory.OtherNgo, ParticipantCategory.CivilSocietyOrganization,
        ParticipantCategory.AcademicInstitution, ParticipantCategory.PrivateSectorEntity,
    ];

    private static long _nextId;

    public static async Task<int> SmokeAsync(BenchOptions options)
    {
        await using var echo = await EchoProcess.StartAsync(options.EchoPort);
        var health = new Health.HealthClient(echo.Channel);
        var result = await LoadGenerator.RunAsync(4, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), (_, _) => health.CheckAsync(new HealthCheckRequest()).ResponseAsync);
        Console.WriteLine($"smoke: {result.Calls} calls, {result.Errors} errors, {result.Rps:N0} req/s");
        return result.Calls > 0 && result.Errors == 0 ? 0 : 1;
    }

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var started = Stopwatch.StartNew();
        var figures = new List<Figure>();
        void Print(Figure figure)
        {
            figures.Add(figure);
            Console.WriteLine($"  [{started.Elapsed:mm\\:ss}] {figure.Name}: " + Report.Table([figure]).Split('\n')[1].Trim());
        }

        Console.WriteLine($"Benchmark: warm-up {options.Warmup.TotalSeconds}s, window {options.Duration.TotalSeconds}s, concurrency {string.Join(",", options.Concurrency)}; {Environment.ProcessorCount} cores; redis {options.RedisMode}");
        var ceiling = new Dictionary<int, double>();
        await using (var echo = await EchoProcess.StartAsync(options.EchoPort))
        {
            var health = new Health.HealthClient(echo.Channel);
            await LoadGenerator.RunAsync(16, TimeSpan.Zero, options.Warmup, (_, _) => health.CheckAsync(new HealthCheckRequest()).ResponseAsync);
            foreach (var c in options.Concurrency)
            {
                var result = await LoadGenerator.RunAsync(c, options.Warmup, options.Duration, (_, _) => health.CheckAsync(new HealthCheckRequest()).ResponseAsync);
                ceiling[c] = result.Rps;
                Print(Figure.Of($"ceiling: echo c={c}", result, result.Rps));
            }
        }

        using var registryChannel = Channel(options.Registry);
        using var reportingChannel = Channel(options.Reporting);
        var registry = new RegistryService.RegistryServiceClient(registryChannel);
        var reporting = new ReportingService.ReportingServiceClient(reportingChannel);
        var secretariat = Auth(Roles.Secretariat);
        var reader = Auth(Roles.ReportingReader);

        // The registry host's floor: the same anonymous health RPC as the echo, through the host's
        // middleware (routing, auth's anonymous path, interceptors, telemetry), no store.
        var hostHealth = new Health.HealthClient(registryChannel);
        await LoadGenerator.RunAsync(16, TimeSpan.Zero, options.Warmup, (_, _) => hostHealth.CheckAsync(new HealthCheckRequest()).ResponseAsync);
        var top = options.Concurrency.Max();
        var floor = await LoadGenerator.RunAsync(top, options.Warmup, options.Duration, (_, _) => hostHealth.CheckAsync(new HealthCheckRequest()).ResponseAsync);
        Print(Figure.Of($"host floor: registry Health/Check c={top}", floor, ceiling[top]));

        // 2. Read: one participant the reference data loaded at start-up.
        foreach (var c in options.Concurrency)
        {
            var result = await LoadGenerator.RunAsync(c, options.Warmup, options.Duration, (_, _) =>
                registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "FRA" }, secretariat).ResponseAsync);
            Print(Figure.Of($"read: GetParticipant c={c}", result, ceiling[c]) with
            {
                Target = c == 64 ? ">= 0.50 x ceiling" : "",
                Met = c == 64 ? result.Rps >= 0.5 * ceiling[c] : null,
            });
        }

        if (options.Figures == "reads")
        {
            return await FinishAsync(options, started, figures);
        }

        // 7a. Growth, small end: 1,000 participants.
        await using var seeding = new Seeding(options.Redis);
        var counts = await SettledTotalAsync(reporting, reader);
        await seeding.StoreRegisteredAsync((int)Math.Max(0, 1_000 - counts));
        await WaitForAsync(reporting, reader, 1_000, 0, TimeSpan.FromMinutes(2));
        await SettledProjectionAsync(reporting, reader);
        var small = await AggregateQueriesAsync(reporting, reader, options);

        // 3. The store floor: the write's commit (one participant, one event) straight to Redis
        // through the platform's adapter, no gRPC, no host, under a prefix of its own.
        var storeFloor = new Dictionary<int, double>();
        await using (var commits = new StoreFloor(options.Redis))
        {
            await LoadGenerator.RunAsync(16, TimeSpan.Zero, options.Warmup, (_, _) => commits.CommitOneAsync());
            foreach (var c in options.Concurrency)
            {
                var result = await LoadGenerator.RunAsync(c, options.Warmup, options.Duration, (_, _) => commits.CommitOneAsync());
                storeFloor[c] = result.Rps;
                Print(Figure.Of($"store floor: c={c}", result, ceiling[c]) with
                {
                    Note = $"CommitAsync of a new participant with its ParticipantRegistered event, keys under {StoreFloor.KeyPrefix}, through RedisAggregateStore",
                });
            }

            var removed = await commits.RemoveAsync();
            Console.WriteLine($"  [{started.Elapsed:mm\\:ss}] removed the store floor's {removed:N0} keys");
        }

        // 4. Write: a registration of a new organisation: one read, then one compare-and-set commit
        // with its event and index entries. Met at c=64 at 0.35 x ceiling, or at 0.8 x the store floor
        // where that is lower: the write cannot beat the commit it makes.
        foreach (var c in options.Concurrency)
        {
            var cpuBefore = ProcessCpu.Seconds(options.PidDirectory);
            var commandsBefore = c == 64 ? await RedisCommands.ReadAsync(options.Redis) : [];
            var result = await LoadGenerator.RunAsync(c, options.Warmup, options.Duration, (_, _) =>
                registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = NewOrganisation() }, secretariat).ResponseAsync);
            if (c == 64)
            {
                // Where a registration's time goes: each process's CPU over the warm-up and the window
                // (and the events they set off), per registration acknowledged in the window.
                var cpuAfter = ProcessCpu.Seconds(options.PidDirectory);
                var registered = result.Rps * (options.Warmup + options.Duration).TotalSeconds;
                foreach (var (process, seconds) in cpuAfter)
                {
                    var used = seconds - cpuBefore.GetValueOrDefault(process);
                    Print(new Figure($"cost: {process} CPU per registration at c=64", "us") { Value = used / registered * 1e6, Note = "CPU time of the process over the write window and its warm-up, per registration" });
                }

                // What Redis ran for them: calls and time per registration, by command (INFO commandstats).
                var commandsAfter = await RedisCommands.ReadAsync(options.Redis);
                foreach (var (command, (calls, usec)) in commandsAfter.OrderByDescending(x => x.Value.Usec - commandsBefore.GetValueOrDefault(x.Key).Usec).Take(8))
                {
                    var before = commandsBefore.GetValueOrDefault(command);
                    Print(new Figure($"cost: redis {command} per registration at c=64", "us")
                    {
                        Value = (usec - before.Usec) / registered,
                        Note = $"{(calls - before.Calls) / registered:0.00} calls per registration (INFO commandstats; time inside the command, not the event loop's reading, writing and fsync)",
                    });
                }
            }

            var threshold = Math.Min(0.35, 0.8 * storeFloor[c] / ceiling[c]);
            Print(Figure.Of($"write: RegisterParticipant c={c}", result, ceiling[c]) with
            {
                RatioToStoreFloor = storeFloor[c] > 0 ? result.Rps / storeFloor[c] : null,
                Target = c == 64 ? ">= 0.35 x ceiling or >= 0.8 x store floor" : "",
                Met = c == 64 ? result.Rps / ceiling[c] >= threshold : null,
                Note = c == 64 ? $"met at {threshold:0.0000} x ceiling, the lower of 0.35 and 0.8 x store floor {storeFloor[c]:N0} / ceiling {ceiling[c]:N0}" : "",
            });
        }

        // 7b. Growth, large end, and 9. memory.
        counts = await SettledTotalAsync(reporting, reader);
        var grow = Stopwatch.StartNew();
        var grown = (int)Math.Max(0, options.Participants - counts);
        await seeding.StoreRegisteredAsync(grown);
        var seeded = grow.Elapsed;
        var (reached, _) = await WaitForAsync(reporting, reader, options.Participants, 0, TimeSpan.FromMinutes(5));
        Console.WriteLine($"  [{started.Elapsed:mm\\:ss}] seeded {grown:N0} registrations in {seeded.TotalSeconds:0}s; reporting counted {reached:N0} participants after {grow.Elapsed.TotalSeconds:0}s");
        await SettledProjectionAsync(reporting, reader);
        var large = await AggregateQueriesAsync(reporting, reader, options);
        foreach (var (name, before, after) in small.Zip(large, (s, l) => (s.Name, s.Result, l.Result)))
        {
            var ratio = after.P50Ms / before.P50Ms;
            Print(Figure.Of($"growth: {name} 1k", before));
            Print(Figure.Of($"growth: {name} {options.Participants / 1000}k", after) with
            {
                Value = ratio,
                Unit = "req/s",
                Target = "p50 <= 1.2 x the 1k p50",
                Met = ratio <= 1.2,
                Note = $"value: p50 at {options.Participants:N0} / p50 at 1,000",
            });
        }

        foreach (var (service, rss) in Memory.ResidentMegabytes(options.PidDirectory))
        {
            Print(new Figure($"memory: {service} RSS at {options.Participants / 1000}k", "MB") { Value = rss, Target = "<= 200 MB", Met = rss <= 200 });
        }

        // 8. Rebuild: top the event store up to the events asked for with participant updates.
        Print(await RebuildAsync(reporting, reader, seeding, options.Events));

        // 5. Propagation at a fixed offered rate, then 6. saturation, last: the backlog they can leave
        // disturbs no other figure. Saturation waits for reporting to settle before each step.
        Func<Task> register = options.PropagationVia == "grpc"
            ? () => registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = NewOrganisation() }, secretariat).ResponseAsync
            : seeding.RegisterOneAsync;
        Print(await Propagation.MeasureAsync(reporting, reader, options.Rate, options.RateFor, register, options.PropagationVia));
        Print(await Propagation.SaturationAsync(reporting, reader, options.SaturationSeconds, options.SaturationMax, register, options.PropagationVia, line =>
            Console.WriteLine($"  [{started.Elapsed:mm\\:ss}] {line}")));

        return await FinishAsync(options, started, figures);
    }

    private static async Task<int> FinishAsync(BenchOptions options, Stopwatch started, List<Figure> figures)
    {
        Console.WriteLine();
        Console.WriteLine(Report.Table(figures));
        await Report.WriteJsonAsync(options.Output, new
        {
            Machine = new { Environment.ProcessorCount, Os = System.Runtime.InteropServices.RuntimeInformation.OSDescription, Runtime = Environment.Version.ToString(), Redis = options.RedisMode },
            Settings = new
            {
                Warmup = options.Warmup.TotalSeconds,
                Duration = options.Duration.TotalSeconds,
                options.Concurrency,
                options.Participants,
                options.Events,
                options.Rate,
                options.PropagationVia,
                SaturationSeconds = options.SaturationSeconds.TotalSeconds,
                options.SaturationMax,
                options.Figures,
            },
            TakenAt = DateTimeOffset.UtcNow,
            Seconds = started.Elapsed.TotalSeconds,
            Figures = figures,
        });
        Console.WriteLine($"Figures written to {options.Output} ({started.Elapsed.TotalSeconds:0}s).");
        return 0;
    }

    internal static GrpcChannel Channel(string address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan },
        MaxReceiveMessageSize = 64 * 1024 * 1024,
    });

    internal static CallOptions Auth(string role, TimeSpan? deadline = null) =>
        new(new Metadata { { "authorization", $"Bearer {DevelopmentTokens.Create(role, null)}" } }, deadline is { } d ? DateTime.UtcNow + d : null);

    internal static Participant NewOrganisation()
    {
        var n = Interlocked.Increment(ref _nextId);
        return NewOrganisation($"bench-{Environment.ProcessId}-{n}", n);
    }

    /// <summary>An organisation of one of four categories seated in one of five States, one per regional group, so writes spread over the registry's index facets.</summary>
    internal static Participant NewOrganisation(string id, long n) => new()
        {
            ParticipantId = id,
            Category = Organisations[n % Organisations.Length],
            CountryCode = Countries[n / Organisations.Length % Countries.Length],
            Name = new LocalizedText { Texts = { ["en"] = $"Benchmark organisation {n.ToString(CultureInfo.InvariantCulture)}" } },
        };

    /// <summary>Whether a category is one of those <see cref="NewOrganisation(string, long)"/> registers.</summary>
    internal static bool IsBenchmarkCategory(ParticipantCategory category) => Array.IndexOf(Organisations, category) >= 0;

    /// <summary>The regional group the reference data records for each of <see cref="Countries"/>.</summary>
    internal static RegionalGroup GroupOf(string country) => (RegionalGroup)(Array.IndexOf(Countries, country) + 1);

    private static async Task<IReadOnlyList<(string Name, LoadResult Result)>> AggregateQueriesAsync(ReportingService.ReportingServiceClient reporting, CallOptions reader, BenchOptions options)
    {
        const int concurrency = 16;
        var counts = await LoadGenerator.RunAsync(concurrency, options.Warmup, options.Duration, (_, _) => reporting.GetParticipationCountsAsync(new GetParticipationCountsRequest(), reader).ResponseAsync);
        var aggregates = await LoadGenerator.RunAsync(concurrency, options.Warmup, options.Duration, (_, _) => reporting.GetAggregatesAsync(new GetAggregatesRequest(), reader).ResponseAsync);
        return [("GetParticipationCounts c=16", counts), ("GetAggregates c=16", aggregates)];
    }

    /// <summary>Waits until reporting counts <paramref name="participants"/> and has applied <paramref name="events"/>, or the time is up; returns what it reached.</summary>
    private static async Task<(long Participants, long Events)> WaitForAsync(ReportingService.ReportingServiceClient reporting, CallOptions reader, long participants, long events, TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var applied = (await reporting.GetProjectionStatusAsync(new GetProjectionStatusRequest(), reader)).EventsApplied;
            var counted = (await reporting.GetParticipationCountsAsync(new GetParticipationCountsRequest(), reader)).Total;
            if ((counted >= participants && applied >= events) || deadline.Elapsed > within)
            {
                if (deadline.Elapsed > within)
                {
                    Console.WriteLine($"  reporting had not caught up after {within.TotalSeconds:0}s: {counted:N0} participants (wanted {participants:N0}), {applied:N0} events (wanted {events:N0}); measuring at that size");
                }

                return (counted, applied);
            }

            await Task.Delay(1000);
        }
    }

    /// <summary>Waits until the projection's position holds still for two seconds, so a query figure measures the query, not a projector catching up beside it.</summary>
    private static async Task SettledProjectionAsync(ReportingService.ReportingServiceClient reporting, CallOptions reader)
    {
        var last = "";
        var still = Stopwatch.StartNew();
        for (var deadline = Stopwatch.StartNew(); deadline.Elapsed < TimeSpan.FromMinutes(2);)
        {
            var position = (await reporting.GetProjectionStatusAsync(new GetProjectionStatusRequest(), reader)).Position;
            if (position != last)
            {
                last = position;
                still.Restart();
            }
            else if (still.Elapsed > TimeSpan.FromSeconds(2))
            {
                return;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>The participation total once it has held for a second (or the last read after two minutes).</summary>
    internal static async Task<long> SettledTotalAsync(ReportingService.ReportingServiceClient reporting, CallOptions reader) =>
        (await SettleTotalAsync(reporting, reader, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2))).Total;

    /// <summary>Polls the participation total until it has not moved for <paramref name="still"/>; says whether that happened within <paramref name="within"/>.</summary>
    internal static async Task<(long Total, bool Settled)> SettleTotalAsync(ReportingService.ReportingServiceClient reporting, CallOptions reader, TimeSpan still, TimeSpan within)
    {
        var last = -1L;
        var unchanged = Stopwatch.StartNew();
        for (var deadline = Stopwatch.StartNew(); ;)
        {
            var total = (await reporting.GetParticipationCountsAsync(new GetParticipationCountsRequest(), reader)).Total;
            if (total != last)
            {
                last = total;
                unchanged.Restart();
            }
            else if (unchanged.Elapsed >= still)
            {
                return (total, true);
            }

            if (deadline.Elapsed > within)
            {
                return (total, false);
            }

            await Task.Delay(500);
        }
    }

    private static async Task<Figure> RebuildAsync(ReportingService.ReportingServiceClient reporting, CallOptions reader, Seeding seeding, int events)
    {
        var applied = (await reporting.GetProjectionStatusAsync(new GetProjectionStatusRequest(), reader)).EventsApplied;
        var updates = (int)Math.Max(0, events - applied);
        await seeding.StoreUpdatedAsync(updates);
        var (_, stored) = await WaitForAsync(reporting, reader, 0, events, TimeSpan.FromMinutes(4));

        var operatorAuth = Auth(Roles.Operator, TimeSpan.FromMinutes(5));
        var clock = Stopwatch.StartNew();
        var rebuilt = await reporting.RebuildProjectionsAsync(new RebuildProjectionsRequest(), operatorAuth);
        var seconds = clock.Elapsed.TotalSeconds;
        var rate = rebuilt.EventsReplayed / seconds;
        return new Figure($"rebuild: {rebuilt.EventsReplayed:N0} events", "events/s")
        {
            Rate = rate,
            Value = seconds,
            Target = ">= 100,000 events/s",
            Met = rate >= 100_000 && rebuilt.EventsReplayed >= 200_000,
            Note = $"value: seconds for the whole RebuildProjections call; {updates:N0} ParticipantUpdated events stored to reach {events:N0} events ({stored:N0} applied before); matched live: {rebuilt.MatchedLive}",
        };
    }
}

/// <summary>The echo server as a child process of the benchmark, and a channel to it.</summary>
internal sealed class EchoProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EchoProcess(Process process, GrpcChannel channel)
    {
        _process = process;
        Channel = channel;
    }

    public GrpcChannel Channel { get; }

    // Stopped from outside, the benchmark takes its echo server with it.
    private void OnExit(object? sender, EventArgs e) => _process.Kill();

    public static async Task<EchoProcess> StartAsync(int port)
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        try
        {
            probe.Start();
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new InvalidOperationException($"the echo server's port {port} is taken by another process.", ex);
        }
        finally
        {
            probe.Dispose();
        }

        var start = new ProcessStartInfo("dotnet") { ArgumentList = { typeof(EchoProcess).Assembly.Location, "echo", "--port", port.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false };
        var process = Process.Start(start) ?? throw new InvalidOperationException("the echo server did not start");
        var channel = BenchRun.Channel($"http://127.0.0.1:{port}");
        var health = new Health.HealthClient(channel);
        for (var i = 0; ; i++)
        {
            try
            {
                await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(1));
                var echo = new EchoProcess(process, channel);
                AppDomain.CurrentDomain.ProcessExit += echo.OnExit;
                return echo;
            }
            catch (RpcException) when (i < 100 && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnExit;
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

/// <summary>Redis's own count of calls and microseconds per command (INFO commandstats).</summary>
internal static class RedisCommands
{
    public static async Task<Dictionary<string, (long Calls, long Usec)>> ReadAsync(string configuration)
    {
        await using var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(configuration + ",allowAdmin=true");
        var info = await admin.GetServer(admin.GetEndPoints()[0]).InfoAsync("commandstats");
        var stats = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var pair in info.SelectMany(g => g))
        {
            var fields = pair.Value.Split(',').Select(f => f.Split('=')).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
            if (fields.TryGetValue("calls", out var calls) && fields.TryGetValue("usec", out var usec))
            {
                stats[pair.Key.Replace("cmdstat_", "", StringComparison.Ordinal)] = (long.Parse(calls, CultureInfo.InvariantCulture), long.Parse(usec, CultureInfo.InvariantCulture));
            }
        }

        return stats;
    }
}

/// <summary>CPU time (user and system) of the processes `./hld bench` started, Redis included, from /proc.</summary>
internal static class ProcessCpu
{
    public static Dictionary<string, double> Seconds(string pidDirectory)
    {
        var seconds = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var process in new[] { "registry", "sessions", "hearings", "reporting", "redis" })
        {
            var file = Path.Combine(pidDirectory, $"{process}.pid");
            var stat = File.Exists(file) ? $"/proc/{File.ReadAllText(file).Trim()}/stat" : null;
            if (stat is null || !File.Exists(stat))
            {
                continue;
            }

            // Fields 14 and 15 (utime, stime), counted after the command name's closing parenthesis.
            var text = File.ReadAllText(stat);
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            seconds[process] = (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }

        using var self = System.Diagnostics.Process.GetCurrentProcess();
        seconds["bench"] = self.TotalProcessorTime.TotalSeconds;
        return seconds;
    }
}

/// <summary>Resident memory of the services `./hld bench` started, from /proc.</summary>
internal static class Memory
{
    public static IEnumerable<(string Service, double Megabytes)> ResidentMegabytes(string pidDirectory)
    {
        foreach (var service in new[] { "registry", "sessions", "hearings", "reporting" })
        {
            var file = Path.Combine(pidDirectory, $"{service}.pid");
            if (!File.Exists(file))
            {
                continue;
            }

            var status = $"/proc/{File.ReadAllText(file).Trim()}/status";
            var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) : null;
            if (line is not null)
            {
                yield return (service, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0);
            }
        }
    }
}
