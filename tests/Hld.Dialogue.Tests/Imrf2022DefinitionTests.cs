using System.Text.RegularExpressions;
using Hld.Modalities;
using Xunit;

namespace Hld.Modalities.Tests;

/// <summary>
/// The 2022 definition against what the first International Migration Review Forum did. The facts are
/// written out here from the records, not read from the file: indico.un.org/event/1000748 (the Forum
/// 17-20 May, the hearing on 16 May, round tables on 17 May and the morning of 18 May, the policy
/// debate that afternoon, plenary on 19 and 20 May), migrationpolicy.org (round table 1 Tuesday morning,
/// round table 2 Tuesday afternoon), adept-platform.org (the objectives of round tables 1-3).
/// </summary>
public sealed partial class Imrf2022DefinitionTests
{
    private static readonly DialogueDefinition Definition = DialogueDefinitions.Load("imrf-2022");

    private static DateOnly DateOf(MeetingDefinition m) => m.On ?? Definition.Dates.OpensOn.AddDays(m.Day!.Value - 1);

    [Fact]
    public void The_forum_met_from_17_to_20_May_2022_and_the_hearing_the_day_before_on_16_May()
    {
        Assert.Equal(new DateOnly(2022, 5, 17), Definition.Dates.OpensOn);
        Assert.Equal(new DateOnly(2022, 5, 20), Definition.Dates.ClosesOn);
        Assert.Equal(4, Definition.Days);
        Assert.Equal(new DateOnly(2022, 5, 16), Definition.Hearing.On);
        Assert.Equal(1, Definition.Hearing.Days);
        Assert.False(Definition.Hearing.DuringMeeting);
        Assert.Equal(new DateOnly(2022, 5, 16), DateOf(Assert.Single(Definition.MeetingsOf(MeetingKind.MultiStakeholderHearing))));
    }

    [Fact]
    public void Four_round_tables_on_17_May_and_the_morning_of_18_May_rounds_one_and_two_on_the_Tuesday()
    {
        var roundTables = Definition.MeetingsOf(MeetingKind.RoundTable).ToList();

        Assert.Equal(4, roundTables.Count);
        Assert.All(roundTables, r => Assert.True(DateOf(r) == new DateOnly(2022, 5, 17) || (DateOf(r) == new DateOnly(2022, 5, 18) && r.HalfDay == HalfDay.Morning)));
        Assert.Equal((new DateOnly(2022, 5, 17), HalfDay.Morning), (DateOf(roundTables[0]), roundTables[0].HalfDay!.Value));
        Assert.Equal((new DateOnly(2022, 5, 17), HalfDay.Afternoon), (DateOf(roundTables[1]), roundTables[1].HalfDay!.Value));
        Assert.Equal(new DateOnly(2022, 5, 18), DateOf(roundTables[2]));
    }

    [Fact]
    public void One_policy_debate_in_the_afternoon_of_18_May_where_the_round_tables_summaries_are_presented()
    {
        var debate = Assert.Single(Definition.MeetingsOf(MeetingKind.PolicyDebate));

        Assert.Equal((new DateOnly(2022, 5, 18), HalfDay.Afternoon), (DateOf(debate), debate.HalfDay!.Value));
        Assert.Equal(MeetingKind.PolicyDebate, Definition.ClosingSummaries!.AtKind);
        Assert.Equal(debate.Number, Definition.ClosingSummaries.AtPlenary);
    }

    [Fact]
    public void The_plenary_meets_only_on_19_and_20_May_and_adopts_the_progress_declaration()
    {
        var plenaries = Definition.MeetingsOf(MeetingKind.Plenary).ToList();

        Assert.NotEmpty(plenaries);
        Assert.All(plenaries, p => Assert.Contains(DateOf(p), new[] { new DateOnly(2022, 5, 19), new DateOnly(2022, 5, 20) }));
        Assert.Contains(plenaries, p => DateOf(p) == new DateOnly(2022, 5, 19));
        Assert.Contains(plenaries, p => DateOf(p) == new DateOnly(2022, 5, 20));
        Assert.Equal(MeetingKind.Plenary, Definition.Outcome!.AtKind);
        Assert.Equal("progress-declaration", Definition.Outcome.Id);
    }

    [Fact]
    public void The_round_tables_review_the_objectives_the_records_give_and_together_all_23()
    {
        int[][] recorded = [[2, 5, 6, 12, 18], [4, 8, 9, 10, 11, 13, 21], [14, 15, 16, 19, 20, 22]];
        var defined = Definition.MeetingsOf(MeetingKind.RoundTable).Select(r => Objectives(r.Theme!.Texts["en"])).ToList();

        for (var i = 0; i < recorded.Length; i++)
        {
            Assert.Equal(recorded[i], defined[i]);
        }

        Assert.Equal(Enumerable.Range(1, 23), defined.SelectMany(o => o).Order());
    }

    [Fact]
    public void The_forum_rests_on_73_326_and_73_195_and_the_declaration_on_73_195_para_49_e()
    {
        Assert.Equal(["A/RES/73/326", "A/RES/73/195"], Definition.Resolution.Symbols);
        Assert.Equal(new DateOnly(2019, 7, 19), Definition.Resolution.Texts!.Single(t => t.Symbol == "A/RES/73/326").AdoptedOn);
        Assert.Equal(new DateOnly(2018, 12, 19), Definition.Resolution.Texts!.Single(t => t.Symbol == "A/RES/73/195").AdoptedOn);
        Assert.Equal("73/195 49(e)", Definition.Outcome!.Paragraph);
        Assert.Equal("A/RES/73/195", Definition.ResolutionOf(Definition.Outcome.Paragraph));
        Assert.Equal("A/RES/73/326", Definition.ResolutionOf(Definition.MeetingCounts.Paragraph));
    }

    [Fact]
    public void Every_paragraph_number_of_73_326_says_it_is_unconfirmed_because_its_text_was_not_read()
    {
        Assert.False(Definition.Resolution.Texts!.Single(t => t.Symbol == "A/RES/73/326").ParagraphsConfirmed);
        Assert.All(Definition.Paragraphs.Where(p => Definition.ResolutionOf(p.Number) == "A/RES/73/326"), p => Assert.Contains("not confirmed", p.Note, StringComparison.OrdinalIgnoreCase));
    }

    private static int[] Objectives(string theme) => [.. ObjectiveNumbers().Matches(theme).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"\b\d{1,2}\b")]
    private static partial Regex ObjectiveNumbers();
}
