using System.Collections.Concurrent;
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
    public static MessageCatalogue For<T>() => For(typeof(T));

    /// <summary>The catalogue of a type, static classes included: the .resx files named and placed as the class.</summary>
    public static MessageCatalogue For(Type type) => new(new ResourceManager(type.FullName!, type.Assembly));

    private static readonly ConcurrentDictionary<Type, MessageCatalogue> Catalogues = new();

    /// <summary>A key and its arguments in the catalogue of <paramref name="type"/> (read once per type), to be written in any language.</summary>
    public static CatalogueMessage Message(Type type, string key, params object?[] arguments) => Catalogues.GetOrAdd(type, For).Message(key, arguments);

    /// <summary>The text of a key in the current UI culture, falling back to English; the key itself when no catalogue has it.</summary>
    public CatalogueText this[string key] =>
        _resources.GetString(key, CultureInfo.CurrentUICulture) is { } text ? new(text, false) : new(key, true);

    /// <summary>The text of a key with its placeholders filled, numbers and dates in the current culture.</summary>
    public CatalogueText this[string key, params object[] arguments] =>
        this[key] is { ResourceNotFound: false } found ? new(string.Format(CultureInfo.CurrentCulture, found.Value, arguments), false) : new(key, true);

    /// <summary>
    /// The text of a key in a culture's language with its placeholders filled by that culture, falling back
    /// to English; the key itself when no catalogue has it. An argument that is itself a catalogue's words
    /// (a phrase such as "to take part in a round table") is written in the same language. The thread's
    /// cultures are left as they are.
    /// </summary>
    public CatalogueText In(CultureInfo culture, string key, params object?[] arguments) => In(culture, null, key, arguments);

    /// <summary>
    /// As <see cref="In(CultureInfo, string, object?[])"/>, and an argument that is a <see cref="Rule"/> is
    /// written as the paragraph <paramref name="paragraphOf"/> gives it, the way the culture's language writes
    /// paragraph numbers (<see cref="ParagraphNumbers"/>; the rule's name when it gives none).
    /// </summary>
    public CatalogueText In(CultureInfo culture, Func<Rule, string?>? paragraphOf, string key, params object?[] arguments) =>
        _resources.GetString(key, culture) is { } text
            ? new(string.Format(culture, text, [.. arguments.Select(a => a switch
            {
                CatalogueMessage words => words.In(culture, paragraphOf),
                Rule rule => paragraphOf?.Invoke(rule) is { } paragraph ? ParagraphNumbers.Write(paragraph, culture) : rule.ToString(),
                _ => a,
            })]), false)
            : new(key, true);

    /// <summary>A key and its arguments, to be written in whichever language a reader asks for.</summary>
    public CatalogueMessage Message(string key, params object?[] arguments) => new(this, key, arguments);
}

/// <summary>
/// A catalogue's text before it is written: the key and its arguments (dates, ids, counts), which each
/// language formats by its own culture when it is rendered.
/// </summary>
public sealed class CatalogueMessage(MessageCatalogue catalogue, string key, object?[] arguments)
{
    public string Key => key;

    public string In(CultureInfo culture) => catalogue.In(culture, key, arguments);

    /// <summary>In a culture's language, each <see cref="Rule"/> among the arguments written as its paragraph.</summary>
    public string In(CultureInfo culture, Func<Rule, string?>? paragraphOf) => catalogue.In(culture, paragraphOf, key, arguments);

    public override string ToString() => In(DocumentLanguage.Culture(DocumentLanguage.English));
}

/// <summary>A catalogue's text, and whether the key was missing from every catalogue.</summary>
public readonly record struct CatalogueText(string Value, bool ResourceNotFound)
{
    public static implicit operator string(CatalogueText text) => text.Value;

    public override string ToString() => Value;
}
