using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Rpc;
using Hld.Platform.Errors;
using Microsoft.AspNetCore.Http;

namespace Hld.Platform.Rest;

/// <summary>
/// A refusal answered to a REST caller: the JSON form of <see cref="Google.Rpc.Status"/>, details
/// included, with the HTTP status Google's HTTP mapping gives the code (google/rpc/code.proto), the
/// same body JSON transcoding writes for a refusal the service itself makes.
/// </summary>
public static class JsonStatusResults
{
    /// <summary>The google.rpc detail messages, so that the details of a status are written out, not refused as unknown.</summary>
    public static readonly TypeRegistry ErrorDetails = TypeRegistry.FromMessages(ErrorInfo.Descriptor, BadRequest.Descriptor, ResourceInfo.Descriptor,
        RetryInfo.Descriptor, LocalizedMessage.Descriptor, PreconditionFailure.Descriptor, QuotaFailure.Descriptor, Help.Descriptor, DebugInfo.Descriptor, RequestInfo.Descriptor);

    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(ErrorDetails));

    /// <summary>Writes the status, with a LocalizedMessage in the caller's language if it has none yet.</summary>
    public static Task WriteAsync(HttpContext context, Google.Rpc.Status status)
    {
        RefusalWording.Localize(status, CallerLanguage.Of(context.Request));
        var response = context.Response;
        response.StatusCode = HttpStatus((Code)status.Code);
        response.ContentType = "application/json; charset=utf-8";
        return response.WriteAsync(Formatter.Format(status), context.RequestAborted);
    }

    public static int HttpStatus(Code code) => code switch
    {
        Code.Ok => StatusCodes.Status200OK,
        Code.Cancelled => 499,
        Code.InvalidArgument or Code.FailedPrecondition or Code.OutOfRange => StatusCodes.Status400BadRequest,
        Code.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        Code.NotFound => StatusCodes.Status404NotFound,
        Code.AlreadyExists or Code.Aborted => StatusCodes.Status409Conflict,
        Code.PermissionDenied => StatusCodes.Status403Forbidden,
        Code.Unauthenticated => StatusCodes.Status401Unauthorized,
        Code.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        Code.Unimplemented => StatusCodes.Status501NotImplemented,
        Code.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
