namespace Hld.Sessions.Wording;

/// <summary>
/// Picking a language from a text given in several (the resolution's own texts: theme, round-table
/// themes, venue, which are data). The documents' words are in the catalogues of
/// <see cref="SessionsWording"/> (decision 016), the speakers list's in those of
/// <see cref="Hld.Sessions.Speakers.SpeakersListWording"/> (decision 017).
/// </summary>
public static class Labels
{
    public const string Chinese = "zh";
    public const string English = "en";

    /// <summary>A text in <paramref name="language"/>, else English, else any language given, else empty.</summary>
    public static string Pick(IReadOnlyDictionary<string, string> texts, string language) =>
        texts.TryGetValue(language, out var text) ? text
        : texts.TryGetValue(English, out var english) ? english
        : texts.Values.FirstOrDefault() ?? string.Empty;
}
