using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Hld.Domain;

namespace Hld.Testing;

/// <summary>The message catalogues (.resx) of a domain, read as the hosts read them.</summary>
public static partial class Catalogues
{
    /// <summary>The catalogue a host gives <typeparamref name="T"/>.</summary>
    public static MessageCatalogue For<T>() => MessageCatalogue.For<T>();

    /// <summary>
    /// The keys of <typeparamref name="T"/>'s neutral (English) catalogue that a language's own catalogue
    /// lacks, as "ar: Title". A missing key would fall back to English without a word, so it is a defect.
    /// </summary>
    public static IEnumerable<string> MissingKeys<T>()
    {
        var resources = new ResourceManager(typeof(T).FullName!, typeof(T).Assembly);
        var neutral = Entries(resources, CultureInfo.InvariantCulture) ?? [];
        return OfficialLanguages.All.Where(l => l != DocumentLanguage.English).SelectMany(language =>
            neutral.Keys.Except((Entries(resources, CultureInfo.GetCultureInfo(language)) ?? []).Keys).Select(key => $"{language}: {key}"));
    }

    /// <summary>
    /// Every catalogue an assembly embeds, key by key, against its English: a language with no catalogue,
    /// a key missing from a language or found only there, and a text whose placeholders ({0}, {1}) are not
    /// the English text's, as "fr: Hld.Hearings.Refusals NotOnFinalList has {0} where English has {0}{1}",
    /// and a text that is not a composite format string (a lone brace) and would throw when written.
    /// Formats may differ ({0:yyyy-MM-dd} in English, {0:d MMMM yyyy} in French); the arguments may not.
    /// </summary>
    public static IEnumerable<string> Defects(Assembly assembly)
    {
        var names = assembly.GetManifestResourceNames().Where(n => n.EndsWith(".resources", StringComparison.Ordinal)).ToList();
        if (names.Count == 0)
        {
            yield return $"{assembly.GetName().Name} embeds no catalogue";
        }

        foreach (var baseName in names.Select(n => n[..^".resources".Length]))
        {
            var resources = new ResourceManager(baseName, assembly);
            var neutral = Entries(resources, CultureInfo.InvariantCulture) ?? [];
            foreach (var language in OfficialLanguages.All.Where(l => l != DocumentLanguage.English))
            {
                if (Entries(resources, CultureInfo.GetCultureInfo(language)) is not { } own)
                {
                    yield return $"{language}: {baseName} has no catalogue";
                    continue;
                }

                foreach (var key in neutral.Keys.Except(own.Keys))
                {
                    yield return $"{language}: {baseName} lacks {key}";
                }

                foreach (var key in own.Keys.Except(neutral.Keys))
                {
                    yield return $"{language}: {baseName} has {key}, which English lacks";
                }

                foreach (var (key, english) in neutral.Where(e => own.ContainsKey(e.Key) && Placeholders(own[e.Key]) != Placeholders(e.Value)))
                {
                    yield return $"{language}: {baseName} {key} has {Placeholders(own[key])} where English has {Placeholders(english)}";
                }

                foreach (var key in own.Keys.Where(k => !Formats(own[k])))
                {
                    yield return $"{language}: {baseName} {key} is not a composite format string (a brace out of place)";
                }
            }
        }
    }

    // Strings ignore format specifiers, so ten of them try every text's braces, whatever types it takes.
    private static bool Formats(string text)
    {
        try
        {
            _ = string.Format(CultureInfo.InvariantCulture, text, Enumerable.Repeat<object?>("x", 10).ToArray());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The arguments a text takes, in order: "{0}{1}" for "on {1:d}, {0} and {0}".</summary>
    public static string Placeholders(string text) =>
        string.Concat(Placeholder().Matches(text.Replace("{{", string.Empty, StringComparison.Ordinal))
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order().Select(i => $"{{{i}}}"));

    private static Dictionary<string, string>? Entries(ResourceManager resources, CultureInfo culture) =>
        resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string ?? string.Empty, StringComparer.Ordinal);

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
