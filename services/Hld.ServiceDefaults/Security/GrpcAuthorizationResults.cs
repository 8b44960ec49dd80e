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

        var refusal = authorizeResult.Challenged
            ? RefusalStatus.Of(Code.Unauthenticated, "A valid bearer token is required for this method.", "UNAUTHENTICATED")
            : RefusalStatus.Of(Code.PermissionDenied, "The caller's roles do not allow this method.", "PERMISSION_DENIED");
        if (!RefusalStatus.IsGrpc(context.Request))
        {
            return Rest.JsonStatusResults.WriteAsync(context, refusal.ToStatus());
        }

        refusal.WriteTrailersOnly(context.Response);
        return Task.CompletedTask;
    }
}
