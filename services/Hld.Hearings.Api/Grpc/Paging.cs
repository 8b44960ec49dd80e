using System.Globalization;
using System.Text;
using Hld.Platform.Errors;

namespace Hld.Hearings.Api.Grpc;

/// <summary>
/// AIP-158 paging over the hearing's append-only lists: an offset is stable because entries are never
/// removed or reordered. Tokens are opaque and bound to the list and filter they were issued for.
/// </summary>
internal static class Paging
{
    private const int DefaultSize = 50;
    private const int MaxSize = 200;

    public static IReadOnlyList<T> Page<T>(IReadOnlyList<T> all, int pageSize, string pageToken, string scope, out string nextPageToken)
    {
        var checks = new FieldChecks().Require(pageSize >= 0, "page_size", "must not be negative");
        var offset = 0;
        if (pageToken.Length > 0)
        {
            checks.Require(TryDecode(pageToken, scope, out offset), "page_token", "must be a next_page_token of this list with the same filter");
        }

        checks.ThrowIfAny();
        var size = pageSize == 0 ? DefaultSize : Math.Min(pageSize, MaxSize);
        var page = all.Skip(offset).Take(size).ToList();
        nextPageToken = offset + page.Count < all.Count ? Encode(scope, offset + page.Count) : string.Empty;
        return page;
    }

    private static string Encode(string scope, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{scope}|{offset.ToString(CultureInfo.InvariantCulture)}"));

    private static bool TryDecode(string token, string scope, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var bar = text.LastIndexOf('|');
            return bar > 0 && text[..bar] == scope && int.TryParse(text[(bar + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
