using Google.Protobuf.WellKnownTypes;
using Hld.Contracts.Common.V1;
using Hld.Platform.Errors;

namespace Hld.Hearings.Api.Grpc;

/// <summary>Field checks shared by the hearing's requests; each adds a violation naming the field.</summary>
internal static class Fields
{
    private static readonly HashSet<string> Languages = new(StringComparer.Ordinal) { "zh", "en", "fr", "es", "ru", "ar" };

    public static bool IsId(string id) =>
        id.Length is >= 2 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static FieldChecks RequireId(this FieldChecks checks, string id, string field) =>
        checks.Require(IsId(id), field, "must be 2-64 characters of letters, digits, '-' or '_'");

    public static DateOnly RequireDate(this FieldChecks checks, CalendarDate? date, string field)
    {
        var valid = date is { Year: >= 1 and <= 9999, Month: >= 1 and <= 12, Day: >= 1 }
            && date.Day <= DateTime.DaysInMonth(date.Year, date.Month);
        checks.Require(valid, field, "must be a calendar date (year, month 1-12, a day of that month)");
        return valid ? new DateOnly(date!.Year, date.Month, date.Day) : default;
    }

    public static FieldChecks RequireNames(this FieldChecks checks, IReadOnlyCollection<string> names, string field, int min, int max) =>
        checks.Require(names.Count >= min && names.Count <= max, field, $"must hold {min} to {max} names")
            .Require(names.All(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= 200), field, "each name must be 1-200 characters")
            .Require(names.Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() == names.Count, field, "must not repeat a name");

    public static FieldChecks RequireText(this FieldChecks checks, LocalizedText? text, string field, int maxLength, params string[] required)
    {
        checks.Require(text is not null && text.Texts.Count > 0, field, "needs at least one language");
        if (text is null)
        {
            return checks;
        }

        return checks
            .Require(text.Texts.All(t => Languages.Contains(t.Key)), field, "keys must be zh, en, fr, es, ru or ar")
            .Require(text.Texts.All(t => !string.IsNullOrWhiteSpace(t.Value) && t.Value.Length <= maxLength), field, $"each text must be 1-{maxLength} characters")
            .RequirePlain(text.Texts.Values, field)
            .Require(required.All(text.Texts.ContainsKey), field, $"must be given in {string.Join(" and ", required)}");
    }

    public static TimeSpan RequireDuration(this FieldChecks checks, Duration? duration, string field, TimeSpan min, TimeSpan max)
    {
        var value = duration is null || duration.Seconds < 0 || duration.Nanos < 0 ? (TimeSpan?)null : duration.ToTimeSpan();
        var valid = value is { } v && v >= min && v <= max;
        checks.Require(valid, field, $"must be from {min} to {max}");
        return valid ? value!.Value : default;
    }

    public static FieldChecks RequireDefined<TEnum>(this FieldChecks checks, TEnum value, string field)
        where TEnum : struct, System.Enum =>
        checks.Require(System.Enum.IsDefined(value) && Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) != 0, field, "must be one of the defined values");
}
