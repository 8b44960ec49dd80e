using Google.Protobuf.WellKnownTypes;
using Hld.Contracts.Common.V1;
using Hld.Domain;
using Hld.Platform.Errors;

namespace Hld.Platform.Api;

/// <summary>The field checks every service's requests share; each adds a violation naming the field.</summary>
public static class Fields
{
    public static bool IsId(string id) =>
        id.Length is >= 2 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static FieldChecks RequireId(this FieldChecks checks, string id, string field) =>
        checks.Require(IsId(id), field, "must be 2-64 characters of letters, digits, '-' or '_'");

    public static FieldChecks RequireNumber(this FieldChecks checks, int number, int count, string field) =>
        checks.Require(number >= 1 && number <= count, field, $"must be 1 to {count}");

    /// <summary>A localized text: at least one of the six official languages, each text 1 to <paramref name="maxLength"/> plain characters, the <paramref name="required"/> languages present.</summary>
    public static FieldChecks RequireTexts(this FieldChecks checks, LocalizedText? text, string field, int maxLength, params string[] required)
    {
        checks.Require(text is not null && text.Texts.Count > 0, field, "needs at least one language");
        if (text is null)
        {
            return checks;
        }

        return checks
            .Require(text.Texts.Keys.All(OfficialLanguages.Contains), field, $"keys must be {OfficialLanguages.Listed}")
            .Require(text.Texts.Values.All(t => !string.IsNullOrWhiteSpace(t) && t.Length <= maxLength), field, $"each text must be 1-{maxLength} characters")
            .RequirePlain(text.Texts.Values, field)
            .Require(required.All(text.Texts.ContainsKey), field, $"must be given in {string.Join(" and ", required)}");
    }

    /// <summary>The languages a request asks a document in: each one of the six official languages (decision 016).</summary>
    public static FieldChecks RequireLanguages(this FieldChecks checks, IEnumerable<string> languages, string field) =>
        checks.Require(languages.All(OfficialLanguages.Contains), field, $"each must be {OfficialLanguages.Listed}");

    /// <summary>The languages asked for, in the UN's order; none asked for means all six.</summary>
    public static IEnumerable<string> LanguagesOrAll(IReadOnlyCollection<string> languages) =>
        languages.Count > 0 ? OfficialLanguages.All.Where(languages.Contains) : OfficialLanguages.All;

    /// <summary>A calendar date (year 1-9999, a day of its month); default when it is not one.</summary>
    public static DateOnly RequireDate(this FieldChecks checks, CalendarDate? date, string field)
    {
        var parsed = ApiValues.Date(date);
        checks.Require(parsed is not null, field, "must be a calendar date (year, month 1-12, a day of that month)");
        return parsed ?? default;
    }

    /// <summary>A list of <paramref name="min"/> to <paramref name="max"/> distinct names of 1 to 200 characters each.</summary>
    public static FieldChecks RequireNames(this FieldChecks checks, IReadOnlyCollection<string> names, string field, int min, int max) =>
        checks.Require(names.Count >= min && names.Count <= max, field, $"must hold {min} to {max} names")
            .Require(names.All(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= 200), field, "each name must be 1-200 characters")
            .Require(names.Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() == names.Count, field, "must not repeat a name");

    public static FieldChecks RequireInstant(this FieldChecks checks, Timestamp? at, string field) =>
        checks.Require(at is not null && at.Seconds > 0, field, "is required");

    public static TimeSpan RequireDuration(this FieldChecks checks, Duration? duration, string field, TimeSpan min, TimeSpan max)
    {
        var value = duration is null || duration.Seconds < 0 || duration.Nanos < 0 ? (TimeSpan?)null : duration.ToTimeSpan();
        var valid = value is { } v && v >= min && v <= max;
        checks.Require(valid, field, $"must be from {min} to {max}");
        return valid ? value!.Value : default;
    }

    public static FieldChecks RequireDefined<TEnum>(this FieldChecks checks, TEnum value, string field)
        where TEnum : struct, System.Enum =>
        checks.Require(System.Enum.IsDefined(value) && System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) != 0, field, "must be one of the defined values");
}
