using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Hld.Demo;

/// <summary>
/// Honours a refusal's RetryInfo (AIP-194): on UNAVAILABLE or RESOURCE_EXHAUSTED that says when to
/// retry, waits that long and tries again, at most <see cref="MaxRetries"/> times and never past the
/// call's deadline. Only calls that are safe to repeat: reads, and writes that carry a request_id,
/// which the services answer once however often they arrive (AIP-155). A refusal without RetryInfo
/// (a message too large) is never retried, since waiting cannot mend it.
/// </summary>
public sealed class RetryInfoInterceptor(TimeProvider time) : Interceptor
{
    public const int MaxRetries = 3;

    /// <summary>A longer wait than this is the server saying "not now" to a person at a demo: give up.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        if (!SafeToRepeat(context.Method.Name, request))
        {
            return continuation(request, context);
        }

        var attempt = new Attempt<TResponse>(continuation(request, context));
        var response = RespondAsync(request, context, continuation, attempt);
        return new AsyncUnaryCall<TResponse>(response, HeadersAsync(response, attempt), () => attempt.Call.GetStatus(), () => attempt.Call.GetTrailers(), () => attempt.Call.Dispose());
    }

    public static bool SafeToRepeat(string method, object request) =>
        method.StartsWith("Get", StringComparison.Ordinal) || method.StartsWith("List", StringComparison.Ordinal) || method.StartsWith("Count", StringComparison.Ordinal)
        || (request is IMessage message && message.Descriptor.FindFieldByName("request_id") is { FieldType: FieldType.String } id && id.Accessor.GetValue(message) is string { Length: > 0 });

    /// <summary>The wait a refusal asks for, when it is one a wait can mend.</summary>
    public static TimeSpan? DelayOf(RpcException refusal) =>
        refusal.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted && refusal.GetRpcStatus()?.GetDetail<RetryInfo>()?.RetryDelay is { } delay
            ? delay.ToTimeSpan()
            : null;

    private async Task<TResponse> RespondAsync<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation, Attempt<TResponse> attempt)
        where TRequest : class
        where TResponse : class
    {
        for (var retries = 0; ; retries++)
        {
            try
            {
                return await attempt.Call.ResponseAsync;
            }
            catch (RpcException refusal) when (retries < MaxRetries && DelayOf(refusal) is { } delay && delay <= LongestWait && !PastDeadline(context.Options.Deadline, delay))
            {
                attempt.Call.Dispose();
                await Task.Delay(delay, time, context.Options.CancellationToken);
                attempt.Call = continuation(request, context);
            }
        }
    }

    private bool PastDeadline(DateTime? deadline, TimeSpan delay) => deadline is { } at && time.GetUtcNow().UtcDateTime + delay >= at.ToUniversalTime();

    // The headers of the attempt that answered: known once one has.
    private static async Task<Metadata> HeadersAsync<TResponse>(Task<TResponse> response, Attempt<TResponse> attempt)
    {
        try
        {
            await response;
        }
        catch (RpcException)
        {
            // The last attempt's headers are still the answer's.
        }

        return await attempt.Call.ResponseHeadersAsync;
    }

    private sealed class Attempt<TResponse>(AsyncUnaryCall<TResponse> call)
    {
        public AsyncUnaryCall<TResponse> Call { get; set; } = call;
    }
}
