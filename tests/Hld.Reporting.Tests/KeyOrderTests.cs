using Hld.Domain;
using Xunit;

namespace Hld.Reporting.Tests;

public sealed class KeyOrderTests
{
    private static readonly string[] Symbols = ["A/69/207", "A/68/190", "A/RES/67/219", "A/67/254", "A/68/PV.25"];

    [Fact]
    public void Pages_walk_every_item_once_in_key_order_and_the_last_page_has_no_cursor()
    {
        var seen = new List<string>();
        var after = string.Empty;
        var pages = 0;
        do
        {
            var page = KeyOrder.After(Symbols, s => s, after, 2);
            seen.AddRange(page.Items);
            after = page.NextAfter ?? string.Empty;
            pages++;
            Assert.True(page.Items.Count <= 2);
        }
        while (after.Length > 0);

        Assert.Equal(Symbols.Order(StringComparer.Ordinal), seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public void An_item_added_before_the_cursor_does_not_shift_the_next_page()
    {
        var first = KeyOrder.After(Symbols, s => s, string.Empty, 2);
        var grown = Symbols.Append("A/67/001").ToArray();

        var next = KeyOrder.After(grown, s => s, first.NextAfter!, 2);

        Assert.Equal(["A/68/PV.25", "A/69/207"], next.Items);
    }

    [Fact]
    public void A_page_that_ends_exactly_at_the_last_item_has_no_cursor()
    {
        var page = KeyOrder.After(Symbols, s => s, string.Empty, Symbols.Length);

        Assert.Equal(Symbols.Length, page.Items.Count);
        Assert.Null(page.NextAfter);
    }
}
