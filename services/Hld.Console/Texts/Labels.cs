using System.Reflection;
using System.Text.Json;
using Google.Protobuf.Reflection;

namespace Hld.Console.Texts;

/// <summary>
/// The console's own words in the six languages (Texts/labels.json), and the names of the contracts'
/// enum values keyed by their proto names, so a new value shows its proto name until it is translated.
/// </summary>
public sealed class Labels
{
    private readonly Dictionary<string, Dictionary<string, string>> _labels;

    private Labels(Dictionary<string, Dictionary<string, string>> labels) => _labels = labels;

    public static Labels Load()
    {
        using var stream = typeof(Labels).Assembly.GetManifestResourceStream("Hld.Console.Texts.labels.json")
            ?? throw new InvalidOperationException("Texts/labels.json is not embedded in Hld.Console.");
        var labels = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)
            ?? throw new InvalidOperationException("Texts/labels.json is empty.");
        return new Labels(labels);
    }

    public IEnumerable<string> Keys => _labels.Keys;

    public bool Has(string key, string language) => _labels.TryGetValue(key, out var texts) && texts.ContainsKey(language);

    public string this[string key] => Get(key, Languages.Current);

    public string Get(string key, string language) =>
        _labels.TryGetValue(key, out var texts)
            ? texts.TryGetValue(language, out var text) ? text : texts.GetValueOrDefault(Languages.Fallback, key)
            : key;

    /// <summary>An enum value of the contracts by its proto name (LEVEL_OF_REPRESENTATION_MINISTER).</summary>
    public string Of<TEnum>(TEnum value) where TEnum : struct, Enum => this[ProtoName(value)];

    public static string ProtoName<TEnum>(TEnum value) where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();
}
