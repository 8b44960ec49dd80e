using System.Globalization;
using System.Text;
using Hld.Platform.Errors;

namespace Hld.Sessions.Api.Grpc;

/// <summary>AIP-158 paging over a list computed whole (a speakers list, a round table): the token is an opaque offset.</summary>
public static class Paging
{
    private const int DefaultSize = 100;
    private const int MaxSize = 500;
    private const string Prefix = "o:";

    public static (IReadOnlyList<T> Page, string NextPageToken) Page<T>(IReadOnlyList<T> items, int pageSize, string pageToken)
    {
        var offset = Offset(pageToken);
        new FieldChecks()
            .Require(pageSize is >= 0 and <= MaxSize, "page_size", $"must be 0 to {MaxSize}")
            .Require(offset is not null, "page_token", "must be a next_page_token returned by this method")
            .ThrowIfAny();
        var size = pageSize == 0 ? DefaultSize : pageSize;
        var start = Math.Min(offset!.Value, items.Count);
        var page = items.Skip(start).Take(size).ToList();
        var next = start + page.Count;
        return (page, next < items.Count ? Token(next) : string.Empty);
    }

    private static string Token(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    private static int? Offset(string token)
    {
        if (token.Length == 0)
        {
            return 0;
        }

        var buffer = new byte[token.Length];
        if (!Convert.TryFromBase64String(token, buffer, out var length))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, length);
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : null;
    }
}
