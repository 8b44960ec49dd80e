using Grpc.Core;
using Hld.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Hld.Platform.Errors;

/// <summary>
/// The official language a caller reads, from its <c>accept-language</c>: gRPC metadata and the REST
/// call's HTTP header are the same header. The ranges are taken by weight (q), the caller's order
/// breaking ties, and the first whose primary subtag is one of the six wins (fr-CH is French,
/// zh-Hant is Chinese); with none, English (AIP-193 asks for the caller's language, DESIGN.md for
/// English when there is none).
/// </summary>
public static class CallerLanguage
{
    public const string Header = "accept-language";

    public static string Of(ServerCallContext context) => Of(context.RequestHeaders.GetValue(Header));

    public static string Of(HttpRequest request) => Of(request.Headers.AcceptLanguage.ToString());

    public static string Of(string? acceptLanguage)
    {
        if (string.IsNullOrWhiteSpace(acceptLanguage) || !StringWithQualityHeaderValue.TryParseList([acceptLanguage], out var ranges))
        {
            return DocumentLanguage.English;
        }

        // OrderByDescending is stable, so ranges of equal weight keep the order the caller gave them.
        return ranges.Where(r => (r.Quality ?? 1) > 0)
            .OrderByDescending(r => r.Quality ?? 1)
            .Select(r => r.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(code => code is not null && OfficialLanguages.Contains(code)) ?? DocumentLanguage.English;
    }
}
