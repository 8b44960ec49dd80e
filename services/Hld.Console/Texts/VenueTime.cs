using System.Globalization;

namespace Hld.Console.Texts;

/// <summary>Instants as the room reads them: on the venue's clock (the Dialogue's <c>utc_offset</c>), in the page's language.</summary>
public static class VenueTime
{
    public static TimeSpan OffsetOf(string? utcOffset) =>
        TimeSpan.TryParse((utcOffset ?? "").TrimStart('+'), CultureInfo.InvariantCulture, out var offset) ? offset : TimeSpan.Zero;

    public static string Format(DateTimeOffset instant, string? utcOffset, string pattern = "g") =>
        instant.ToOffset(OffsetOf(utcOffset)).ToString(pattern, CultureInfo.CurrentCulture);
}
