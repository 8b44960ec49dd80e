using System.Globalization;
using Hld.Contracts.Common.V1;

namespace Hld.Console.Texts;

/// <summary>The six official languages the API serves, in the United Nations' order, and how a page picks one.</summary>
public static class Languages
{
    public static readonly IReadOnlyList<string> All = ["ar", "zh", "en", "fr", "ru", "es"];

    /// <summary>Each language's name in itself, for the picker.</summary>
    public static readonly IReadOnlyDictionary<string, string> Endonyms = new Dictionary<string, string>
    {
        ["ar"] = "العربية", ["zh"] = "中文", ["en"] = "English", ["fr"] = "Français", ["ru"] = "Русский", ["es"] = "Español",
    };

    public const string Fallback = "en";

    /// <summary>The request's language: the culture the localisation middleware chose, kept to the six.</summary>
    public static string Current
    {
        get
        {
            var tag = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
            return All.Contains(tag) ? tag : Fallback;
        }
    }

    public static string DirectionOf(string language) => language == "ar" ? "rtl" : "ltr";

    /// <summary>A text of the API in the language asked for, else English, else any it has.</summary>
    public static string Pick(LocalizedText? text, string language)
    {
        if (text is null || text.Texts.Count == 0)
        {
            return "";
        }

        return text.Texts.TryGetValue(language, out var value) ? value
            : text.Texts.TryGetValue(Fallback, out var english) ? english
            : text.Texts.Values.First();
    }

    /// <summary>Whether <see cref="Pick"/> had to fall back, so the page can mark the text's own language.</summary>
    public static string LanguageOf(LocalizedText? text, string language) =>
        text is null || text.Texts.ContainsKey(language) ? language
        : text.Texts.ContainsKey(Fallback) ? Fallback
        : text.Texts.Keys.FirstOrDefault() ?? language;
}
