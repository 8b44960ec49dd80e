using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Json.Schema;

namespace Hld.Modalities;

/// <summary>A definition file that cannot be used, with every problem found: the file, where in it, and what is wrong.</summary>
public sealed class DialogueDefinitionException(string file, IReadOnlyList<DefinitionProblem> problems)
    : Exception($"{file} is not a usable dialogue definition:{string.Concat(problems.Select(p => $"{Environment.NewLine}  {p}"))}")
{
    public string File { get; } = file;

    public IReadOnlyList<DefinitionProblem> Problems { get; } = problems;
}

/// <summary>One problem of a definition: a JSONPath into the file (<c>$.meetings[5].day</c>) and what is wrong there.</summary>
public sealed record DefinitionProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>
/// Reads dialogue definitions: the shipped ones by name (hld-2013) or any file by path; checks each
/// against its JSON Schema, then against the rules a schema cannot say (days, deadlines, paragraphs).
/// </summary>
public static class DialogueDefinitions
{
    /// <summary>The definition a service runs when its configuration names none.</summary>
    public const string Default = "hld-2013";

    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "Definitions");

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(Path.Combine(Directory, "dialogue.schema.json"))));

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false), new ClockTimeConverter(), new DurationConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    /// <summary>The names of the definitions shipped with the services.</summary>
    public static IReadOnlyList<string> Shipped =>
        [.. System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Where(n => n != "dialogue.schema").Order(StringComparer.Ordinal)!];

    /// <summary>A shipped definition's name, or a file's path, to the file to read.</summary>
    public static string Resolve(string nameOrPath)
    {
        var shipped = Path.Combine(Directory, nameOrPath + ".json");
        if (!nameOrPath.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) && !nameOrPath.EndsWith(".json", StringComparison.Ordinal) && File.Exists(shipped))
        {
            return shipped;
        }

        return File.Exists(nameOrPath)
            ? Path.GetFullPath(nameOrPath)
            : throw new FileNotFoundException($"No dialogue definition '{nameOrPath}': neither a shipped one ({string.Join(", ", Shipped)}) nor a file.", nameOrPath);
    }

    /// <summary>Reads and checks a definition; throws <see cref="DialogueDefinitionException"/> naming every problem.</summary>
    public static DialogueDefinition Load(string nameOrPath)
    {
        var file = Resolve(nameOrPath);
        return Parse(File.ReadAllText(file), Path.GetFileName(file));
    }

    /// <summary>Checks a definition's text; <paramref name="file"/> names it in the problems.</summary>
    public static DialogueDefinition Parse(string text, string file)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new DialogueDefinitionException(file, [new DefinitionProblem($"line {ex.LineNumber + 1}", $"not JSON: {ex.Message}")]);
        }

        var schemaProblems = SchemaProblems(node);
        if (schemaProblems.Count > 0)
        {
            throw new DialogueDefinitionException(file, schemaProblems);
        }

        var definition = node.Deserialize<DialogueDefinition>(Json)!;
        var problems = DefinitionRules.Check(definition, node!);
        problems.AddRange([.. new RuleBook(definition).Unresolved(RuleBook.Required).Except(problems)]);
        return problems.Count > 0 ? throw new DialogueDefinitionException(file, problems) : definition;
    }

    private static List<DefinitionProblem> SchemaProblems(JsonNode? node)
    {
        var element = JsonSerializer.SerializeToElement(node);
        var results = Schema.Value.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        return [.. (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => Problem(node, d.InstanceLocation.ToString(), e.Key, e.Value)))
            .Distinct()];
    }

    // The schema library's message, said for the file's author: an unknown property (the library reports
    // additionalProperties: false as a false schema, with no keyword) by its name, a value
    // outside an enumeration with the value.
    private static DefinitionProblem Problem(JsonNode? root, string pointer, string keyword, string message)
    {
        var path = JsonPath(pointer);
        if (keyword.Length == 0 && message.Contains("false schema", StringComparison.Ordinal))
        {
            var name = pointer[(pointer.LastIndexOf('/') + 1)..];
            return new DefinitionProblem(path, $"'{name}' is not a field of the format here (a misspelling?)");
        }

        return keyword == "enum" && At(root, pointer) is { } value
            ? new DefinitionProblem(path, $"{value.ToJsonString()} is not one of the values the format allows here")
            : new DefinitionProblem(path, message);
    }

    private static JsonNode? At(JsonNode? root, string pointer)
    {
        var node = root;
        foreach (var part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node switch
            {
                JsonObject obj => obj[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)],
                JsonArray array when int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count => array[i],
                _ => null,
            };
        }

        return node;
    }

    // A JSON pointer (/meetings/5/day) as the JSONPath people read ($.meetings[5].day).
    internal static string JsonPath(string pointer) =>
        "$" + string.Concat(pointer.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? $"[{p}]" : $".{p}"));

    // "09:00", local to the venue.
    private sealed class ClockTimeConverter : JsonConverter<TimeOnly>
    {
        public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeOnly.ParseExact(reader.GetString()!, "HH:mm", CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    // "01:00" or "00:05:00".
    private sealed class DurationConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString()!;
            return TimeSpan.ParseExact(text, text.Length == 5 ? @"hh\:mm" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);
        }

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
    }
}
