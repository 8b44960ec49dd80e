using Hld.Platform.Hosting;
using Hld.Platform.Redis;
using Hld.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Xunit;

namespace Hld.Platform.Tests;

/// <summary>Readiness follows the store, within its own deadline rather than the store pipeline's (issue 18).</summary>
public sealed class StoreHealthCheckTests
{
    [Fact]
    public async Task A_store_that_answers_is_healthy_and_a_hung_one_is_unhealthy_at_the_checks_own_deadline()
    {
        var redis = new RedisServer();
        await redis.InitializeAsync();
        try
        {
            await CheckAsync(redis);
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    private static async Task CheckAsync(RedisServer redis)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var check = new StoreHealthCheck(new RedisAggregateStore(connection, new RedisOptions { KeyPrefix = "health:" }));
        var context = new HealthCheckContext { Registration = new HealthCheckRegistration("store", check, HealthStatus.Unhealthy, []) };
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(context)).Status);

        await redis.PauseAsync();
        HealthCheckResult hung;
        try
        {
            hung = await check.CheckHealthAsync(context);
        }
        finally
        {
            await redis.ResumeAsync();
        }

        // The store pipeline's own deadline (Hld:Redis:OperationTimeout, 5 s) would fail with a timeout
        // of its own; this message is the check's deadline, which sits inside the probe's 2 s.
        Assert.Equal(HealthStatus.Unhealthy, hung.Status);
        Assert.Contains("did not answer within 1 s", hung.Description, StringComparison.Ordinal);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(context)).Status);
    }
}
