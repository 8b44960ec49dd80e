using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Hld.Console.Charts;

/// <summary>One bar: the key it counts (a proto enum name), its label in the page's language, and the count.</summary>
public sealed record Bar(string Key, string Label, long Count);

/// <summary>
/// A horizontal bar chart drawn as SVG on the server: no chart library, no script, nothing fetched, and
/// the figures stay in the page for the table beside it and for the tests (<c>data-count</c>). Under a
/// right-to-left language the bars grow from the right.
/// </summary>
public sealed record BarChart(string Id, string Title, IReadOnlyList<Bar> Bars)
{
    private const int Width = 680;
    private const int LabelWidth = 320;
    private const int CountWidth = 60;
    private const int Row = 26;
    private const int BarHeight = 18;

    public long Total => Bars.Sum(b => b.Count);

    public IHtmlContent Render(bool rightToLeft)
    {
        var html = HtmlEncoder.Default;
        var max = Math.Max(1, Bars.Count == 0 ? 1 : Bars.Max(b => b.Count));
        var height = Math.Max(1, Bars.Count) * Row + 8;
        var span = Width - LabelWidth - CountWidth;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg id=\"{html.Encode(Id)}\" class=\"bar-chart\" direction=\"ltr\" role=\"img\" aria-labelledby=\"{html.Encode(Id)}-title\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" data-total=\"{Total}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{html.Encode(Id)}-title\">{html.Encode(Title)}</title>");
        for (var i = 0; i < Bars.Count; i++)
        {
            var bar = Bars[i];
            var y = i * Row + 4;
            var length = (int)Math.Round(span * (double)bar.Count / max);
            var barX = rightToLeft ? Width - LabelWidth - length : LabelWidth;
            var labelX = rightToLeft ? Width - 4 : LabelWidth - 6;
            var countX = rightToLeft ? barX - 6 : LabelWidth + length + 6;
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"bar-row\" data-key=\"{html.Encode(bar.Key)}\" data-count=\"{bar.Count}\">");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{labelX}\" y=\"{y + 14}\" text-anchor=\"end\">{html.Encode(Shorten(bar.Label))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{barX}\" y=\"{y}\" width=\"{Math.Max(length, 1)}\" height=\"{BarHeight}\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{countX}\" y=\"{y + 14}\" text-anchor=\"{(rightToLeft ? "end" : "start")}\">{bar.Count}</text>");
            svg.Append("</g>");
        }

        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>Labels longer than the label column are cut; the table beside the chart has them whole.</summary>
    private static string Shorten(string label) => label.Length <= 44 ? label : string.Concat(label.AsSpan(0, 43), "…");
}
