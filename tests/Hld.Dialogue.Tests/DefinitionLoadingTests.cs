using System.Text.Json.Nodes;
using Hld.Modalities;
using Hld.Domain;
using Xunit;
using static Hld.Modalities.Tests.BrokenDefinition;

namespace Hld.Modalities.Tests;

/// <summary>Issue 12: a definition that breaks a rule is refused at loading, naming the file, the path and the problem.</summary>
public sealed class DefinitionLoadingTests
{
    private static JsonObject Shipped2013() => Shipped("hld-2013");

    [Fact]
    public void The_shipped_2013_definition_loads_and_is_listed()
    {
        var definition = DialogueDefinitions.Load("hld-2013");

        Assert.Contains("hld-2013", DialogueDefinitions.Shipped);
        Assert.Equal("hld-2013", definition.Id);
        Assert.Equal(["A/RES/67/219"], definition.Resolution.Symbols);
        Assert.Equal(2, definition.Days);
    }

    [Fact]
    public void A_round_table_on_a_day_the_meeting_does_not_have_is_refused_with_the_file_and_the_path()
    {
        var definition = Shipped2013();
        var i = IndexOf(definition, "RoundTable", 4);
        definition["meetings"]![i]!["day"] = 3;

        var refused = Refused(definition);

        Assert.Equal("broken.json", refused.File);
        var problem = Assert.Single(refused.Problems);
        Assert.Equal($"$.meetings[{i}].day", problem.Path);
        Assert.Contains("day 3 is outside the meeting's 2 day(s) (2013-10-03 to 2013-10-04)", problem.Message, StringComparison.Ordinal);
        Assert.Contains("broken.json", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"$.meetings[{i}].day", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_deadline_after_the_opening_it_must_precede_is_refused()
    {
        var definition = Shipped2013();
        definition["hearing"]!["summary"]!["deadline"] = "2013-10-05T12:00:00-04:00";

        var problem = Assert.Single(Refused(definition).Problems);

        Assert.Equal("$.hearing.summary.deadline", problem.Path);
        Assert.Contains("after the opening", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_whose_paragraph_the_resolution_does_not_have_is_refused()
    {
        var definition = Shipped2013();
        definition["lists"]![2]!["paragraph"] = "21";

        var problem = Assert.Single(Refused(definition).Problems);

        Assert.Equal("$.lists[2].paragraph", problem.Path);
        Assert.Contains("paragraph '21' is not among the resolution's paragraphs", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paragraph_missing_from_the_list_refuses_every_rule_that_names_it()
    {
        var definition = Shipped2013();
        var paragraphs = definition["paragraphs"]!.AsArray();
        paragraphs.RemoveAt(paragraphs.Select((p, i) => (p, i)).Single(x => (string?)x.p!["number"] == "12").i);

        var refused = Refused(definition);

        Assert.Contains(refused.Problems, p => p.Path == "$.lists[2].paragraph");
        Assert.Contains(refused.Problems, p => p.Path.StartsWith("$.participation[", StringComparison.Ordinal) && p.Message.Contains("'12'", StringComparison.Ordinal));
    }

    [Fact]
    public void More_round_tables_than_the_resolution_decides_are_refused()
    {
        var definition = Shipped2013();
        var extra = definition["meetings"]![IndexOf(definition, "RoundTable", 4)]!.DeepClone();
        extra["number"] = 5;
        definition["meetings"]!.AsArray().Add(extra);

        var problem = Assert.Single(Refused(definition).Problems);

        Assert.Equal("$.meetingCounts.counts.RoundTable", problem.Path);
        Assert.Contains("the resolution's 4 RoundTable meeting(s), and the definition has 5", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void What_the_schema_refuses_is_named_by_its_path_too()
    {
        var definition = Shipped2013();
        definition["speakers"]!["precedence"]![0] = "Emperor";
        definition["coChairs"]!["perRoundTable"] = "two";
        definition["venu"] = "a typo";

        var refused = Refused(definition);

        Assert.Contains(refused.Problems, p => p.Path == "$.speakers.precedence[0]");
        Assert.Contains(refused.Problems, p => p.Path == "$.coChairs.perRoundTable");
        Assert.Contains(refused.Problems, p => p.Path == "$.venu" && p.Message.Contains("'venu' is not a field of the format", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.Path == "$.speakers.precedence[0]" && p.Message.Contains("\"Emperor\"", StringComparison.Ordinal));
        Assert.Equal(3, refused.Problems.Count);
    }

    [Fact]
    public void Text_that_is_not_json_is_refused_with_its_line()
    {
        var refused = Assert.Throws<DialogueDefinitionException>(() => DialogueDefinitions.Parse("{\n  \"id\": \"x\",\n  oops\n}", "broken.json"));

        Assert.StartsWith("line 3", Assert.Single(refused.Problems).Path, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_that_is_neither_shipped_nor_a_file_says_which_are_shipped()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => DialogueDefinitions.Resolve("hld-2099"));

        Assert.Contains("hld-2013", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_is_read_from_a_path_as_well_as_by_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dialogue-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Shipped2013().ToJsonString());
        try
        {
            Assert.Equal("hld-2013", DialogueDefinitions.Load(path).Id);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Every_category_takes_part_under_exactly_one_rule()
    {
        var definition = Shipped2013();
        definition["participation"]![0]!["categories"]!.AsArray().Add("ObserverState");

        var problem = Assert.Single(Refused(definition).Problems);

        Assert.Equal("$.participation", problem.Path);
        Assert.Contains($"{ParticipantCategory.ObserverState} is named by 2 participation rules", problem.Message, StringComparison.Ordinal);
    }
}
