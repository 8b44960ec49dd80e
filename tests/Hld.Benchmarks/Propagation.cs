using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Hld.Contracts.Reporting.V1;

namespace Hld.Benchmarks;

/// <summary>
/// Time from a registry write to the reporting aggregate that counts it, at a fixed offered rate.
/// An open-loop sender starts one registration every 1/rate seconds, whatever the answers do: a
/// commit of the participant and its ParticipantRegistered event under the registry's key (see
/// <see cref="Seeding"/>), because the registry's request path does not take 1,000 registrations a
/// second on this machine (the write figure says how many it takes). One
/// reader asks reporting for the participation total, one call at a time, and notes when each total
/// is first seen. The projection applies events in log order, so the k-th acknowledged write is
/// taken as reflected when the total first reaches base + k; its latency runs from its
/// acknowledgement to the answer that showed it. The reader adds at most one call of delay, and only
/// one call in flight of load.
/// </summary>
public static class Propagation
{
    private const int MaxInFlight = 2_000;

    public static async Task<Figure> MeasureAsync(
        ReportingService.ReportingServiceClient reporting,
        CallOptions reader,
        int rate,
        TimeSpan duration,
        Func<Task> write)
    {
        var baseline = await BenchRun.SettledTotalAsync(reporting, reader);
        var clock = Stopwatch.StartNew();
        var acks = new ConcurrentBag<TimeSpan>();
        var seen = new List<(TimeSpan At, long Total)>();
        using var stopReading = new CancellationTokenSource();
        var readerTask = Task.Run(async () =>
        {
            while (!stopReading.IsCancellationRequested)
            {
                var total = (await reporting.GetParticipationCountsAsync(new GetParticipationCountsRequest(), reader)).Total;
                seen.Add((clock.Elapsed, total));
            }
        });

        var offered = (int)(rate * duration.TotalSeconds);
        var inFlight = new SemaphoreSlim(MaxInFlight);
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
                catch (StackExchange.Redis.RedisException)
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
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(60);
        while (clock.Elapsed < deadline && (seen.Count == 0 || seen[^1].Total < target))
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
        var p99 = latencies.PercentileMs(99);
        return new Figure($"propagation: {rate:N0}/s for {duration.TotalSeconds:0}s", "writes/s")
        {
            Rate = ordered.Count / writesDone.TotalSeconds,
            P50Ms = latencies.PercentileMs(50),
            P99Ms = p99,
            Errors = errors + skipped,
            Target = "p99 <= 25 ms",
            Met = p99 <= 25 && latencies.Count == offered,
            Note = $"offered {offered:N0} over {sendSeconds:0.0}s, acknowledged {ordered.Count:N0} (rate: acknowledged / {writesDone.TotalSeconds:0.0}s), reflected {latencies.Count:N0}, {skipped:N0} not sent ({MaxInFlight} in flight), {errors:N0} failed; reader: one call every {pollMs:0.00} ms",
        };
    }
}
