using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Hld.Contracts.Registry.V1;
using Hld.Demo;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>Our demo client waits what RetryInfo says, a bounded number of times, and only for calls safe to repeat (issue 16, item 4).</summary>
public sealed class DemoRetryTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private sealed class Attempts : Interceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
        {
            Interlocked.Increment(ref _count);
            return continuation(request, context);
        }
    }

    /// <summary>A server that is always full and always says to retry in a millisecond.</summary>
    private sealed class AlwaysFull : CallInvoker
    {
        private static readonly RpcException Full = RefusalStatus.Of(Code.ResourceExhausted, "Full.", CallerRateLimits.Reason).RetryAfter(TimeSpan.FromMilliseconds(1)).ToRpcException();

        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) =>
            new(Task.FromException<TResponse>(Full), Task.FromResult(new Metadata()), () => Full.Status, () => Full.Trailers, () => { });

        public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request) => throw new NotSupportedException();

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options) => throw new NotSupportedException();
    }

    private static CallOptions Subject(string subject) =>
        new(headers: new Metadata { { "authorization", "Bearer " + DevelopmentTokens.Create(Roles.Secretariat, null, subject: subject) } });

    private HostUnderTest<Registry.Api.Grpc.RegistryGrpcService> OneCallASecond() => new(redis, $"d{Guid.NewGuid():N}:", new Dictionary<string, string?>
    {
        ["Hld:RateLimits:PermitsPerSecond"] = "1",
        ["Hld:RateLimits:Burst"] = "1",
    });

    // The demo's interceptor outermost, counting beneath it each attempt it makes.
    private static (RegistryService.RegistryServiceClient Client, Attempts Attempts) Retrying(CallInvoker invoker)
    {
        var attempts = new Attempts();
        return (new RegistryService.RegistryServiceClient(invoker.Intercept(attempts).Intercept(new RetryInfoInterceptor(TimeProvider.System))), attempts);
    }

    /// <summary>A host of one call a second, and a caller who has just made its call.</summary>
    private async Task<(IAsyncDisposable Host, RegistryService.RegistryServiceClient Client, Attempts Attempts, CallOptions Caller)> SpentAsync(string subject)
    {
        var host = OneCallASecond();
        var (registry, attempts) = Retrying(host.Channel.CreateCallInvoker());
        var caller = Subject(subject);
        await registry.ListParticipantsAsync(new ListParticipantsRequest(), caller);
        return (host, registry, attempts, caller);
    }

    [Fact]
    public async Task A_read_over_the_rate_waits_the_retry_delay_and_is_answered()
    {
        var (host, registry, attempts, reader) = await SpentAsync("retry-reader");
        await using var _ = host;

        var answered = await registry.ListParticipantsAsync(new ListParticipantsRequest(), reader);

        // The bucket refills on the limiter's 100 ms tick, so a wait of exactly the delay can be refused once more.
        Assert.NotNull(answered);
        Assert.InRange(attempts.Count, 3, 1 + 1 + RetryInfoInterceptor.MaxRetries);
    }

    [Fact]
    public async Task A_write_is_retried_only_when_it_carries_a_request_id()
    {
        var (host, registry, attempts, writer) = await SpentAsync("retry-writer");
        await using var _ = host;

        var once = await Assert.ThrowsAsync<RpcException>(() => registry.RegisterParticipantAsync(new RegisterParticipantRequest(), writer).ResponseAsync);
        var attemptsOfTheFirst = attempts.Count;
        var retried = await Assert.ThrowsAsync<RpcException>(() => registry.RegisterParticipantAsync(new RegisterParticipantRequest { RequestId = "retry-write-1" }, writer).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, once.StatusCode);
        // Served after its wait: refused by the handler for its empty participant, not by the limiter.
        Assert.Equal(StatusCode.InvalidArgument, retried.StatusCode);
        Assert.Equal(2, attemptsOfTheFirst);
        Assert.InRange(attempts.Count, 4, 2 + 1 + RetryInfoInterceptor.MaxRetries);
    }

    [Fact]
    public async Task A_host_that_stays_full_is_tried_a_bounded_number_of_times()
    {
        var (registry, attempts) = Retrying(new AlwaysFull());

        var refused = await Assert.ThrowsAsync<RpcException>(() => registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "FRA" }).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal(1 + RetryInfoInterceptor.MaxRetries, attempts.Count);
    }
}
