using System.Globalization;

namespace Hld.Benchmarks;

/// <summary>The command line of the benchmark.</summary>
public sealed record BenchOptions
{
    public int EchoPort { get; init; } = 5200;

    public string Registry { get; init; } = "http://127.0.0.1:5201";

    public string Reporting { get; init; } = "http://127.0.0.1:5204";

    public string Redis { get; init; } = "127.0.0.1:6391";

    public string PidDirectory { get; init; } = ".hld/bench/pids";

    public string Output { get; init; } = ".hld/bench/results.json";

    public string RedisMode { get; init; } = "";

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<int> Concurrency { get; init; } = [1, 16, 64];

    public int Participants { get; init; } = 100_000;

    public int Events { get; init; } = 200_000;

    public int Rate { get; init; } = 1_000;

    public TimeSpan RateFor { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How the propagation and saturation writes are sent: "grpc", the registry's RegisterParticipant
    /// (it acknowledged 1,000 a second on time in a ./hld bench run once a registration became one
    /// read and one commit), or "store", the registration's commit straight through the platform's
    /// Redis adapter, as before.
    /// </summary>
    public string PropagationVia { get; init; } = "grpc";

    /// <summary>The window of each saturation step.</summary>
    public TimeSpan SaturationSeconds { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The highest rate saturation tries, a second.</summary>
    public int SaturationMax { get; init; } = 6_000;

    /// <summary>
    /// Which figures to take: "all", or "reads", the ceiling, the host floor and the read figures
    /// only (about a minute), to repeat the read figure on a machine whose speed moves between runs.
    /// </summary>
    public string Figures { get; init; } = "all";

    public static (string Verb, BenchOptions Options) Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{args[i]} takes a value");
            }

            var value = args[i + 1];
            try
            {
                options = With(options, args[i], value);
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new ArgumentException($"{args[i]} takes a number, not '{value}'", e);
            }
        }

        return (args.FirstOrDefault() ?? "", options);
    }

    private static BenchOptions With(BenchOptions options, string option, string value) =>
        option switch
        {
            "--port" => options with { EchoPort = Int(value) },
            "--registry" => options with { Registry = value },
            "--reporting" => options with { Reporting = value },
            "--redis" => options with { Redis = value },
            "--pids" => options with { PidDirectory = value },
            "--out" => options with { Output = value },
            "--redis-mode" => options with { RedisMode = value },
            "--warmup" => options with { Warmup = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
            "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
            "--concurrency" => options with { Concurrency = [.. value.Split(',').Select(Int)] },
            "--participants" => options with { Participants = Int(value) },
            "--events" => options with { Events = Int(value) },
            "--rate" => options with { Rate = Int(value) },
            "--propagation-via" => options with { PropagationVia = value is "store" or "grpc" ? value : throw new ArgumentException("--propagation-via takes store or grpc") },
            "--saturation-seconds" => options with { SaturationSeconds = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
            "--figures" => options with { Figures = value is "all" or "reads" ? value : throw new ArgumentException("--figures takes all or reads") },
            "--saturation-max" => options with { SaturationMax = Int(value) },
            _ => throw new ArgumentException($"unknown option {option}"),
        };

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);
}
