using System.Collections.Immutable;

namespace Hld.Domain;

/// <summary>The six official languages of the United Nations, by their ISO 639-1 codes, in the UN's order.</summary>
public static class OfficialLanguages
{
    public static ImmutableArray<string> All { get; } = ["ar", "zh", "en", "fr", "ru", "es"];

    public static bool Contains(string code) => All.Contains(code);

    /// <summary>"ar, zh, en, fr, ru or es", for messages.</summary>
    public static string Listed { get; } = string.Join(", ", All[..^1]) + " or " + All[^1];
}
