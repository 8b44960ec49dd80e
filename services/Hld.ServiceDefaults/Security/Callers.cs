using Microsoft.AspNetCore.Http;

namespace Hld.Platform.Security;

/// <summary>
/// Who a caller is, for what a host counts per caller (streams, rate): an authenticated one is its
/// token's subject, wherever it calls from; an anonymous one (health, a missing or bad token) its address.
/// </summary>
public static class Callers
{
    public static string Of(HttpContext http) =>
        http.User.FindFirst(HldClaims.Subject)?.Value is { Length: > 0 } subject
            ? $"sub:{subject}"
            : $"anonymous:{http.Connection.RemoteIpAddress}";
}
