using System.Globalization;
using Google.Rpc;
using Hld.Platform.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Errors;

/// <summary>
/// Refusals grpc-dotnet makes itself, before any interceptor, get the details of every other refusal
/// (<see cref="RefusalStatus"/>). What grpc-dotnet 2.85 answers, with no details at all:
/// <list type="bullet">
/// <item>a body that is not a message of the method's type: UNKNOWN "Exception was thrown by handler",
/// which is the partner's error and leaves as INVALID_ARGUMENT, MALFORMED_REQUEST;</item>
/// <item>a message over <c>Hld:MaxMessageBytes</c>: RESOURCE_EXHAUSTED, kept, with MESSAGE_TOO_LARGE
/// and no RetryInfo, since the same message can never succeed;</item>
/// <item>a method or service no host serves: UNIMPLEMENTED, kept, with UNIMPLEMENTED.</item>
/// </list>
/// Every exception of a handler leaves through <see cref="ErrorMappingInterceptor"/>, which marks the
/// call, and our own early refusals (role gate, rate limit) carry details already; a status on a call
/// the interceptors never saw, with no details, can only be one of these.
/// </summary>
public static class FrameworkRefusalsMiddleware
{
    public static IApplicationBuilder UseDetailsOnFrameworkRefusals(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (!RefusalStatus.IsGrpc(context.Request) || context.Items.ContainsKey(ErrorMappingInterceptor.PipelineEntered))
        {
            return;
        }

        // Trailers-only answers carry the status in the headers; answers with a body, in the trailers.
        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        foreach (var headers in new[] { trailers, context.Response.HasStarted ? null : context.Response.Headers })
        {
            if (headers is not null && !headers.IsReadOnly && !headers.ContainsKey("grpc-status-details-bin")
                && headers.TryGetValue("grpc-status", out var status) && Refusal(status.ToString(), Uri.UnescapeDataString(headers["grpc-message"].ToString()), context) is { } refusal)
            {
                refusal.For(context.Request).WriteTo(headers);
            }
        }
    });

    private static RefusalStatus? Refusal(string status, string message, HttpContext context)
    {
        var method = new Dictionary<string, string> { ["method"] = context.Request.Path.Value ?? string.Empty };
        return int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? (Code)code switch
        {
            Code.Unknown => RefusalStatus.Of(Code.InvalidArgument, "The request body is not a valid protobuf message of the method's request type.", "MALFORMED_REQUEST", method),
            Code.ResourceExhausted => TooLarge(context, method),
            // grpc-dotnet's own words: an unknown method, an unknown service, or a grpc-encoding it lacks.
            Code.Unimplemented => RefusalStatus.Of(Code.Unimplemented, message, "UNIMPLEMENTED", method),
            _ => null,
        } : null;
    }

    private static RefusalStatus TooLarge(HttpContext context, Dictionary<string, string> method)
    {
        var limit = context.RequestServices.GetRequiredService<IOptions<HldOptions>>().Value.MaxMessageBytes;
        method["limit"] = limit.ToString(CultureInfo.InvariantCulture);
        return RefusalStatus.Of(Code.ResourceExhausted, $"The request is larger than the {limit} bytes a message may have; split it, since the same message is always refused.", "MESSAGE_TOO_LARGE", method);
    }
}
