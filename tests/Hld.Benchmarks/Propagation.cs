using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Hld.Contracts.Reporting.V1;

namespace Hld.Benchmarks;

/// <summary>
/// Time from a registry write to the reporting aggregate that counts it, at a fixed offered rate.
/// An open-loop sender starts one registration every 1/rate seconds, whatever the answers do: by
/// default through the registry's own RegisterParticipant; with <c>--propagation-via store</c>, a
/// commit of the participant and its ParticipantRegistered event under the registry's key (see
/// <see cref="Seeding"/>), which leaves the registry's request path out. One reader asks reporting for the participation total, one call at a time,
/// and notes when each total is first seen. The projection applies events in log order, so the k-th
/// acknowledged write is taken as reflected when the total first reaches base + k; its latency runs
/// from its acknowledgement to the answer that showed it. The reader adds at most one call of delay,
/// and only one call in flight of load.
/// <see cref="SaturationAsync"/> repeats the same step at rising rates.
/// </summary>
public static class Propagation
{
    private const int MaxInFlight = 2_000;

    /// <summary>Saturation climbs in steps of this many registrations a second.</summary>
    public const int SaturationStep = 500;

    /// <summary>A saturation step passes while the p99 stays under this and nothing is lost.</summary>
    public const double SaturationP99Ms = 100;

    /// <summary>The saturation target: the rate at which the last step passes.</summary>
    public const int SaturationTarget = 3_000;

    /// <summary>What one open-loop step measured: every write offered, and how many were acknowledged and reflected.</summary>
    public sealed record RateStep(
        int Rate,
        TimeSpan Duration,
        int Offered,
        int Acknowledged,
        long Skipped,
        long Errors,
        double SendSeconds,
        double WritesSeconds,
        double PollMs,
        LatencyHistogram Latencies)
    {
        public long Reflected => Latencies.Count;

        /// <summary>Offered and never seen in reporting: not sent (too many in flight), failed, or not reflected in time.</summary>
        public long Lost => Offered - Reflected;

        public double P50Ms => Latencies.PercentileMs(50);

        public double P99Ms => Latencies.PercentileMs(99);

        public string Describe(TimeSpan reflectWithin) =>
            $"offered {Offered:N0} over {SendSeconds:0.0}s, acknowledged {Acknowledged:N0} (rate: acknowledged / {WritesSeconds:0.0}s), reflected {Reflected:N0} within {reflectWithin.TotalSeconds:0}s of the last write, {Skipped:N0} not sent ({MaxInFlight} in flight), {Errors:N0} failed; reader: one call every {PollMs:0.00} ms";
    }

    /// <summary>The propagation figure: one step at <paramref name="rate"/>, a minute allowed for the last writes to show.</summary>
    public static async Task<Figure> MeasureAsync(
        ReportingService.ReportingServiceClient reporting,
        CallOptions reader,
        int rate,
        TimeSpan duration,
        Func<Task> write,
        string via)
    {
        var within = TimeSpan.FromSeconds(60);
        var baseline = await BenchRun.SettledTotalAsync(reporting, reader);
        var step = await RunStepAsync(reporting, reader, baseline, rate, duration, within, write);
        var p99 = step.P99Ms;
        return new Figure($"propagation: {rate:N0}/s for {duration.TotalSeconds:0}s", "writes/s")
        {
            Rate = step.Acknowledged / step.WritesSeconds,
            P50Ms = step.P50Ms,
            P99Ms = p99,
            Errors = step.Errors + step.Skipped,
            Target = "p99 <= 25 ms",
            Met = p99 <= 25 && step.Lost == 0,
            Note = $"writes via {via}; {step.Describe(within)}",
        };
    }

