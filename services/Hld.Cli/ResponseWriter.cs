using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Hld.Cli;

/// <summary>How responses are printed (<c>--output</c>). A stream's messages are written as they arrive.</summary>
internal abstract class ResponseWriter(TextWriter output)
{
    protected TextWriter Output { get; } = output;

    public static ResponseWriter For(string format, TextWriter output, TypeRegistry types, bool streaming) => format switch
    {
        "table" => new TableWriter(output, types),
        "csv" => new CsvWriter(output, types),
        _ => new JsonWriter(output, types, streaming),
    };

    public abstract Task WriteAsync(IMessage message);

    /// <summary>
    /// The rows of a response: the elements of its first list of messages (participants, counts…), else the
    /// one message it wraps (<c>{"participant": {…}}</c>), else the response itself; columns flattened with dots.
    /// </summary>
    protected static List<List<KeyValuePair<string, string>>> Rows(IMessage message, TypeRegistry types)
    {
        var json = new JsonFormatter(JsonFormatter.Settings.Default.WithTypeRegistry(types).WithFormatDefaultValues(true)).Format(message);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var properties = root.EnumerateObject().ToList();
        var list = properties.FirstOrDefault(p => p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object));
        IEnumerable<JsonElement> rows = list.Value.ValueKind == JsonValueKind.Array
            ? list.Value.EnumerateArray()
            : properties is [{ Value.ValueKind: JsonValueKind.Object } only] ? [only.Value] : [root];
        return rows.Select(row =>
        {
            var cells = new List<KeyValuePair<string, string>>();
            Flatten(row, string.Empty, cells);
            return cells;
        }).ToList();
    }

    private static void Flatten(JsonElement element, string prefix, List<KeyValuePair<string, string>> cells)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}", cells);
                }

                break;
            case JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)):
                cells.Add(new(prefix, string.Join("; ", element.EnumerateArray().Select(Scalar))));
                break;
            case JsonValueKind.Array:
                cells.Add(new(prefix, element.GetRawText()));
                break;
            default:
                cells.Add(new(prefix, Scalar(element)));
                break;
        }
    }

    private static string Scalar(JsonElement element) => element.ValueKind == JsonValueKind.String ? element.GetString() ?? string.Empty : element.GetRawText();

    protected static List<string> Columns(IEnumerable<List<KeyValuePair<string, string>>> rows) =>
        rows.SelectMany(r => r.Select(c => c.Key)).Distinct(StringComparer.Ordinal).ToList();
}

/// <summary>The protobuf JSON mapping: indented for one response, one line per message of a stream (JSON Lines).</summary>
internal sealed class JsonWriter(TextWriter output, TypeRegistry types, bool streaming) : ResponseWriter(output)
{
    private readonly JsonFormatter _formatter = new(streaming
        ? JsonFormatter.Settings.Default.WithTypeRegistry(types)
        : JsonFormatter.Settings.Default.WithTypeRegistry(types).WithIndentation());

    public override async Task WriteAsync(IMessage message)
    {
        await Output.WriteLineAsync(_formatter.Format(message));
        await Output.FlushAsync();
    }
}

/// <summary>Aligned columns for people; a stream prints one table per message.</summary>
internal sealed class TableWriter(TextWriter output, TypeRegistry types) : ResponseWriter(output)
{
    private bool _first = true;

    public override async Task WriteAsync(IMessage message)
    {
        var rows = Rows(message, types);
        var columns = Columns(rows);
        var cells = rows.Select(r => columns.Select(c => r.FirstOrDefault(x => x.Key == c).Value ?? string.Empty).ToList()).ToList();
        var widths = columns.Select((c, i) => cells.Select(r => r[i].Length).Append(c.Length).Max()).ToList();
        var text = new StringBuilder();
        if (!_first)
        {
            text.AppendLine();
        }

        _first = false;
        text.AppendLine(string.Join("  ", columns.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        foreach (var row in cells)
        {
            text.AppendLine(string.Join("  ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
        }

        await Output.WriteAsync(text.ToString());
        await Output.FlushAsync();
    }
}

/// <summary>
/// RFC 4180 CSV with a header row, written once: a stream's later messages add rows under the first
/// message's columns. A cell that a spreadsheet would run as a formula (= + - @, and tab or carriage
/// return before them) gets a leading apostrophe (OWASP, "CSV Injection").
/// </summary>
internal sealed class CsvWriter(TextWriter output, TypeRegistry types) : ResponseWriter(output)
{
    private List<string>? _columns;

    public override async Task WriteAsync(IMessage message)
    {
        var rows = Rows(message, types);
        var text = new StringBuilder();
        if (_columns is null)
        {
            _columns = Columns(rows);
            text.AppendLine(string.Join(',', _columns.Select(Cell)));
        }

        foreach (var row in rows)
        {
            text.AppendLine(string.Join(',', _columns.Select(c => Cell(row.FirstOrDefault(x => x.Key == c).Value ?? string.Empty))));
        }

        await Output.WriteAsync(text.ToString());
        await Output.FlushAsync();
    }

    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
