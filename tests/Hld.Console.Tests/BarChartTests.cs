using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Hld.Console.Charts;

namespace Hld.Console.Tests;

public sealed partial class BarChartTests
{
    private static readonly BarChart Chart = new("by-group", "By <group>", [new("A", "African States", 55), new("B", "Asia-Pacific & more", 0), new("C", "WEOG", 32)]);

    private static string Svg(bool rightToLeft)
    {
        using var writer = new StringWriter();
        Chart.Render(rightToLeft).WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    [Fact]
    public void The_chart_carries_each_bar_s_count_and_their_total_and_escapes_its_labels()
    {
        var svg = Svg(rightToLeft: false);

        Assert.Equal([55, 0, 32], Count().Matches(svg).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("data-total=\"87\"", svg, StringComparison.Ordinal);
        Assert.Contains("By &lt;group&gt;", svg, StringComparison.Ordinal);
        Assert.Contains("Asia-Pacific &amp; more", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Right_to_left_the_bars_grow_from_the_right()
    {
        var ltr = BarX().Matches(Svg(rightToLeft: false)).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var rtl = BarX().Matches(Svg(rightToLeft: true)).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.All(ltr, x => Assert.Equal(ltr[0], x));
        Assert.True(rtl[0] < rtl[2], "the longest bar starts furthest left when bars end at the right");
    }

    [GeneratedRegex("data-count=\"(\\d+)\"")]
    private static partial Regex Count();

    [GeneratedRegex("<rect class=\"bar\" x=\"(\\d+)\"")]
    private static partial Regex BarX();
}
