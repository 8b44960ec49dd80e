using Google.Rpc;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>What a host refuses to do outside Development and Testing (issue 2).</summary>
public sealed class PlatformGuardTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private sealed class ProductionHost(RedisServer redis, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Registry.Api.Grpc.RegistryGrpcService>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Hld:Redis:Configuration", redis.Configuration);
            builder.UseSetting("Hld:Redis:KeyPrefix", $"g{Guid.NewGuid():N}:");
            builder.UseSetting("Hld:Auth:Authority", "https://login.example.invalid/");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    [Fact]
    public void A_production_host_refuses_the_in_memory_store()
    {
        using var host = new ProductionHost(redis, new Dictionary<string, string?> { ["Hld:Store"] = "InMemory" });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => host.Server);

        Assert.Contains("InMemory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_production_host_refuses_a_manual_clock()
    {
        using var host = new ProductionHost(redis, new Dictionary<string, string?> { ["Hld:Store"] = "Redis", ["Hld:Clock:Manual"] = "true" });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => host.Server);

        Assert.Contains("Manual", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_production_host_without_a_token_authority_does_not_start()
    {
        // Before, it started and answered HTTP 500 to every call, health included.
        using var host = new ProductionHost(redis, new Dictionary<string, string?> { ["Hld:Store"] = "Redis", ["Hld:Clock:Manual"] = "false", ["Hld:Auth:Authority"] = "" });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => host.Server);

        Assert.Contains("Hld:Auth:Authority", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_production_host_on_dapr_without_an_app_token_does_not_start()
    {
        using var host = new ProductionHost(redis, new Dictionary<string, string?> { ["Hld:Store"] = "Dapr", ["Hld:Clock:Manual"] = "false", ["Hld:Dapr:AppApiToken"] = "" });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => host.Server);

        Assert.Contains("AppApiToken", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moving_a_real_clock_is_refused_as_a_failed_precondition()
    {
        await using var host = new HostUnderTest<Registry.Api.Grpc.RegistryGrpcService>(redis, $"g{Guid.NewGuid():N}:", new Dictionary<string, string?> { ["Hld:Clock:Manual"] = "false" });
        var clock = new ClockService.ClockServiceClient(host.Channel);

        var reading = await clock.GetClockAsync(new GetClockRequest(), TestTokens.Call(Roles.Operator));
        var error = await Assert.ThrowsAsync<RpcException>(() => clock.AdvanceClockAsync(
            new AdvanceClockRequest { By = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromDays(1)) }, TestTokens.Call(Roles.Operator)).ResponseAsync);

        Assert.False(reading.Manual);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Equal("CLOCK_NOT_MANUAL", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }
}
