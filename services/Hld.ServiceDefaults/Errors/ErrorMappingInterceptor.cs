using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Hld.Platform.Resilience;
using Polly.Timeout;

namespace Hld.Platform.Errors;

/// <summary>
/// The one error table (DESIGN.md, Errors). Every exception leaving a service passes here and
/// leaves as a gRPC status with google.rpc details; unexpected ones leave as INTERNAL with only the
/// trace id, and are logged in full.
/// </summary>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger, IEnumerable<IStoreFaults> storeFaults) : Interceptor
{
    public const string Domain = "hld.services";

    private readonly IStoreFaults[] _storeFaults = [.. storeFaults];

    /// <summary>Field violations listed in one error; the rest are counted in one last entry.</summary>
    public const int MaxFieldViolations = 20;

    /// <summary>Set on the HTTP context when a call reaches the interceptors, that is, once its request was read.</summary>
    public const string PipelineEntered = "hld.pipeline-entered";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Entered(context);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Entered(context);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Entered(context);
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Entered(context);
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    // grpc-dotnet keeps a call's user state in its HttpContext.Items, where the middleware looks.
    private static void Entered(ServerCallContext context) => context.UserState[PipelineEntered] = true;

    private RpcException Map(Exception ex, ServerCallContext context)
    {
        var status = ex switch
        {
            RuleViolationException rule => WithInfo(Code.FailedPrecondition, rule.Message, rule.Reason, new() { ["paragraph"] = rule.Paragraph }),
            PlatformPreconditionException pre => WithInfo(Code.FailedPrecondition, pre.Message, pre.Reason, []),
            InvalidArgumentException invalid => BadRequest(invalid),
            NotFoundException missing => WithResource(WithInfo(Code.NotFound, ex.Message, "NOT_FOUND", []), missing),
            PermissionDeniedException => WithInfo(Code.PermissionDenied, ex.Message, "PERMISSION_DENIED", []),
            ConcurrencyConflictException conflict => WithInfo(Code.Aborted, ex.Message, conflict.Reason, []),
            ResourceExhaustedException exhausted => WithRetry(WithInfo(Code.ResourceExhausted, ex.Message, exhausted.Reason, new() { ["limit"] = exhausted.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) })),
            OperationCanceledException when context.CancellationToken.IsCancellationRequested => Plain(Code.Cancelled, "The call was cancelled."),
            BrokenCircuitException or TimeoutRejectedException
                => WithRetry(Logged(ex, Code.Unavailable, "A backing store is unavailable; retry with backoff.", StoreUnavailable)),
            _ when _storeFaults.Any(f => f.IsUnavailable(ex))
                => WithRetry(Logged(ex, Code.Unavailable, "A backing store is unavailable; retry with backoff.", StoreUnavailable)),
            _ => Logged(ex, Code.Internal, "An unexpected error occurred.", "INTERNAL"),
        };
        return status.ToRpcException();
    }

    private Google.Rpc.Status Logged(Exception ex, Code code, string message, string reason)
    {
        // A call is traced only where traces are sent, and then sampled (ServiceDefaults); an untraced
        // one still gets an id of the same form, in the log and in the answer, to find one from the other.
        var traceId = (Activity.Current?.TraceId ?? ActivityTraceId.CreateRandom()).ToString();
        logger.LogError(ex, "Request failed with {Code} (trace {TraceId})", code, traceId);
        return WithInfo(code, $"{message} Trace id: {traceId}.", reason, new() { ["trace_id"] = traceId });
    }

    /// <summary>How long a client waits before it retries an UNAVAILABLE or RESOURCE_EXHAUSTED call (AIP-193 RetryInfo).</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private const string StoreUnavailable = "STORE_UNAVAILABLE";

    private static Google.Rpc.Status WithRetry(Google.Rpc.Status status)
    {
        status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(RetryDelay) }));
        return status;
    }

    private static Google.Rpc.Status WithResource(Google.Rpc.Status status, NotFoundException missing)
    {
        status.Details.Add(Any.Pack(new ResourceInfo { ResourceType = missing.ResourceType, ResourceName = missing.ResourceName, Description = missing.Message }));
        return status;
    }

    private static Google.Rpc.Status Plain(Code code, string message) => new() { Code = (int)code, Message = message };

    private static Google.Rpc.Status WithInfo(Code code, string message, string reason, Dictionary<string, string> metadata)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        info.Metadata.Add(metadata);
        return new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(info) } };
    }

    private static Google.Rpc.Status BadRequest(InvalidArgumentException invalid)
    {
        // Bounded, so a request made of thousands of bad entries cannot make trailers no client reads.
        var bad = new BadRequest();
        bad.FieldViolations.AddRange(invalid.Violations.Take(MaxFieldViolations).Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description }));
        if (invalid.Violations.Count > MaxFieldViolations)
        {
            bad.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = string.Empty, Description = $"and {invalid.Violations.Count - MaxFieldViolations} more violations, not listed" });
        }

        var status = WithInfo(Code.InvalidArgument, invalid.Message, "INVALID_ARGUMENT", new() { ["fields"] = invalid.Violations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        status.Details.Add(Any.Pack(bad));
        return status;
    }
}
