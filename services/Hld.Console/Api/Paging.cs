namespace Hld.Console.Api;

/// <summary>Every page of a list RPC (AIP-158): the console shows whole lists, which are small.</summary>
public static class Paging
{
    public static async Task<IReadOnlyList<T>> AllAsync<T>(Func<string, Task<(IEnumerable<T> Items, string NextPageToken)>> page)
    {
        var items = new List<T>();
        var token = "";
        do
        {
            var (some, next) = await page(token);
            items.AddRange(some);
            token = next;
        }
        while (token.Length > 0);
        return items;
    }
}
