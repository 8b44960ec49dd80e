using System.Collections.Immutable;
using System.Globalization;
using Hld.Contracts.Common.V1;

namespace Hld.Platform.Api;

/// <summary>The values every service writes the same way on the wire: etags, calendar dates, localized texts.</summary>
public static class ApiValues
{
    /// <summary>An etag is the aggregate's version, in invariant digits.</summary>
    public static string Etag(long version) => version.ToString(CultureInfo.InvariantCulture);

    public static CalendarDate Date(DateOnly date) => new() { Year = date.Year, Month = date.Month, Day = date.Day };

    /// <summary>The date, or null when the message is absent or not a calendar date.</summary>
    public static DateOnly? Date(CalendarDate? date) =>
        date is { Year: >= 1 and <= 9999, Month: >= 1 and <= 12, Day: >= 1 } && date.Day <= DateTime.DaysInMonth(date.Year, date.Month)
            ? new DateOnly(date.Year, date.Month, date.Day)
            : null;

    public static LocalizedText Localized(IReadOnlyDictionary<string, string> texts) =>
        new() { Texts = { texts.ToDictionary(StringComparer.Ordinal) } };

    public static ImmutableDictionary<string, string> Texts(LocalizedText? text) =>
        text is null ? ImmutableDictionary<string, string>.Empty : text.Texts.ToImmutableDictionary(t => t.Key, t => t.Value);
}
