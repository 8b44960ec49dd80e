using Google.Rpc;
using Grpc.Core;
using Hld.Platform.Errors;

namespace Hld.Functional.Tests;

/// <summary>The details each refusal's code promises (decision 013), checked the same way by every walk.</summary>
public static class RefusalDetails
{
    /// <summary>What <paramref name="refusal"/> lacks, or null when it is complete.</summary>
    public static string? Missing(RpcException refusal, bool malformed = false)
    {
        var status = refusal.GetRpcStatus();
        if (status is null)
        {
            return $"{refusal.StatusCode} with no google.rpc.Status";
        }

        var info = status.GetDetail<ErrorInfo>();
        if (info is null || string.IsNullOrEmpty(info.Reason) || info.Domain != RefusalStatus.Domain)
        {
            return $"{refusal.StatusCode} without an ErrorInfo with a reason in {RefusalStatus.Domain}";
        }

        return refusal.StatusCode switch
        {
            StatusCode.InvalidArgument when malformed != (info.Reason == "MALFORMED_REQUEST") => $"INVALID_ARGUMENT {info.Reason} for a {(malformed ? "malformed" : "well-formed")} body",
            StatusCode.InvalidArgument when !malformed && status.GetDetail<BadRequest>() is not { FieldViolations.Count: > 0 } => "INVALID_ARGUMENT without BadRequest field violations",
            StatusCode.NotFound when status.GetDetail<ResourceInfo>() is not { ResourceType.Length: > 0, ResourceName.Length: > 0 } => "NOT_FOUND without a ResourceInfo naming type and name",
            StatusCode.Unavailable or StatusCode.ResourceExhausted when info.Reason != "MESSAGE_TOO_LARGE" && status.GetDetail<RetryInfo>() is null => $"{refusal.StatusCode} without RetryInfo",
            _ => null,
        };
    }
}
