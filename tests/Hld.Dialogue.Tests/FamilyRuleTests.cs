using System.Text.Json.Nodes;
using Hld.Modalities;
using Xunit;
using static Hld.Modalities.Tests.BrokenDefinition;

namespace Hld.Modalities.Tests;

/// <summary>The rules this slice adds for the family beyond 67/219, each shown refusing a broken file (issue 12).</summary>
public sealed class FamilyRuleTests
{
    private static int ParagraphIndex(JsonObject definition, string number) =>
        definition["paragraphs"]!.AsArray().Select((p, i) => (p, i)).Single(x => (string?)x.p!["number"] == number).i;

    [Fact]
    public void A_round_table_outside_the_half_days_the_resolution_allows_is_refused()
    {
        var definition = Shipped("imrf-2022");
        var i = IndexOf(definition, "RoundTable", 4);
        definition["meetings"]![i]!["halfDay"] = "Afternoon";
        definition["meetings"]![i]!["startsAt"] = "15:00";
        definition["meetings"]![i]!["endsAt"] = "18:00";

        var problem = Assert.Single(Refused(definition).Problems);

        Assert.Equal($"$.meetings[{i}].day", problem.Path);
        Assert.Contains("RoundTable 4 on day 2 afternoon is outside day 1 morning to day 2 morning ($.windows[0])", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paragraph_of_the_second_resolution_without_its_prefix_is_refused()
    {
        var definition = Shipped("imrf-2022");
        var i = ParagraphIndex(definition, "73/195 50");
        definition["paragraphs"]![i]!["number"] = "50";
        definition["reports"]!.AsArray().Single(r => (string?)r!["paragraph"] == "73/195 50")!["paragraph"] = "50";

        var problem = Assert.Single(Refused(definition).Problems);

        Assert.Equal($"$.paragraphs[{i}].number", problem.Path);
        Assert.Contains("needs its prefix ('73/195 50')", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_prefix_that_names_another_resolution_than_the_paragraph_s_is_refused()
    {
        var definition = Shipped("imrf-2022");
        var i = ParagraphIndex(definition, "73/195 52");
        definition["paragraphs"]![i]!["resolution"] = "A/RES/73/326";

        var problem = Assert.Single(Refused(definition).Problems);

        Assert.Equal($"$.paragraphs[{i}].number", problem.Path);
        Assert.Contains("names A/RES/73/195, and the paragraph is A/RES/73/326's", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paragraph_of_a_resolution_the_meeting_does_not_rest_on_is_refused()
    {
        var definition = Shipped("imrf-2022");
        var i = ParagraphIndex(definition, "73/195 52");
        definition["paragraphs"]![i]!["resolution"] = "A/RES/71/280";

        var problem = Assert.Single(Refused(definition).Problems);

        Assert.Equal($"$.paragraphs[{i}].resolution", problem.Path);
    }

    [Fact]
    public void A_resolution_described_but_not_among_the_symbols_and_a_symbol_not_described_are_refused()
    {
        var definition = Shipped("imrf-2022");
        definition["resolution"]!["texts"]![1]!["symbol"] = "A/RES/71/280";

        var refused = Refused(definition);

        Assert.Contains(refused.Problems, p => p.Path == "$.resolution.texts[1].symbol");
        Assert.Contains(refused.Problems, p => p.Path == "$.resolution.texts" && p.Message.Contains("A/RES/73/195", StringComparison.Ordinal));
        Assert.Equal(2, refused.Problems.Count);
    }

    [Fact]
    public void Summaries_given_at_a_policy_debate_that_is_not_defined_are_refused()
    {
        var definition = Shipped("imrf-2022");
        definition["closingSummaries"]!["atPlenary"] = 2;

        var problem = Assert.Single(Refused(definition).Problems);

        Assert.Equal("$.closingSummaries.atPlenary", problem.Path);
        Assert.Contains("there is no PolicyDebate meeting 2", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outcome_adopted_at_a_meeting_that_is_not_defined_is_refused()
    {
        var definition = Shipped("imrf-2022");
        definition["outcome"]!["atNumber"] = 5;

        var problem = Assert.Single(Refused(definition).Problems);

        Assert.Equal("$.outcome.atNumber", problem.Path);
        Assert.Contains("there is no Plenary meeting 5 to adopt progress-declaration", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hearing_summary_due_after_the_first_plenary_it_is_presented_at_is_refused()
    {
        var definition = Shipped("imrf-2022");
        definition["hearing"]!["summary"]!["deadline"] = "2022-05-19T12:00:00-04:00";

        var problem = Assert.Single(Refused(definition).Problems);

        Assert.Equal("$.hearing.summary.deadline", problem.Path);
        Assert.Contains("after the first plenary it must precede (2022-05-19T10:00:00.0000000-04:00)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hearing_held_on_a_day_of_the_meeting_is_accepted_when_the_definition_says_so_and_refused_when_it_does_not()
    {
        var definition = Shipped("imrf-2022");
        definition["hearing"]!["on"] = "2022-05-18";
        var meeting = definition["meetings"]![IndexOf(definition, "MultiStakeholderHearing", 1)]!.AsObject();
        meeting.Remove("before");
        meeting.Remove("on");
        meeting["day"] = 2;
        meeting["halfDay"] = "Morning";

        var refused = Assert.Single(Refused(definition).Problems);
        Assert.Equal("$.hearing.on", refused.Path);
        Assert.Contains("is not before the meeting opens", refused.Message, StringComparison.Ordinal);

        definition["hearing"]!["duringMeeting"] = true;
        Assert.Equal(new DateOnly(2022, 5, 18), DialogueDefinitions.Parse(definition.ToJsonString(), "during.json").Hearing.On);
    }

    [Fact]
    public void A_hearing_said_to_be_during_the_meeting_but_dated_outside_it_is_refused()
    {
        var definition = Shipped("imrf-2022");
        definition["hearing"]!["duringMeeting"] = true;

        var problem = Assert.Single(Refused(definition).Problems);

        Assert.Equal("$.hearing.on", problem.Path);
        Assert.Contains("held during the meeting (duringMeeting), and the meeting's days are 2022-05-17 to 2022-05-20", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_meeting_dated_on_or_after_the_milestone_it_comes_ahead_of_is_refused_and_so_is_a_hearing_meeting_not_on_the_hearing_s_day()
    {
        var definition = Shipped("imrf-2022");
        var i = IndexOf(definition, "MultiStakeholderHearing", 1);
        definition["meetings"]![i]!["on"] = "2022-05-17";

        var refused = Refused(definition);

        Assert.Contains(refused.Problems, p => p.Path == $"$.meetings[{i}].on" && p.Message.Contains("is not before the opening it comes ahead of", StringComparison.Ordinal));
        Assert.Contains(refused.Problems, p => p.Path == $"$.meetings[{i}].on" && p.Message.Contains("$.hearing.on says 2022-05-16", StringComparison.Ordinal));
        Assert.Equal(2, refused.Problems.Count);
    }

    [Fact]
    public void A_date_on_a_meeting_that_names_no_milestone_is_refused()
    {
        var definition = Shipped("imrf-2022");
        var i = IndexOf(definition, "PolicyDebate", 1);
        definition["meetings"]![i]!["on"] = "2022-05-18";

        var problem = Assert.Single(Refused(definition).Problems);

        Assert.Equal($"$.meetings[{i}].on", problem.Path);
    }

    [Fact]
    public void A_theme_source_for_a_language_the_theme_has_no_text_in_is_refused()
    {
        var definition = Shipped("hld-2013");
        definition["theme"]!["texts"]!.AsObject().Remove("ru");

        var problem = Assert.Single(Refused(definition).Problems);

        Assert.Equal("$.theme.sources.ru", problem.Path);
    }

    [Fact]
    public void A_resolution_listed_twice_is_refused()
    {
        var definition = Shipped("hld-2006");
        definition["resolution"]!["symbols"]![2] = "A/RES/58/208";

        var refused = Refused(definition);

        Assert.Contains(refused.Problems, p => p.Path == "$.resolution.symbols[2]" && p.Message.Contains("listed twice", StringComparison.Ordinal));
    }

    [Fact]
    public void The_new_meeting_kinds_and_the_qualified_paragraphs_are_in_the_schema_and_an_unknown_kind_is_not()
    {
        var definition = Shipped("imrf-2022");
        definition["meetings"]![0]!["kind"] = "Banquet";
        definition["paragraphs"]![0]!["number"] = "73/195 para 1";

        var refused = Refused(definition);

        Assert.Contains(refused.Problems, p => p.Path == "$.meetings[0].kind");
        Assert.Contains(refused.Problems, p => p.Path == "$.paragraphs[0].number");
    }
}
