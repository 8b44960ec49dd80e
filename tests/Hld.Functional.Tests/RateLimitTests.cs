using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Security;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>The four hosts with one call a second per caller and no burst beyond it (decision 010).</summary>
public sealed class ThrottledHosts() : HldHosts(new Dictionary<string, string?>
{
    ["Hld:RateLimits:PermitsPerSecond"] = "1",
    ["Hld:RateLimits:Burst"] = "1",
});

/// <summary>
/// A caller over its rate is refused with RESOURCE_EXHAUSTED, RATE_LIMIT_EXCEEDED and the limiter's
/// RetryInfo, on every RPC, while another caller is served; probes are never throttled (issue 16, item 4).
/// Each caller is a token subject of its own, so no test spends another's bucket.
/// </summary>
public sealed class RateLimitTests(ThrottledHosts hosts) : IClassFixture<ThrottledHosts>
{
    private static CallOptions Subject(string subject, string role = Roles.Secretariat) =>
        new(headers: new Metadata { { "authorization", "Bearer " + DevelopmentTokens.Create(role, null, subject: subject) } });

    [Fact]
    public async Task A_caller_over_its_rate_is_resource_exhausted_with_retry_info_while_another_is_served()
    {
        var registry = new RegistryService.RegistryServiceClient(hosts.Registry.Channel);
        var hasty = Subject("rate-hasty");

        await registry.ListParticipantsAsync(new ListParticipantsRequest(), hasty);
        var refused = await Assert.ThrowsAsync<RpcException>(() => registry.ListParticipantsAsync(new ListParticipantsRequest(), hasty).ResponseAsync);
        var other = await registry.ListParticipantsAsync(new ListParticipantsRequest(), Subject("rate-patient"));

        Assert.NotNull(other);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        var status = refused.GetRpcStatus()!;
        var info = status.GetDetail<ErrorInfo>();
        Assert.Equal((CallerRateLimits.Reason, "1", "1"), (info.Reason, info.Metadata["permits_per_second"], info.Metadata["burst"]));
        var delay = status.GetDetail<RetryInfo>().RetryDelay.ToTimeSpan();
        Assert.InRange(delay, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Every_rpc_is_throttled_per_caller_with_complete_details()
    {
        var incomplete = new List<string>();
        foreach (var gate in RoleGate.Of(hosts).Where(g => ContractMethods.All.Any(m => ContractMethods.NameOf(m) == g.Method)))
        {
            var method = ContractMethods.All.Single(m => ContractMethods.NameOf(m) == gate.Method);
            var call = Subject($"rate-{gate.Method}");
            await ContractMethods.CallAsync(gate.Channel, method, [], call);
            var second = await ContractMethods.CallAsync(gate.Channel, method, [], call);
            if (second?.StatusCode != StatusCode.ResourceExhausted || second.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason != CallerRateLimits.Reason)
            {
                incomplete.Add($"{gate.Method}: the second call at once was {second?.StatusCode.ToString() ?? "OK"}");
            }
            else if (RefusalDetails.Missing(second) is { } missing)
            {
                incomplete.Add($"{gate.Method}: {missing}");
            }
        }

        Assert.True(incomplete.Count == 0, string.Join('\n', incomplete));
    }

    [Fact]
    public async Task Anonymous_callers_share_their_address_s_bucket_and_probes_are_never_throttled()
    {
        var health = new Health.HealthClient(hosts.Sessions.Channel);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest { Service = "liveness" })).Status);
        }

        var sessions = new Hld.Contracts.Sessions.V1.SessionsService.SessionsServiceClient(hosts.Sessions.Channel);
        var first = await Assert.ThrowsAsync<RpcException>(() => sessions.GetDialogueAsync(new Hld.Contracts.Sessions.V1.GetDialogueRequest()).ResponseAsync);
        var second = await Assert.ThrowsAsync<RpcException>(() => sessions.GetDialogueAsync(new Hld.Contracts.Sessions.V1.GetDialogueRequest()).ResponseAsync);

        Assert.Equal((StatusCode.Unauthenticated, StatusCode.ResourceExhausted), (first.StatusCode, second.StatusCode));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
    }
}
