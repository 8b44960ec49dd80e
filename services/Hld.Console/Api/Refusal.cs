using Google.Rpc;
using Grpc.Core;

namespace Hld.Console.Api;

/// <summary>
/// What the API said when it refused a request, as the desk shows it: the gRPC code, the message in the
/// reader's language where the API sent one (its <c>google.rpc.LocalizedMessage</c>, for the
/// <c>accept-language</c> every call carries; decision 017), else its English status message, and
/// from the <c>google.rpc.ErrorInfo</c> the reason and the paragraph of the resolution (docs/decisions/013).
/// </summary>
public sealed partial record Refusal(string Code, string Message, string? Reason, string? Paragraph)
{
    /// <summary>The language <see cref="Message"/> is in, for the page's <c>lang</c> around it.</summary>
    public string Locale { get; init; } = "en";

    /// <summary>The code as gRPC names it (FAILED_PRECONDITION), as the CLI and the docs print it.</summary>
    public static string CodeName(StatusCode code) => WordStart().Replace(code.ToString(), "_$1").ToUpperInvariant();

    [System.Text.RegularExpressions.GeneratedRegex("(?<=[a-z])([A-Z])")]
    private static partial System.Text.RegularExpressions.Regex WordStart();

    public static Refusal Of(RpcException refusal)
    {
        var status = refusal.GetRpcStatus();
        var info = status?.GetDetail<ErrorInfo>();
        string? paragraph = null;
        if (info is not null && info.Metadata.TryGetValue("paragraph", out var value))
        {
            paragraph = value;
        }

        var localized = status?.GetDetail<LocalizedMessage>();
        return localized is { Message.Length: > 0 }
            ? new Refusal(CodeName(refusal.StatusCode), localized.Message, info?.Reason, paragraph) { Locale = localized.Locale }
            : new Refusal(CodeName(refusal.StatusCode), status?.Message ?? refusal.Status.Detail, info?.Reason, paragraph);
    }
}
