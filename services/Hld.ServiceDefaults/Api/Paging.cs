using System.Globalization;
using System.Text;
using Hld.Platform.Errors;

namespace Hld.Platform.Api;

/// <summary>
/// AIP-158 paging, the same in every service. A page size of 0 is the default, a larger one than the
/// maximum is served as the maximum, a negative one is INVALID_ARGUMENT. A page token is opaque,
/// versioned and bound to its query: the scope names the method and its filters, so a token of
/// another query (or other filters) is INVALID_ARGUMENT rather than a page of something else.
/// </summary>
public static class Paging
{
    public const int DefaultSize = 50;

    public const int MaxSize = 200;

    private const string Version = "v1";

    /// <summary>The page size to serve; adds a violation for a negative one.</summary>
    public static int Size(this FieldChecks checks, int requested, int defaultSize = DefaultSize, int maximum = MaxSize)
    {
        checks.Require(requested >= 0, "page_size", "must not be negative");
        return requested <= 0 ? defaultSize : Math.Min(requested, maximum);
    }

    /// <summary>Where the page starts (0 for an empty token); adds a violation for a token not of this query.</summary>
    public static long Position(this FieldChecks checks, string token, string scope)
    {
        var position = Decode(token, scope);
        checks.Require(position is not null, "page_token", "must be a next_page_token of this query, with the same filters");
        return position ?? 0;
    }

    public static string Token(string scope, long position) => Encode(scope, position.ToString(CultureInfo.InvariantCulture));

    /// <summary>A token for a list paged by key (the key of the last item served), bound to its query like a positional one.</summary>
    public static string KeyToken(string scope, string lastKey)
    {
        if (lastKey.Length == 0 || lastKey.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("A page key is not empty and has no '|'.", nameof(lastKey));
        }

        return Encode(scope, lastKey);
    }

    /// <summary>The key after which the page starts (empty for an empty token); adds a violation for a token not of this query.</summary>
    public static string After(this FieldChecks checks, string token, string scope)
    {
        var key = token.Length == 0 ? string.Empty : Decode(token, scope, out _);
        checks.Require(key is not null, "page_token", "must be a next_page_token of this query, with the same filters");
        return key ?? string.Empty;
    }

    private static string Encode(string scope, string value) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Version}|{scope}|{value}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>One page of a list computed whole, from its token's offset, with the token of the next page (empty at the end).</summary>
    public static (IReadOnlyList<T> Page, string NextPageToken) Page<T>(IReadOnlyList<T> all, int pageSize, string pageToken, string scope, int defaultSize = DefaultSize, int maximum = MaxSize)
    {
        var checks = new FieldChecks();
        var size = checks.Size(pageSize, defaultSize, maximum);
        var offset = checks.Position(pageToken, scope);
        checks.ThrowIfAny();
        var start = (int)Math.Min(offset, all.Count);
        var page = all.Skip(start).Take(size).ToList();
        var next = start + page.Count;
        return (page, next < all.Count ? Token(scope, next) : string.Empty);
    }

    private static long? Decode(string token, string scope)
    {
        if (token.Length == 0)
        {
            return 0;
        }

        return Decode(token, scope, out _) is { } value && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? position
            : null;
    }

    /// <summary>What a token of <paramref name="scope"/> carries after its scope, or null when it is not one.</summary>
    private static string? Decode(string token, string scope, out bool wellFormed)
    {
        wellFormed = false;
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            var first = text.IndexOf('|', StringComparison.Ordinal);
            var last = text.LastIndexOf('|');
            wellFormed = first > 0 && last > first && text[..first] == Version;
            return wellFormed && text[(first + 1)..last] == scope && last + 1 < text.Length ? text[(last + 1)..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
