using Hld.Modalities;
using Xunit;

namespace Hld.Modalities.Tests;

/// <summary>Issue 12 item 3: the three meetings of the family ship, and each loads and passes its rules.</summary>
public sealed class ShippedDefinitionsTests
{
    public static TheoryData<string> Names => ["hld-2006", "hld-2013", "imrf-2022"];

    [Fact]
    public void The_three_meetings_of_the_family_are_shipped()
    {
        Assert.Equal(["hld-2006", "hld-2013", "imrf-2022"], DialogueDefinitions.Shipped);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Each_shipped_definition_loads_and_passes_its_rules(string name)
    {
        var definition = DialogueDefinitions.Load(name);

        Assert.Equal(name, definition.Id);
        Assert.NotEmpty(definition.Resolution.Source);
    }

    // Issue 13 item 1: a text that is not the resolution's own says so ("working translation", or "working wording" for an English text taken from the meeting's records).
    private static bool IsMarkedWorking(string source) =>
        source.Contains("working translation", StringComparison.Ordinal) || source.Contains("working wording", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_theme_is_in_the_six_languages_and_every_language_not_official_names_its_source(string name)
    {
        var definition = DialogueDefinitions.Load(name);
        var themes = new[] { definition.Theme }.Concat(definition.Meetings.Where(m => m.Kind == MeetingKind.RoundTable).Select(m => m.Theme!));

        foreach (var theme in themes)
        {
            Assert.Equal(["ar", "en", "es", "fr", "ru", "zh"], theme.Texts.Keys.Order(StringComparer.Ordinal));
            foreach (var language in theme.Texts.Keys)
            {
                Assert.True(theme.Sources?.ContainsKey(language), $"{name}: the theme '{theme.Texts["en"]}' names no source for '{language}'");
                Assert.True(theme.Official.Contains(language) || IsMarkedWorking(theme.Sources![language]), $"{name}: '{language}' is neither official nor marked a working translation or wording");
            }
        }
    }

    // The schema's vocabularies and the records' enums are two spellings of one list: a kind or a
    // milestone added to one and not the other would load in one and be refused by the other.
    [Fact]
    public void The_schema_s_meeting_kinds_and_milestones_are_the_records_enums()
    {
        var schema = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Definitions", "dialogue.schema.json")))!["$defs"]!;

        Assert.Equal(Enum.GetNames<MeetingKind>(), schema["meetingKind"]!["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(Enum.GetNames<Milestone>(), schema["milestone"]!["enum"]!.AsArray().Select(v => (string)v!));
        Assert.Equal(Enum.GetNames<HalfDay>(), schema["slot"]!["properties"]!["halfDay"]!["enum"]!.AsArray().Select(v => (string)v!));
    }
}
