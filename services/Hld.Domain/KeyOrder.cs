namespace Hld.Domain;

/// <summary>One page of a list kept in key order: the items after a key, and the key to continue from.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextAfter);

/// <summary>
/// Key-ordered paging (AIP-158): the same order on every page, and an item added before the cursor
/// never shifts the next page. The host kit (Hld.Platform.Api.Paging.KeyToken) turns the key into a token.
/// </summary>
public static class KeyOrder
{
    public static Page<T> After<T>(IEnumerable<T> items, Func<T, string> key, string after, int size)
    {
        var page = items
            .Where(item => string.CompareOrdinal(key(item), after) > 0)
            .OrderBy(key, StringComparer.Ordinal)
            .Take(size + 1)
            .ToList();
        return page.Count > size ? new Page<T>(page[..size], key(page[size - 1])) : new Page<T>(page, null);
    }
}
