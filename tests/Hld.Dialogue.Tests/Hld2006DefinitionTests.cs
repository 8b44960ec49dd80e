using Hld.Modalities;
using Xunit;

namespace Hld.Modalities.Tests;

/// <summary>
/// The 2006 definition against what the first High-level Dialogue did, the facts written out here from
/// the records: un.org/migration (14-15 September 2006, New York), the draft A/C.2/60/L.16 quoted in the
/// Second Committee's report (four plenary meetings and four interactive round tables), the PGA's
/// closing statement of 15 September 2006 (the four round tables' subjects), unipd-centrodirittiumani.it
/// (the hearings on 12 July 2006), un.org/french/migration (the PGA's summary, A/61/515).
/// </summary>
public sealed class Hld2006DefinitionTests
{
    private static readonly DialogueDefinition Definition = DialogueDefinitions.Load("hld-2006");

    [Fact]
    public void The_dialogue_met_on_14_and_15_September_2006()
    {
        Assert.Equal(new DateOnly(2006, 9, 14), Definition.Dates.OpensOn);
        Assert.Equal(new DateOnly(2006, 9, 15), Definition.Dates.ClosesOn);
        Assert.Equal("A/RES/60/227", Definition.Resolution.Symbols[0]);
    }

    [Fact]
    public void Four_plenary_meetings_and_four_interactive_round_tables()
    {
        Assert.Equal(4, Definition.MeetingsOf(MeetingKind.Plenary).Count());
        Assert.Equal(4, Definition.MeetingsOf(MeetingKind.RoundTable).Count());
        Assert.Equal(4, Definition.MeetingCounts.Counts[MeetingKind.Plenary]);
        Assert.Equal(4, Definition.MeetingCounts.Counts[MeetingKind.RoundTable]);
    }

    [Fact]
    public void The_hearing_with_civil_society_was_held_on_12_July_2006_before_the_dialogue()
    {
        Assert.Equal(new DateOnly(2006, 7, 12), Definition.Hearing.On);
        Assert.Equal(1, Definition.Hearing.Days);
        Assert.True(Definition.Hearing.Summary.Deadline < new DateTimeOffset(2006, 9, 14, 0, 0, 0, TimeSpan.FromHours(-4)));
    }

    [Fact]
    public void The_round_tables_subjects_are_those_the_president_closed_on()
    {
        string[] subjects = ["economic and social development", "human rights", "remittances", "partnerships"];
        var themes = Definition.MeetingsOf(MeetingKind.RoundTable).Select(r => r.Theme!.Texts["en"]).ToList();

        for (var i = 0; i < subjects.Length; i++)
        {
            Assert.Contains(subjects[i], themes[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_presidents_summary_is_A_61_515()
    {
        Assert.Contains(Definition.Reports, r => r.Document == "A/61/515" && r.OwedBy == "PresidentOfTheGeneralAssembly");
    }

    [Fact]
    public void What_was_not_read_is_marked_unconfirmed()
    {
        Assert.All(Definition.Resolution.Texts!, t => Assert.False(t.ParagraphsConfirmed));
        Assert.All(Definition.Paragraphs, p => Assert.Contains("not confirmed", p.Note, StringComparison.OrdinalIgnoreCase));
        Assert.All(Definition.MeetingsOf(MeetingKind.RoundTable), r => Assert.Empty(r.Theme!.Official));
    }
}
