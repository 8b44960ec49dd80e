using System.Collections;
using System.Globalization;
using System.Resources;
using Hld.Domain;

namespace Hld.Testing;

/// <summary>The message catalogues (.resx) of a domain, read as the hosts read them.</summary>
public static class Catalogues
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
        var neutral = Keys(resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false));
        return OfficialLanguages.All.Where(l => l != DocumentLanguage.English).SelectMany(language =>
        {
            var own = Keys(resources.GetResourceSet(CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: false));
            return neutral.Except(own).Select(key => $"{language}: {key}");
        });
    }

    private static HashSet<string> Keys(ResourceSet? set) =>
        set is null ? [] : set.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToHashSet(StringComparer.Ordinal);
}
