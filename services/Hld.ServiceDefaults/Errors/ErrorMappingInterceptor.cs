using System.Diagnostics;
using System.Globalization;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Hld.Domain;
using Hld.Modalities;
using Polly.CircuitBreaker;
using Hld.Platform.Resilience;
using Polly.Timeout;

namespace Hld.Platform.Errors;

/// <summary>
/// The one error table (DESIGN.md, Errors). Every exception leaving a service passes here and
/// leaves as a gRPC status with google.rpc details; unexpected ones leave as INTERNAL with only the
/// trace id, and are logged in full.
/// </summary>
/// <remarks>
/// A refusal under a rule of the modalities names the paragraph that the dialogue definition in force
/// gives the rule (<see cref="RuleBook"/>, decision 092) in its ErrorInfo's <c>paragraph</c>, and the
/// rule itself in <c>rule</c>; a host built without a definition names the rule only.
/// </remarks>
public sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger, IEnumerable<IStoreFaults> storeFaults, RuleBook? rules = null) : Interceptor
{
    private readonly IStoreFaults[] _storeFaults = [.. storeFaults];

    private readonly Func<Rule, string?> _paragraphOf = rules is null ? _ => null : rules.ParagraphOf;

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
        var refusal = ex switch
        {
            RuleViolationException rule => RuleRefusal(rule),
            PlatformPreconditionException pre => RefusalStatus.Of(Code.FailedPrecondition, pre.Message, pre.Reason),
            InvalidArgumentException invalid => BadRequest(invalid),
            NotFoundException missing => RefusalStatus.Of(Code.NotFound, ex.Message, "NOT_FOUND").Naming(missing.ResourceType, missing.ResourceName),
            PermissionDeniedException => RefusalStatus.Of(Code.PermissionDenied, ex.Message, "PERMISSION_DENIED"),
            ConcurrencyConflictException conflict => RefusalStatus.Of(Code.Aborted, ex.Message, conflict.Reason),
            ResourceExhaustedException exhausted => RefusalStatus.Of(Code.ResourceExhausted, ex.Message, exhausted.Reason, new Dictionary<string, string> { ["limit"] = exhausted.Limit.ToString(CultureInfo.InvariantCulture) }).RetryAfter(RetryDelay),
            OperationCanceledException when context.CancellationToken.IsCancellationRequested => RefusalStatus.Of(Code.Cancelled, "The call was cancelled.", "CANCELLED"),
            BrokenCircuitException or TimeoutRejectedException
                => Logged(ex, Code.Unavailable, "A backing store is unavailable; retry with backoff.", StoreUnavailable).RetryAfter(RetryDelay),
            _ when _storeFaults.Any(f => f.IsUnavailable(ex))
                => Logged(ex, Code.Unavailable, "A backing store is unavailable; retry with backoff.", StoreUnavailable).RetryAfter(RetryDelay),
            _ => Logged(ex, Code.Internal, "An unexpected error occurred.", "INTERNAL"),
        };
        return refusal.In(CallerLanguage.Of(context), ex is RuleViolationException worded ? c => worded.In(c, _paragraphOf) : null).ToRpcException();
    }

    private RefusalStatus RuleRefusal(RuleViolationException rule)
    {
        var metadata = new Dictionary<string, string> { ["rule"] = rule.Rule.ToString() };
        if (_paragraphOf(rule.Rule) is { } paragraph)
        {
            metadata["paragraph"] = paragraph;
        }

        return RefusalStatus.Of(Code.FailedPrecondition, rule.In(DocumentLanguage.Culture(DocumentLanguage.English), _paragraphOf), rule.Reason, metadata);
    }

    private RefusalStatus Logged(Exception ex, Code code, string message, string reason)
    {
        // A call is traced only where traces are sent, and then sampled (ServiceDefaults); an untraced
        // one still gets an id of the same form, in the log and in the answer, to find one from the other.
        var traceId = (Activity.Current?.TraceId ?? ActivityTraceId.CreateRandom()).ToString();
        logger.LogError(ex, "Request failed with {Code} (trace {TraceId})", code, traceId);
        return RefusalStatus.Of(code, $"{message} Trace id: {traceId}.", reason, new Dictionary<string, string> { ["trace_id"] = traceId });
    }

    /// <summary>How long a client waits before it retries an UNAVAILABLE or RESOURCE_EXHAUSTED call (AIP-193 RetryInfo).</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private const string StoreUnavailable = "STORE_UNAVAILABLE";

    private static RefusalStatus BadRequest(InvalidArgumentException invalid)
    {
        // Bounded, so a request made of thousands of bad entries cannot make trailers no client reads.
        var listed = invalid.Violations.Take(MaxFieldViolations).Select(v => new BadRequest.Types.FieldViolation { Field = v.Field, Description = v.Description });
        var unlisted = invalid.Violations.Count > MaxFieldViolations
            ? [new BadRequest.Types.FieldViolation { Field = string.Empty, Description = $"and {invalid.Violations.Count - MaxFieldViolations} more violations, not listed" }]
            : Array.Empty<BadRequest.Types.FieldViolation>();
        return RefusalStatus.Of(Code.InvalidArgument, invalid.Message, "INVALID_ARGUMENT", new Dictionary<string, string> { ["fields"] = invalid.Violations.Count.ToString(CultureInfo.InvariantCulture) })
            .Fields(listed.Concat(unlisted));
    }
}
