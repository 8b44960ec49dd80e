using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using HttpRequest = Microsoft.AspNetCore.Http.HttpRequest;
using HttpResponse = Microsoft.AspNetCore.Http.HttpResponse;

namespace Hld.Platform.Errors;

/// <summary>
/// How every refusal is built (AIP-193), wherever it is made: the error table, the role gate, the
/// rate limiter and the framework's own refusals. An <see cref="ErrorInfo"/> always, in our domain;
/// a <see cref="LocalizedMessage"/> in the caller's language wherever it is written; the other
/// details added by what the client can act on.
/// </summary>
public sealed class RefusalStatus
{
    public const string Domain = "hld.services";

    private readonly Google.Rpc.Status _status;

    private RefusalStatus(Google.Rpc.Status status) => _status = status;

    public static RefusalStatus Of(Code code, string message, string reason, IDictionary<string, string>? metadata = null)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        if (metadata is not null)
        {
            info.Metadata.Add(metadata);
        }

        return new(new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(info) } });
    }

    /// <summary>When the same call may succeed again: UNAVAILABLE and RESOURCE_EXHAUSTED that passes.</summary>
    public RefusalStatus RetryAfter(TimeSpan delay) =>
        With(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay < TimeSpan.Zero ? TimeSpan.Zero : delay) });

    /// <summary>What a NOT_FOUND looked for: the contract's message name and the id.</summary>
    public RefusalStatus Naming(string resourceType, string resourceName) =>
        With(new ResourceInfo { ResourceType = resourceType, ResourceName = resourceName, Description = _status.Message });

    public RefusalStatus Fields(IEnumerable<BadRequest.Types.FieldViolation> violations)
    {
        var bad = new BadRequest();
        bad.FieldViolations.AddRange(violations);
        return With(bad);
    }

    /// <summary>
    /// The refusal in the caller's language (google.rpc.LocalizedMessage, AIP-193) beside the English
    /// message, which stays for developers: the text given (a rule's own wording), or the platform's
    /// wording of the reason. Added once; a refusal already worded keeps its words.
    /// </summary>
    public RefusalStatus In(string language, Func<CultureInfo, string>? text = null)
    {
        RefusalWording.Localize(_status, language, text);
        return this;
    }

    /// <summary><see cref="In"/> the language of the call's <c>accept-language</c> header.</summary>
    public RefusalStatus For(HttpRequest request) => In(CallerLanguage.Of(request));

    public Google.Rpc.Status ToStatus() => _status;

    public RpcException ToRpcException() => _status.ToRpcException();

    /// <summary>
    /// Answers a call refused before any handler ran as gRPC does: HTTP 200 with the status in the
    /// headers and no body (trailers-only), so a client reads a status and not a bare HTTP code.
    /// </summary>
    public void WriteTrailersOnly(HttpResponse response)
    {
        For(response.HttpContext.Request);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        WriteTo(response.Headers);
    }

    /// <summary>Sets or replaces the status in the headers or trailers that carry it.</summary>
    public void WriteTo(IHeaderDictionary headers)
    {
        headers["grpc-status"] = _status.Code.ToString(CultureInfo.InvariantCulture);
        headers["grpc-message"] = Uri.EscapeDataString(_status.Message);
        headers["grpc-status-details-bin"] = Convert.ToBase64String(_status.ToByteArray());
    }

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    private RefusalStatus With(IMessage detail)
    {
        _status.Details.Add(Any.Pack(detail));
        return this;
    }
}
