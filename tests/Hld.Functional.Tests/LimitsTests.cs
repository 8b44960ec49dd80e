using Google.Rpc;
using Grpc.Core;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;
using Common = Hld.Contracts.Common.V1;

namespace Hld.Functional.Tests;

/// <summary>What one host serves at once, and how large an error may grow (issue 18, item 2).</summary>
public sealed class LimitsTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private static CallOptions Reader(string who, CancellationToken cancellationToken = default) =>
        new(headers: new Metadata { { "authorization", "Bearer " + DevelopmentTokens.Create(Roles.ReportingReader, null, subject: who) } }, cancellationToken: cancellationToken);

    private static async Task<AsyncServerStreamingCall<WatchAggregatesResponse>> WatchAsync(ReportingService.ReportingServiceClient reporting, string who, CancellationToken cancellationToken)
    {
        var watch = reporting.WatchAggregates(new WatchAggregatesRequest(), Reader(who, cancellationToken));
        Assert.True(await watch.ResponseStream.MoveNext(cancellationToken), "a watch sends the aggregates at once");
        return watch;
    }

    private static async Task<string> RefusedReasonAsync(ReportingService.ReportingServiceClient reporting, string who, CancellationToken cancellationToken)
    {
        using var watch = reporting.WatchAggregates(new WatchAggregatesRequest(), Reader(who, cancellationToken));
        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(cancellationToken));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        return error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason;
    }

    [Fact]
    public async Task Watches_beyond_the_callers_or_the_hosts_limit_are_resource_exhausted_and_a_closed_one_frees_its_place()
    {
        await using var host = new HostUnderTest<Reporting.Api.Grpc.ReportingGrpcService>(redis, $"l{Guid.NewGuid():N}:", new Dictionary<string, string?>
        {
            ["Hld:Limits:Streams"] = "3",
            ["Hld:Limits:StreamsPerCaller"] = "2",
        });
        var reporting = new ReportingService.ReportingServiceClient(host.Channel);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var first = await WatchAsync(reporting, "team-a", cancel.Token);
        using var second = await WatchAsync(reporting, "team-a", cancel.Token);
        Assert.Equal("STREAM_LIMIT_CALLER", await RefusedReasonAsync(reporting, "team-a", cancel.Token));
        using var third = await WatchAsync(reporting, "team-b", cancel.Token);
        Assert.Equal("STREAM_LIMIT_HOST", await RefusedReasonAsync(reporting, "team-c", cancel.Token));

        first.Dispose();
        using var again = await Eventually.Until(
            async () =>
            {
                try
                {
                    return await WatchAsync(reporting, "team-a", cancel.Token);
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
                {
                    return null;
                }
            },
            watch => watch is not null,
            what: "the closed watch's place to be free again");
    }

    [Fact]
    public async Task An_error_lists_at_most_twenty_field_violations_and_counts_the_rest()
    {
        await using var host = new HostUnderTest<Registry.Api.Grpc.RegistryGrpcService>(redis, $"l{Guid.NewGuid():N}:", new Dictionary<string, string?>());
        var registry = new RegistryService.RegistryServiceClient(host.Channel);
        var manyBad = new Delegation { ParticipantId = "FRA", Level = Common.LevelOfRepresentation.Minister, Head = new HeadOfDelegation { Name = "Head" } };
        manyBad.Members.AddRange(Enumerable.Range(0, 50).Select(_ => new DelegationMember()));
        var tooMany = new Delegation { ParticipantId = "FRA", Level = Common.LevelOfRepresentation.Minister, Head = new HeadOfDelegation { Name = "Head" } };
        tooMany.Members.AddRange(Enumerable.Range(0, 10_000).Select(_ => new DelegationMember()));

        var fifty = await Assert.ThrowsAsync<RpcException>(() => registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = manyBad }, TestTokens.Call(Roles.MemberState, "FRA")).ResponseAsync);
        var tenThousand = await Assert.ThrowsAsync<RpcException>(() => registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = tooMany }, TestTokens.Call(Roles.MemberState, "FRA")).ResponseAsync);

        Assert.True(fifty.StatusCode == StatusCode.InvalidArgument, fifty.Status.ToString());
        var listed = fifty.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations;
        Assert.Equal(21, listed.Count);
        Assert.Equal("and 30 more violations, not listed", listed[^1].Description);
        var counted = tenThousand.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations;
        Assert.Equal(["delegation.members"], counted.Select(v => v.Field));
    }
}
