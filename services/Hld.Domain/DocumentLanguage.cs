using System.Globalization;
using System.Text.RegularExpressions;

namespace Hld.Domain;

/// <summary>
/// How a document the services write takes one of the six official languages: its culture for dates,
/// numbers and the message catalogues, and, for Arabic, its direction.
/// </summary>
public static partial class DocumentLanguage
{
    public const string English = "en";

    /// <summary>The culture of an official language (its neutral culture, "ar" not "ar-SA", so the Gregorian calendar).</summary>
    public static CultureInfo Culture(string code) =>
        OfficialLanguages.Contains(code) ? CultureInfo.GetCultureInfo(code) : throw new ArgumentOutOfRangeException(nameof(code), code, $"not one of {OfficialLanguages.Listed}");

    /// <summary>
    /// Renders in one language: the message catalogues (MessageCatalogue) read the UI culture and
    /// formatting reads the culture, so both are that language's for the call and restored after it.
    /// The render is synchronous, so the change never leaks into other work on the thread.
    /// </summary>
    public static T In<T>(string code, Func<CultureInfo, T> render)
    {
        var culture = Culture(code);
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        try
        {
            return render(culture);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }

    /// <summary>
    /// A Markdown document as issued in its language. Right-to-left languages (Arabic) are marked
    /// <c>dir="rtl"</c> in an HTML block, and every run of Latin script in them (symbols such as
    /// A/67/254, topics, identifiers, "UTC") is held in a first-strong isolate (U+2068 … U+2069) so the
    /// bidirectional algorithm keeps the run's own order and does not reorder it with the Arabic around
    /// it. Left-to-right documents are returned as they are.
    /// </summary>
    public static string Framed(string code, string markdown)
    {
        if (!Culture(code).TextInfo.IsRightToLeft)
        {
            return markdown;
        }

        var isolated = LatinRun().Replace(markdown, run => FirstStrongIsolate + run.Value + PopDirectionalIsolate);
        return $"<div dir=\"rtl\" lang=\"{code}\">\n\n{isolated.TrimEnd('\n')}\n\n</div>\n";
    }

    public const char FirstStrongIsolate = '\u2068';

    public const char PopDirectionalIsolate = '\u2069';

    // A run starts at a Latin letter and goes on through letters, digits and the joiners symbols and
    // identifiers use (A/67/254, sessions.co-chair-appointed, registry/list/p12-a, 3(a) is left alone).
    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9]*(?:[/.:_\-][A-Za-z0-9]+)*")]
    private static partial Regex LatinRun();
}
