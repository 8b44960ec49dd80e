using System.Globalization;

namespace Hld.Domain;

/// <summary>
/// The calendar and clock of the venue (New York for the 2013 Dialogue): the days the resolution counts
/// are the venue's days, and a time shown to a person is shown on the venue's clock with its offset
/// named. The offset is data (each service's configuration), never code.
/// </summary>
public readonly record struct VenueClock(TimeSpan UtcOffset)
{
    /// <summary>The venue's calendar day at <paramref name="instant"/>.</summary>
    public DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(UtcOffset).DateTime);

    /// <summary>The instant the venue's day <paramref name="day"/> begins.</summary>
    public DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), UtcOffset);

    /// <summary><paramref name="instant"/> on the venue's clock, e.g. "2013-06-15 23:59 (UTC-04:00)".</summary>
    public string Format(DateTimeOffset instant) =>
        instant.ToOffset(UtcOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + $" (UTC{Offset})";

    private string Offset => (UtcOffset < TimeSpan.Zero ? "-" : "+") + UtcOffset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
