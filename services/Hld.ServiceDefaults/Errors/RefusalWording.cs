using System.Globalization;
using Google.Rpc;
using Grpc.Core;
using Hld.Domain;

namespace Hld.Platform.Errors;

/// <summary>
/// The platform's own refusals in the six official languages (RefusalWording.resx, English, and one
/// catalogue per language): one text per ErrorInfo reason, its placeholders filled from the ErrorInfo
/// metadata (or the ResourceInfo of a NOT_FOUND), so a refusal is worded from its status alone, wherever
/// it was made. A reason with no text of its own is worded by its code.
/// </summary>
internal static class RefusalWording
{
    private static readonly MessageCatalogue Catalogue = MessageCatalogue.For(typeof(RefusalWording));

    // The metadata each reason's text takes, in the order of its placeholders.
    private static readonly Dictionary<string, string[]> Arguments = new(StringComparer.Ordinal)
    {
        ["INVALID_ARGUMENT"] = ["fields"],
        ["RATE_LIMIT_EXCEEDED"] = ["permits_per_second", "burst"],
        ["STREAM_LIMIT_HOST"] = ["limit"],
        ["STREAM_LIMIT_CALLER"] = ["limit"],
        ["MESSAGE_TOO_LARGE"] = ["limit"],
        ["STORE_UNAVAILABLE"] = ["trace_id"],
        ["INTERNAL"] = ["trace_id"],
        ["UNIMPLEMENTED"] = ["method"],
    };

    /// <summary>
    /// Adds the status's LocalizedMessage in <paramref name="language"/>, unless it has one: the text given,
    /// or the reason's. In English it is the status message itself, which names what was refused more
    /// closely than the reason's general words ("No participant 'ngo-x' is registered.").
    /// </summary>
    public static void Localize(Google.Rpc.Status status, string language, Func<CultureInfo, string>? text = null)
    {
        if (status.GetDetail<LocalizedMessage>() is not null)
        {
            return;
        }

        var culture = DocumentLanguage.Culture(language);
        status.Details.Add(Google.Protobuf.WellKnownTypes.Any.Pack(new LocalizedMessage { Locale = language, Message = text?.Invoke(culture) ?? (language == DocumentLanguage.English ? status.Message : Of(status, culture)) }));
    }

    public static string Of(Google.Rpc.Status status, CultureInfo culture)
    {
        var info = status.GetDetail<ErrorInfo>();
        var reason = info?.Reason ?? string.Empty;
        object[] arguments = status.GetDetail<ResourceInfo>() is { } resource && reason == "NOT_FOUND"
            ? [resource.ResourceType, resource.ResourceName]
            : [.. Arguments.GetValueOrDefault(reason, []).Select(key => Argument(info!.Metadata.GetValueOrDefault(key)))];
        var text = reason.Length > 0 ? Catalogue.In(culture, reason, arguments) : new CatalogueText(reason, true);
        return text.ResourceNotFound ? Catalogue.In(culture, "REFUSED", Snake((StatusCode)status.Code)) : text;
    }

    // Counts are formatted by the language's culture (1 048 576 in French); ids and methods as they are.
    private static object Argument(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : value ?? string.Empty;

    private static string Snake(StatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();
}