    /// <summary>
    /// The highest offered rate, in steps of <see cref="SaturationStep"/> up to <paramref name="max"/>,
    /// at which a step of <paramref name="duration"/> keeps the p99 under <see cref="SaturationP99Ms"/>
    /// with nothing lost. Before each step reporting must settle (its total stops moving); the climb
    /// stops at the first step that fails.
    /// </summary>
    public static async Task<Figure> SaturationAsync(
        ReportingService.ReportingServiceClient reporting,
        CallOptions reader,
        TimeSpan duration,
        int max,
        Func<Task> write,
        string via,
        Action<string> progress)
    {
        // A write not seen 10 s after the last one is counted lost: a step that slow fails on its p99 anyway.
        var within = TimeSpan.FromSeconds(10);
        var passed = 0;
        RateStep? last = null;
        var steps = new List<string>();
        var stopped = $"every step up to the cap of {max:N0}/s passed";
        for (var rate = SaturationStep; rate <= max; rate += SaturationStep)
        {
            // The total must hold for 3 s: at 100,000 participants one projector batch can take over a second.
            var (baseline, settled) = await BenchRun.SettleTotalAsync(reporting, reader, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(2));
            if (!settled)
            {
                stopped = $"reporting's total still moved 2 min before the {rate:N0}/s step; not measured";
                break;
            }

            var step = await RunStepAsync(reporting, reader, baseline, rate, duration, within, write);
            var pass = step.Lost == 0 && step.P99Ms < SaturationP99Ms;
            var line = $"{rate:N0}/s: p50 {step.P50Ms:0.#} ms, p99 {step.P99Ms:0.#} ms, {step.Lost:N0} lost, reader every {step.PollMs:0} ms";
            steps.Add(line);
            progress($"saturation {line} ({(pass ? "passes" : "fails")}; {step.Describe(within)})");
            if (!pass)
            {
                stopped = $"stopped at the first step that failed, {rate:N0}/s";
                break;
            }

            passed = rate;
            last = step;
        }

        return new Figure("saturation: registrations", "events/s")
        {
            Rate = passed,
            P50Ms = last?.P50Ms,
            P99Ms = last?.P99Ms,
            Target = $">= {SaturationTarget:N0} events/s",
            Met = passed >= SaturationTarget,
            Note = $"rate: the highest offered rate (steps of {SaturationStep}/s, {duration.TotalSeconds:0}s each, writes via {via}) with p99 < {SaturationP99Ms:0} ms and 0 lost; p50/p99 of that step; {stopped}. Steps: {string.Join("; ", steps)}",
        };
    }

    private static async Task<RateStep> RunStepAsync(
        ReportingService.ReportingServiceClient reporting,
        CallOptions reader,
        long baseline,
        int rate,
        TimeSpan duration,
        TimeSpan reflectWithin,
        Func<Task> write)
    {
        var clock = Stopwatch.StartNew();
        var acks = new ConcurrentBag<TimeSpan>();
        var seen = new List<(TimeSpan At, long Total)>();
        var latest = -1L;
        using var stopReading = new CancellationTokenSource();
        var readerTask = Task.Run(async () =>
        {
            while (!stopReading.IsCancellationRequested)
            {
                var total = (await reporting.GetParticipationCountsAsync(new GetParticipationCountsRequest(), reader)).Total;
                seen.Add((clock.Elapsed, total));
                Volatile.Write(ref latest, total);
            }
        });

        var offered = (int)(rate * duration.TotalSeconds);
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        var sends = new List<Task>(offered);
        long errors = 0, skipped = 0;
        var start = clock.Elapsed;
        for (var i = 0; i < offered; i++)
        {
            var due = start + TimeSpan.FromSeconds(i / (double)rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            if (!inFlight.Wait(0))
            {
                skipped++;
                continue;
            }

            sends.Add(Task.Run(async () =>
            {
                try
                {
                    await write();
                    acks.Add(clock.Elapsed);
                }
                catch (Exception ex) when (LoadGenerator.IsFailedCall(ex))
                {
                    Interlocked.Increment(ref errors);
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        var sendSeconds = (clock.Elapsed - start).TotalSeconds;
        await Task.WhenAll(sends);
        var writesDone = clock.Elapsed - start;
        var target = baseline + acks.Count;
        var deadline = clock.Elapsed + reflectWithin;
        while (clock.Elapsed < deadline && Volatile.Read(ref latest) < target)
        {
            await Task.Delay(5);
        }

        await stopReading.CancelAsync();
        await readerTask;

        var ordered = acks.OrderBy(a => a).ToList();
        var latencies = new LatencyHistogram();
        var s = 0;
        for (var k = 0; k < ordered.Count; k++)
        {
            while (s < seen.Count && seen[s].Total < baseline + k + 1)
            {
                s++;
            }

            if (s == seen.Count)
            {
                break;
            }

            latencies.Record((long)Math.Max(0, (seen[s].At - ordered[k]).TotalMicroseconds));
        }

        var pollMs = seen.Count > 1 ? (seen[^1].At - seen[0].At).TotalMilliseconds / (seen.Count - 1) : double.NaN;
        return new RateStep(rate, duration, offered, ordered.Count, skipped, errors, sendSeconds, writesDone.TotalSeconds, pollMs, latencies);
    }
}
