using System.Globalization;
using System.Resources;

namespace Hld.Domain;

/// <summary>
/// The words a domain writes in its documents, from its message catalogues: the .resx files beside a
/// class (English neutral, one per official language), read in the current UI culture that
/// <see cref="DocumentLanguage.In{T}"/> sets. The runtime's own ResourceManager does the reading, so a
/// domain needs no package for it (DESIGN.md keeps domains pure; decision 016).
/// </summary>
public sealed class MessageCatalogue
{
    private readonly ResourceManager _resources;

    private MessageCatalogue(ResourceManager resources) => _resources = resources;

    /// <summary>The catalogue of <typeparamref name="T"/>: the .resx files named and placed as the class.</summary>
    public static MessageCatalogue For<T>() => new(new ResourceManager(typeof(T).FullName!, typeof(T).Assembly));

    /// <summary>The text of a key in the current UI culture, falling back to English; the key itself when no catalogue has it.</summary>
    public CatalogueText this[string key] =>
        _resources.GetString(key, CultureInfo.CurrentUICulture) is { } text ? new(text, false) : new(key, true);

    /// <summary>The text of a key with its placeholders filled, numbers and dates in the current culture.</summary>
    public CatalogueText this[string key, params object[] arguments] =>
        this[key] is { ResourceNotFound: false } found ? new(string.Format(CultureInfo.CurrentCulture, found.Value, arguments), false) : new(key, true);
}

/// <summary>A catalogue's text, and whether the key was missing from every catalogue.</summary>
public readonly record struct CatalogueText(string Value, bool ResourceNotFound)
{
    public static implicit operator string(CatalogueText text) => text.Value;

    public override string ToString() => Value;
}
