using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Hld.Platform.Errors;

/// <summary>
/// A request body that is not a protobuf message of its type fails inside grpc-dotnet, before any
/// interceptor, and leaves as UNKNOWN "Exception was thrown by handler". Every exception of a handler
/// leaves through <see cref="ErrorMappingInterceptor"/>, which marks the call; so an UNKNOWN on a call
/// the interceptors never saw can only be a request that could not be read, and is answered as the
/// partner's error it is: INVALID_ARGUMENT.
/// </summary>
public static class MalformedRequestMiddleware
{
    private const string Message = "The request body is not a valid protobuf message of the method's request type.";

    public static IApplicationBuilder UseMalformedRequestsAsInvalidArgument(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true
            || context.Items.ContainsKey(ErrorMappingInterceptor.PipelineEntered))
        {
            return;
        }

        var unknown = ((int)StatusCode.Unknown).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var invalid = ((int)StatusCode.InvalidArgument).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var trailers = context.Features.Get<IHttpResponseTrailersFeature>()?.Trailers;
        foreach (var headers in new[] { trailers, context.Response.HasStarted ? null : context.Response.Headers })
        {
            if (headers is not null && !headers.IsReadOnly && headers.TryGetValue("grpc-status", out var status) && status == unknown)
            {
                headers["grpc-status"] = invalid;
                headers["grpc-message"] = Message;
            }
        }
    });
}
