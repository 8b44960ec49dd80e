using Google.Rpc;
using Grpc.Core;

namespace Hld.Cli;

/// <summary>
/// What the exit status tells a script (docs/cli.md): one code per thing a caller does next — fix the
/// input, look elsewhere, change the state first, get a token, try later, slow down.
/// </summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Error = 1;
    public const int InvalidInput = 2;
    public const int NotFound = 3;
    public const int Refused = 4;
    public const int Unauthorised = 5;
    public const int Unavailable = 6;
    public const int Exhausted = 7;
    public const int Interrupted = 130;

    public static int Of(StatusCode code) => code switch
    {
        StatusCode.OK => Ok,
        StatusCode.InvalidArgument or StatusCode.OutOfRange => InvalidInput,
        StatusCode.NotFound => NotFound,
        StatusCode.FailedPrecondition or StatusCode.AlreadyExists or StatusCode.Aborted => Refused,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => Unauthorised,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => Unavailable,
        StatusCode.ResourceExhausted => Exhausted,
        StatusCode.Cancelled => Interrupted,
        _ => Error,
    };

    /// <summary>
    /// A refusal on one line: <c>FAILED_PRECONDITION: message (reason LIST_NOT_CIRCULATED, paragraph 12)</c>,
    /// with the field violations of a BadRequest and the resource of a ResourceInfo.
    /// </summary>
    public static string Describe(RpcException ex)
    {
        var code = ContractCatalog.Kebab(ex.StatusCode.ToString()).Replace('-', '_').ToUpperInvariant();
        var facts = new List<string>();
        var status = ex.GetRpcStatus();
        var info = status?.GetDetail<ErrorInfo>();
        if (info is not null)
        {
            facts.Add($"reason {info.Reason}");
            facts.AddRange(info.Metadata.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key} {m.Value}"));
        }

        // The LocalizedMessage is in the language --language asked for; without one it is the status message.
        var message = FieldOption.OneLine(status?.GetDetail<LocalizedMessage>()?.Message is { Length: > 0 } localized ? localized
            : status?.Message is { Length: > 0 } m ? m : ex.Status.Detail);
        if (message.Length == 0 && ex.StatusCode == StatusCode.DeadlineExceeded)
        {
            message = "no answer within --deadline";
        }

        // The services' messages already name their bad fields; a violation is added only where one does not.
        var badRequest = status?.GetDetail<BadRequest>();
        if (badRequest is not null)
        {
            facts.AddRange(badRequest.FieldViolations
                .Where(v => !message.Contains(v.Field, StringComparison.Ordinal))
                .Select(v => $"field {v.Field}: {v.Description}"));
        }

        var resource = status?.GetDetail<ResourceInfo>();
        if (resource is not null)
        {
            facts.Add($"{resource.ResourceType} {resource.ResourceName}".Trim());
        }

        return facts.Count == 0 ? $"{code}: {message}" : $"{code}: {message} ({string.Join(", ", facts)})";
    }
}
