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

    private sealed class FileDto
    {
        public string? Source { get; init; }

        public string? Version { get; init; }

        /// <summary>Free text for the people who maintain the file.</summary>
        public string? Notes { get; init; }

        public List<StateDto> MemberStates { get; init; } = [];

        public List<StateDto> ObserverStates { get; init; } = [];

        public List<EntityDto> Entities { get; init; } = [];
    }

    // "group" is the common case (a member that counts there); "groups" spells out the special ones.
    private sealed record StateDto(string Code, Dictionary<string, string> Names, RegionalGroup? Group, List<MembershipDto>? Groups, string? Note)
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
        string? Note)
    {
        public ReferenceEntity ToDomain() => new(Id, Category, Names, Acronym, CountryCode ?? string.Empty, GlobalMigrationGroupMember, RegionalCommission, Note);
    }
}
