using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hld.Platform.Hosting;

/// <summary>
/// The health service answers <c>grpc.health.v1.Health/Check</c> by running the checks on every call:
/// a read of the store, a DI scope and a thread-pool task per check. A prober (Kubernetes, a load
/// balancer, a benchmark) that calls it thousands of times a second would make the store answer as
/// often. This keeps each report for <see cref="Freshness"/> (real time) and runs the checks at most
/// once in that span, however many calls ask: calls that arrive while the checks run wait for that run.
/// Each selection of checks (readiness: all; liveness: the process only) has its report and its run,
/// so liveness never waits on a store that hangs.
/// </summary>
public sealed class RecentHealthReports : HealthCheckService
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly HealthCheckService _checks;
    private readonly HealthCheckRegistration[] _registrations;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<ulong, Selection> _selections = new();

    public RecentHealthReports(HealthCheckService checks, IEnumerable<HealthCheckRegistration> registrations, TimeProvider? time = null)
    {
        _checks = checks;
        _registrations = [.. registrations];
        _time = time ?? TimeProvider.System;
    }

    public override Task<HealthReport> CheckHealthAsync(Func<HealthCheckRegistration, bool>? predicate, CancellationToken cancellationToken = default)
    {
        if (_registrations.Length > 64)
        {
            return _checks.CheckHealthAsync(predicate, cancellationToken);
        }

        var selected = 0UL;
        for (var i = 0; i < _registrations.Length; i++)
        {
            if (predicate is null || predicate(_registrations[i]))
            {
                selected |= 1UL << i;
            }
        }

        var selection = _selections.GetOrAdd(selected, static (mask, owner) => new Selection(owner, mask), this);
        return selection.ReportAsync(cancellationToken);
    }

    private sealed class Selection(RecentHealthReports owner, ulong mask)
    {
        private readonly Lock _gate = new();
        private Known? _last;
        private Task<HealthReport>? _running;

        public Task<HealthReport> ReportAsync(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _last) is { } last && owner._time.GetElapsedTime(last.At) < Freshness)
            {
                return last.Report;
            }

            Task<HealthReport> running;
            lock (_gate)
            {
                // A finished run whose report is already stale (or that failed) is not waited for again.
                if (_running is null || _running.IsCompleted)
                {
                    _running = RunAsync();
                }

                running = _running;
            }

            return running.WaitAsync(cancellationToken);
        }

        private async Task<HealthReport> RunAsync()
        {
            var at = owner._time.GetTimestamp();

            // Not the caller's token: other calls wait for this run. Each check has its own deadline.
            var report = await owner._checks.CheckHealthAsync(Includes, CancellationToken.None).ConfigureAwait(false);
            Volatile.Write(ref _last, new Known(Task.FromResult(report), at));
            return report;
        }

        private bool Includes(HealthCheckRegistration registration)
        {
            var index = Array.IndexOf(owner._registrations, registration);
            return index >= 0 && (mask & (1UL << index)) != 0;
        }
    }

    private sealed record Known(Task<HealthReport> Report, long At);
}
