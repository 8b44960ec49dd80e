using Hld.Platform.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Hld.Platform.Tests.Hosting;

/// <summary>Health answers from a recent report instead of running the checks on every call (issue 11).</summary>
public sealed class RecentHealthReportsTests
{
    [Fact]
    public async Task Calls_within_the_freshness_share_one_run_of_the_checks_and_a_later_call_runs_them_again()
    {
        var runs = 0;
        await using var provider = Checks(builder => builder.AddCheck("store", () =>
        {
            Interlocked.Increment(ref runs);
            return HealthCheckResult.Healthy();
        }));
        var time = new FakeTimeProvider();
        var reports = Recent(provider, time);

        var first = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => reports.CheckHealthAsync()));
        var again = await reports.CheckHealthAsync();
        var runsBefore = runs;
        time.Advance(RecentHealthReports.Freshness);
        var later = await reports.CheckHealthAsync();

        Assert.All(first, report => Assert.Equal(HealthStatus.Healthy, report.Status));
        Assert.Equal(HealthStatus.Healthy, again.Status);
        Assert.Equal(1, runsBefore);
        Assert.Equal(HealthStatus.Healthy, later.Status);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task Liveness_answers_while_the_readiness_checks_hang_and_readiness_follows_its_store()
    {
        var store = new TaskCompletionSource<HealthCheckResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var provider = Checks(builder => builder
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddAsyncCheck("store", () => store.Task));
        var reports = Recent(provider, new FakeTimeProvider());

        var readiness = reports.CheckHealthAsync();
        var liveness = await reports.CheckHealthAsync(registration => registration.Tags.Contains("live"));
        var waitingForTheStore = !readiness.IsCompleted;
        store.SetResult(HealthCheckResult.Unhealthy("The state store does not answer."));
        var ready = await readiness;

        Assert.True(waitingForTheStore);
        Assert.Equal(HealthStatus.Healthy, liveness.Status);
        Assert.Equal(["process"], liveness.Entries.Keys);
        Assert.Equal(HealthStatus.Unhealthy, ready.Status);
        Assert.Equal(HealthStatus.Unhealthy, ready.Entries["store"].Status);
    }

    private static ServiceProvider Checks(Action<IHealthChecksBuilder> add)
    {
        var services = new ServiceCollection().AddLogging();
        add(services.AddHealthChecks());
        return services.BuildServiceProvider();
    }

    private static RecentHealthReports Recent(ServiceProvider provider, TimeProvider time) => new(
        provider.GetRequiredService<HealthCheckService>(),
        provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations,
        time);
}
