using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Hld.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace Hld.Platform.Security;

/// <summary>
/// A gRPC call that authentication or authorisation refuses gets a gRPC status like every other refusal
/// (AIP-193): UNAUTHENTICATED or PERMISSION_DENIED with an <see cref="ErrorInfo"/>, as a trailers-only
/// response. ASP.NET Core's own answer is a bare HTTP 401 or 403 with no status body, from which a
/// client can only guess the code. A REST call (JSON transcoding) gets the same status as JSON.
/// </summary>
public sealed class GrpcAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        var (code, reason, message) = authorizeResult.Challenged
            ? (Code.Unauthenticated, "UNAUTHENTICATED", "A valid bearer token is required for this method.")
            : (Code.PermissionDenied, "PERMISSION_DENIED", "The caller's roles do not allow this method.");
        var status = new Google.Rpc.Status
        {
            Code = (int)code,
            Message = message,
            Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = ErrorMappingInterceptor.Domain }) },
        };
        if (!IsGrpc(context.Request))
        {
            return Rest.JsonStatusResults.WriteAsync(context, status);
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(status.ToByteArray());
        return Task.CompletedTask;
    }

    private static bool IsGrpc(Microsoft.AspNetCore.Http.HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
}
