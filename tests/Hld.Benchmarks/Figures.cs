using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hld.Benchmarks;

/// <summary>One line of the table: what was measured, against which target.</summary>
public sealed record Figure(string Name, string Unit)
{
    public double? Rate { get; init; }

    public double? P50Ms { get; init; }

    public double? P99Ms { get; init; }

    public double? RatioToCeiling { get; init; }

    /// <summary>The rate as a ratio to the store floor at the same concurrency (the write figures).</summary>
    public double? RatioToStoreFloor { get; init; }

    public double? Value { get; init; }

    public string Target { get; init; } = "";

    public bool? Met { get; init; }

    public long? Errors { get; init; }

    public string Note { get; init; } = "";

    public static Figure Of(string name, LoadResult result, double? ceilingRps = null) => new(name, "req/s")
    {
        Rate = result.Rps,
        P50Ms = result.P50Ms,
        P99Ms = result.P99Ms,
        RatioToCeiling = ceilingRps is > 0 ? result.Rps / ceilingRps : null,
        Errors = result.Errors,
    };
}

/// <summary>The run's figures as a console table and a JSON file.</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Table(IEnumerable<Figure> figures)
    {
        var rows = new List<string[]> { new[] { "figure", "rate", "p50 ms", "p99 ms", "x ceiling", "x store floor", "value", "target", "met" } };
        rows.AddRange(figures.Select(f => new[]
        {
            f.Name,
            f.Rate is { } r ? $"{r.ToString("N0", CultureInfo.InvariantCulture)} {f.Unit}" : "",
            Ms(f.P50Ms),
            Ms(f.P99Ms),
            f.RatioToCeiling is { } x ? x.ToString("0.00", CultureInfo.InvariantCulture) : "",
            f.RatioToStoreFloor is { } xf ? xf.ToString("0.00", CultureInfo.InvariantCulture) : "",
            f.Value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "",
            f.Target,
            f.Met switch { true => "yes", false => "NO", null => "" },
        }));
        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, c) => c is 0 or 7 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd());
        }

        return text.ToString();
    }

    public static async Task WriteJsonAsync(string path, object run)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(run, Json));
    }

    private static string Ms(double? ms) => ms is { } v && !double.IsNaN(v) ? v.ToString(v < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) : "";
}
