using System.Text.Json;
using System.Text.Json.Serialization;
using Hld.Domain;
using Hld.Registry.Reference;

namespace Hld.Registry.Api.Storage;

/// <summary>
/// Reads the reference files (ReferenceData/*.json, copied beside the application) into domain records.
/// Each file names its <c>source</c> and <c>version</c>; the domain checks the rest.
/// </summary>
public static class ReferenceDataFiles
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static IReadOnlyList<ReferenceFile> ReadDirectory(string directory)
    {
        var path = Path.IsPathRooted(directory) ? directory : Path.Combine(AppContext.BaseDirectory, directory);
        var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.json").Order(StringComparer.Ordinal).ToList() : [];
        return files.Count == 0
            ? throw new InvalidOperationException($"No reference data files in '{path}'.")
            : [.. files.Select(f => Parse(Path.GetFileName(f), File.ReadAllText(f)))];
    }

    public static ReferenceFile Parse(string fileName, string json)
    {
        var file = JsonSerializer.Deserialize<FileDto>(json, Json) ?? throw new InvalidOperationException($"{fileName} is empty.");
        var source = new ReferenceSource(fileName, file.Version ?? string.Empty, file.Source ?? string.Empty);
        var states = file.MemberStates.Select(s => s.ToDomain(ParticipantCategory.MemberState))
            .Concat(file.ObserverStates.Select(s => s.ToDomain(ParticipantCategory.ObserverState)));
        return new ReferenceFile(source, [.. states], [.. file.Entities.Select(e => e.ToDomain())]);
    }

    /// <summary>
    /// Reads the ECOSOC NGO Branch's list of organisations in consultative status (para 9) from CSV: the sample
    /// shipped in ReferenceData, or the full export from esango.un.org saved as CSV. Lines starting with '#' before
    /// the header carry <c># source:</c> and <c># version:</c>; the header names the columns, in any order:
    /// the name ("name", "organization's name", "organization name"), the status ("status", "consultative
    /// status": general, special or roster) and, optionally, the year granted ("year_granted", "year",
    /// "ecosoc accreditation year"). Other columns are ignored. The domain checks the entries.
    /// </summary>
    public static ReferenceFile ReadConsultativeStatus(string file)
    {
        var path = Path.IsPathRooted(file) ? file : Path.Combine(AppContext.BaseDirectory, file);
        return File.Exists(path)
            ? ParseConsultativeStatus(Path.GetFileName(path), File.ReadAllText(path))
            : throw new InvalidOperationException($"No list of organisations in consultative status at '{path}'.");
    }

    public static ReferenceFile ParseConsultativeStatus(string fileName, string csv)
    {
        var lines = csv.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        var meta = lines.TakeWhile(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Split(':', 2)).Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0].Trim().ToLowerInvariant(), kv => kv[1].Trim(), StringComparer.Ordinal);
        var rows = lines.SkipWhile(l => l.StartsWith('#')).Select(CsvFields).ToList();
        if (rows.Count == 0)
        {
            throw new InvalidOperationException($"{fileName}: no header row.");
        }

        var header = rows[0].Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(params string[] names) => header.FindIndex(h => names.Contains(h));
        var (name, status, year) = (Column("name", "organization's name", "organization name"), Column("status", "consultative status"), Column("year_granted", "year", "ecosoc accreditation year"));
        if (name < 0 || status < 0)
        {
            throw new InvalidOperationException($"{fileName}: the header needs a name and a status column.");
        }

        var entries = rows.Skip(1).Select(r => new ConsultativeStatusEntry(
            Field(r, name),
            Enum.TryParse<EcosocStatus>(Field(r, status), ignoreCase: true, out var s) ? s : EcosocStatus.Unspecified,
            int.TryParse(year < 0 ? string.Empty : Field(r, year), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : null));
        var source = new ReferenceSource(fileName, meta.GetValueOrDefault("version") ?? string.Empty, meta.GetValueOrDefault("source") ?? string.Empty);
        return new ReferenceFile(source, [], [], [.. entries]);
    }

    private static string Field(List<string> row, int index) => index < row.Count ? row[index].Trim() : string.Empty;

    // One CSV record per line (RFC 4180 quoting: "a, b" and "" for a quote inside); the lists hold no line breaks in a name.
    private static List<string> CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private sealed class FileDto
    {
        public string? Source { get; init; }

        public string? Version { get; init; }

        /// <summary>Free text for the people who maintain the file.</summary>
        public string? Notes { get; init; }

        public List<StateDto> MemberStates { get; init; } = [];

        public List<StateDto> ObserverStates { get; init; } = [];

        public List<EntityDto> Entities { get; init; } = [];

        /// <summary>Where a name differs from CLDR's territory name, and why; read by the CLDR comparison test, not by the domain.</summary>
        public List<CldrDifferenceDto> CldrDifferences { get; init; } = [];
    }

    private sealed record CldrDifferenceDto(string Code, string Language, string Un, string Cldr, string Reason);

    // "group" is the common case (a member that counts there); "groups" spells out the special ones.
    // "unverifiedNames": the languages whose name is not yet checked against the UN's own (UNTERM); for the maintainers.
    private sealed record StateDto(string Code, Dictionary<string, string> Names, RegionalGroup? Group, List<MembershipDto>? Groups, string? Note, List<string>? UnverifiedNames)
    {
        public ReferenceState ToDomain(ParticipantCategory category) => new(
            Code,
            category,
            Names,
            Group is { } group ? [new GroupMembership(group, GroupStanding.Member, CountsHere: true)] : [.. (Groups ?? []).Select(g => g.ToDomain())],
            Note);
    }

    private sealed record MembershipDto(RegionalGroup Group, GroupStanding Standing, bool CountsHere, DateOnly? From, DateOnly? Until, string? Note)
    {
        public GroupMembership ToDomain() => new(Group, Standing, CountsHere, From, Until, Note);
    }

    private sealed record EntityDto(
        string Id,
        ParticipantCategory Category,
        Dictionary<string, string> Names,
        string? Acronym,
        string? CountryCode,
        bool GlobalMigrationGroupMember,
        bool RegionalCommission,
        string? Note,
        List<string>? UnverifiedNames)
    {
        public ReferenceEntity ToDomain() => new(Id, Category, Names, Acronym, CountryCode ?? string.Empty, GlobalMigrationGroupMember, RegionalCommission, Note);
    }
}
