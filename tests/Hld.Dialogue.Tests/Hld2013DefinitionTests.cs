using System.Text.Json.Nodes;
using Hld.Modalities;
using Hld.Domain;
using Xunit;

namespace Hld.Modalities.Tests;

/// <summary>
/// The 2013 definition says what resolution 67/219 says and what the services are configured with
/// today, so that moving them onto the definition changes nothing (issue 12).
/// </summary>
public sealed class Hld2013DefinitionTests
{
    private static readonly DialogueDefinition Definition = DialogueDefinitions.Load("hld-2013");

    private static JsonNode Today(string service) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Today", service + ".json")))!;

    [Fact]
    public void Every_operative_paragraph_of_67_219_is_listed_once()
    {
        var numbered = Definition.Paragraphs.Select(p => p.Number).Where(n => n.All(char.IsAsciiDigit)).Select(int.Parse);

        Assert.Equal(Enumerable.Range(1, 19), numbered);
    }

    [Fact]
    public void Four_plenaries_and_four_round_tables_in_the_slots_of_para_3_b()
    {
        var roundTables = Definition.MeetingsOf(MeetingKind.RoundTable).Select(m => (m.Number, m.Day, m.HalfDay, m.Paragraph));

        Assert.Equal(4, Definition.MeetingsOf(MeetingKind.Plenary).Count());
        Assert.Equal(
            [(1, 1, HalfDay.Morning, "3(b)(i)"), (2, 1, HalfDay.Afternoon, "3(b)(i)"), (3, 2, HalfDay.Morning, "3(b)(ii)"), (4, 2, HalfDay.Afternoon, "3(b)(ii)")],
            roundTables.Select(r => (r.Number, r.Day!.Value, r.HalfDay!.Value, r.Paragraph)));
    }

    [Fact]
    public void The_themes_and_the_programme_are_those_the_sessions_service_runs_today()
    {
        var sessions = Today("sessions")["Sessions"]!;

        Assert.Equal((string?)sessions["Dialogue"]!["Theme"]!["en"], Definition.Theme.Texts["en"]);
        Assert.Equal((string?)sessions["Dialogue"]!["Theme"]!["zh"], Definition.Theme.Texts["zh"]);
        foreach (var configured in sessions["Programme"]!["RoundTables"]!.AsArray())
        {
            var defined = Definition.MeetingsOf(MeetingKind.RoundTable).Single(m => m.Number == (int)configured!["Number"]!);
            Assert.Equal((string?)configured!["Theme"]!["en"], defined.Theme!.Texts["en"]);
            Assert.Equal(((string)configured["StartsAt"]!)[11..16], defined.StartsAt!.Value.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((int)configured["Capacity"]!, defined.Capacity);
        }

        Assert.Equal(TimeSpan.Parse((string)sessions["Programme"]!["SpeakerTimeLimit"]!, System.Globalization.CultureInfo.InvariantCulture), Definition.Speakers.TimeLimit);
        Assert.Equal((int)sessions["Mandate"]!["CoChairsPerRoundTable"]!, Definition.CoChairs.PerRoundTable);
        Assert.Equal((int)sessions["Mandate"]!["MostSeatsWhileAGroupHasNone"]!, Definition.CoChairs.MostSeatsWhileAGroupHasNone);
        Assert.Equal((int)sessions["Mandate"]!["HearingSpeakersMeeting"]!, Definition.Speakers.AsTimePermits!.OnPlenary);
    }

    [Fact]
    public void The_hearing_and_its_summary_deadline_are_those_the_hearings_and_registry_services_run_today()
    {
        var hearings = Today("hearings")["Hearings"]!;
        var registry = Today("registry")["Registry"]!;

        Assert.Equal(DateOnly.Parse((string)registry["HearingDate"]!, System.Globalization.CultureInfo.InvariantCulture), Definition.Hearing.On);
        Assert.Equal(DateTimeOffset.Parse((string)hearings["SummaryDeadline"]!, System.Globalization.CultureInfo.InvariantCulture).AddTicks(-9_999_999), Definition.Hearing.Summary.Deadline);
        Assert.Equal("11", Definition.Hearing.Summary.Paragraph);
    }

    [Fact]
    public void The_paragraphs_each_category_takes_part_under_are_the_registry_s_today()
    {
        // The registry's refusals read these through the rule book (decision 092); 67/219's paragraphs as the switch of stop 22 had them.
        Assert.Equal("5", Definition.ParticipationOf(ParticipantCategory.MemberState).Paragraph);
        Assert.Equal("6", Definition.ParticipationOf(ParticipantCategory.ObserverOrganization).Paragraph);
        Assert.Equal("7", Definition.ParticipationOf(ParticipantCategory.IgoStandingInvitation).Paragraph);
        Assert.Equal("8", Definition.ListOf(ListKind.OtherIgos)!.Paragraph);
        Assert.Equal("9", Definition.ListOf(ListKind.EcosocNgos)!.Paragraph);
        Assert.Equal("12", Definition.ParticipationOf(ParticipantCategory.PrivateSectorEntity).Paragraph);
        Assert.True(Definition.ListOf(ListKind.EcosocNgos)!.EcosocStatusRequired);
        Assert.Equal(new NonObjection(Milestone.Hearing, 1), Definition.ListOf(ListKind.OtherStakeholders)!.NonObjection);
    }

    [Fact]
    public void The_speakers_list_precedence_is_the_general_assembly_s_order_of_levels()
    {
        Assert.Equal(Enum.GetValues<LevelOfRepresentation>().Where(l => l != LevelOfRepresentation.Unspecified), Definition.Speakers.Precedence);
        Assert.Equal("5", Definition.Speakers.PrecedenceParagraph);
    }
}
