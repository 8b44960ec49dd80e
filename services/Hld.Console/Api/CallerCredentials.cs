using Grpc.Core;
using Microsoft.AspNetCore.Authentication;

namespace Hld.Console.Api;

/// <summary>
/// The signed-in person's bearer token on every call the console makes for them: the API, not the
/// console, decides what they may read and do (docs/security.md). The page's language goes with it as
/// <c>accept-language</c>, so a refusal comes back worded in it (decision 017).
/// </summary>
public static class CallerCredentials
{
    /// <summary>The name the token is kept under in the sign-in cookie (the OpenID Connect handler's own).</summary>
    public const string TokenName = "access_token";

    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A call's deadline, on the real clock: gRPC deadlines are real time, whatever the services' clock
    /// says (a manual one in Development).
    /// </summary>
    public static DateTime DeadlineFromNow() => DateTime.UtcNow + Deadline;

    public static async Task<CallOptions> CallerAsync(this HttpContext http)
    {
        var token = await http.GetTokenAsync(TokenName);
        var headers = new Metadata();
        if (!string.IsNullOrEmpty(token))
        {
            headers.Add("authorization", "Bearer " + token);
        }

        headers.Add("accept-language", Texts.Languages.Current);
        return new CallOptions(headers, DeadlineFromNow(), http.RequestAborted);
    }
}
