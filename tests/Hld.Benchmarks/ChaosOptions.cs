using System.Globalization;

namespace Hld.Benchmarks;

/// <summary>The command line of the chaos run (<c>./hld chaos</c>); see docs/operations.md, "Chaos run".</summary>
public sealed record ChaosOptions
{
    public string Registry { get; init; } = "http://127.0.0.1:5301";

    public string Sessions { get; init; } = "http://127.0.0.1:5302";

    public string Hearings { get; init; } = "http://127.0.0.1:5303";

    public string Reporting { get; init; } = "http://127.0.0.1:5304";

    public string Redis { get; init; } = "127.0.0.1:6393";

    /// <summary>
    /// Where the client and the script meet: the client writes <c>load-started</c> when its load
    /// begins; the script appends one line per kill to <c>kills</c> and writes <c>chaos-done</c> when
    /// its last target is back.
    /// </summary>
    public string Control { get; init; } = ".hld/chaos/control";

    /// <summary>How long the load runs at least; it goes on past this until the kills are done.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the load waits past <see cref="Duration"/> for the kills to be done before it stops anyway (and the run fails).</summary>
    public TimeSpan ChaosWithin { get; init; } = TimeSpan.FromSeconds(180);

    /// <summary>Closed-loop workers registering organisations.</summary>
    public int Workers { get; init; } = 16;

    /// <summary>
    /// Registrations started a second, over all workers; 0 (the default): as fast as the workers go,
    /// so that every kill of the registry or Redis finds a request in flight on each worker.
    /// </summary>
    public int Rate { get; init; }

    /// <summary>Speakers-list inscriptions over the load (Member States into plenary meetings 1-4); -1: every pair.</summary>
    public int Inscriptions { get; init; } = -1;

    /// <summary>The deadline of one attempt.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one request is retried before it is given up (unacknowledged).</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait, after the load, for the consumers to reach the registry's count.</summary>
    public TimeSpan SettleWithin { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>One acknowledged registration in this many is sent again at once, during the load, as a client that lost the answer would.</summary>
    public int DuplicateEvery { get; init; } = 8;

    public static ChaosOptions Parse(string[] args)
    {
        var options = new ChaosOptions();
        for (var i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"{args[i]} takes a value");
            }

            var value = args[i + 1];
            options = args[i] switch
            {
                "--registry" => options with { Registry = value },
                "--sessions" => options with { Sessions = value },
                "--hearings" => options with { Hearings = value },
                "--reporting" => options with { Reporting = value },
                "--redis" => options with { Redis = value },
                "--control" => options with { Control = value },
                "--duration" => options with { Duration = Seconds(value) },
                "--chaos-within" => options with { ChaosWithin = Seconds(value) },
                "--workers" => options with { Workers = Bounded(value, 1, 256, "--workers") },
                "--rate" => options with { Rate = Bounded(value, 0, 100_000, "--rate") },
                "--inscriptions" => options with { Inscriptions = Bounded(value, -1, 100_000, "--inscriptions") },
                "--deadline" => options with { Deadline = Seconds(value) },
                "--give-up-after" => options with { GiveUpAfter = Seconds(value) },
                "--settle-within" => options with { SettleWithin = Seconds(value) },
                "--duplicate-every" => options with { DuplicateEvery = Bounded(value, 0, 1_000_000, "--duplicate-every") },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        return options;
    }

    private static TimeSpan Seconds(string value)
    {
        var seconds = double.Parse(value, CultureInfo.InvariantCulture);
        return seconds is > 0 and <= 3600 ? TimeSpan.FromSeconds(seconds) : throw new ArgumentException($"{value}: seconds must be above 0 and at most 3600");
    }

    private static int Bounded(string value, int min, int max, string name)
    {
        var n = int.Parse(value, CultureInfo.InvariantCulture);
        return n >= min && n <= max ? n : throw new ArgumentException($"{name} takes {min} to {max}");
    }
}
