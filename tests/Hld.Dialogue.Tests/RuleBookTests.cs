using Hld.Domain;
using Hld.Modalities;
using Xunit;

namespace Hld.Modalities.Tests;

/// <summary>
/// The rule book reads each rule's paragraph from the definition in force (decision 092): under
/// hld-2013 the paragraphs the services named before the rules became data, under another definition
/// that resolution's own, and a definition that leaves a rule the services need without a paragraph
/// does not load.
/// </summary>
public sealed class RuleBookTests
{
    private static readonly RuleBook Hld2013 = new(DialogueDefinitions.Load("hld-2013"));

    public static TheoryData<Rule, string> ParagraphsOf67219 => new()
    {
        { Rules.Dates, "2" },
        { Rules.FollowsSession, "2" },
        { Rules.MeetingCounts, "3(b)" },
        { Rules.ClosingSummaries, "3(b)(iii)" },
        { Rules.CoChairs, "3(d)" },
        { Rules.Registration, "4" },
        { Rules.Precedence, "5" },
        { Rules.Participation(ParticipantCategory.MemberState), "5" },
        { Rules.Participation(ParticipantCategory.ObserverState), "6" },
        { Rules.Participation(ParticipantCategory.ObserverOrganization), "6" },
        { Rules.Participation(ParticipantCategory.UnSystemEntity), "7" },
        { Rules.Participation(ParticipantCategory.PrivateSectorEntity), "12" },
        { Rules.List(ListKind.OtherIgos), "8" },
        { Rules.List(ListKind.EcosocNgos), "9" },
        { Rules.List(ListKind.OtherStakeholders), "12" },
        { Rules.Hearing, "11" },
        { Rules.HearingSummary, "11" },
        { Rules.HearingRepresentatives, "13" },
        { Rules.Meeting("Panel"), "14" },
        { Rules.Meeting("RoundTable", 1), "3(b)(i)" },
        { Rules.Meeting("RoundTable", 4), "3(b)(ii)" },
        { Rules.Report("overview-of-studies"), "15" },
        { Rules.Report("regional-inputs"), "16" },
        { Rules.Report("member-state-contributions"), "17" },
        { Rules.Report("follow-up-agenda-item"), "18" },
        { Rules.Report("implementation-report"), "19" },
        { Rules.Paragraph("17"), "17" },
    };

    [Theory]
    [MemberData(nameof(ParagraphsOf67219))]
    public void Under_hld_2013_each_rule_has_the_paragraph_of_67_219_the_services_named_before(Rule rule, string paragraph) =>
        Assert.Equal(paragraph, Hld2013.ParagraphOf(rule));

    [Fact]
    public void Under_the_forum_s_definition_the_same_rules_name_73_326_s_paragraphs()
    {
        var imrf = new RuleBook(DialogueDefinitions.Load("imrf-2022"));

        Assert.Equal(
            ["9", "1", "7", "6", "10", "4"],
            new[] { Rules.CoChairs, Rules.Registration, Rules.List(ListKind.OtherStakeholders), Rules.List(ListKind.EcosocNgos), Rules.Hearing, Rules.Participation(ParticipantCategory.ObserverState) }.Select(imrf.ParagraphOf));
    }

    [Fact]
    public void What_a_definition_does_not_have_resolves_to_no_paragraph_rather_than_to_another_s()
    {
        var hld2006 = new RuleBook(DialogueDefinitions.Load("hld-2006"));

        Assert.Null(hld2006.ParagraphOf(Rules.List(ListKind.OtherIgos)));
        Assert.Null(hld2006.ParagraphOf(Rules.ClosingSummaries));
        Assert.Null(Hld2013.ParagraphOf(Rules.Paragraph("20")));
        Assert.Null(Hld2013.ParagraphOf(Rules.Meeting("RoundTable", 5)));
        Assert.Null(Hld2013.ParagraphOf(new Rule("no-such-section")));
    }

    [Theory]
    [MemberData(nameof(ShippedDefinitions))]
    public void Every_shipped_definition_gives_every_rule_the_services_need_a_paragraph_of_its_resolutions(string name)
    {
        var definition = DialogueDefinitions.Load(name);
        var book = new RuleBook(definition);
        var paragraphs = definition.Paragraphs.Select(p => p.Number).ToHashSet(StringComparer.Ordinal);

        Assert.All(RuleBook.Required, rule => Assert.Contains(book.ParagraphOf(rule) ?? "(none)", paragraphs));
    }

    public static TheoryData<string> ShippedDefinitions => new(DialogueDefinitions.Shipped);

    [Fact]
    public void A_definition_without_the_paragraph_for_registration_is_refused_at_its_path()
    {
        var definition = BrokenDefinition.Shipped("hld-2013");
        definition.Remove("registration");

        var refused = BrokenDefinition.Refused(definition);

        Assert.Equal("broken.json", refused.File);
        Assert.Contains(refused.Problems, p => p.Path == "$" && p.Message.Contains("registration", StringComparison.Ordinal));
    }

    [Fact]
    public void A_category_no_participation_rule_names_is_refused_because_its_refusals_would_have_no_paragraph()
    {
        var definition = BrokenDefinition.Shipped("hld-2013");
        var participation = definition["participation"]!.AsArray();
        participation.RemoveAt(participation.Count - 1);

        var refused = BrokenDefinition.Refused(definition);

        Assert.Contains(refused.Problems, p => p.Path == "$.participation" && p.Message.Contains("PrivateSectorEntity", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rule_names_its_part_of_the_definition_as_partners_read_it_in_the_error_info() =>
        Assert.Equal(
            ["coChairs", "lists[OtherStakeholders]", "participation[MemberState]", "meetings[RoundTable 2]", "hearing.summary"],
            new[] { Rules.CoChairs, Rules.List(ListKind.OtherStakeholders), Rules.Participation(ParticipantCategory.MemberState), Rules.Meeting("RoundTable", 2), Rules.HearingSummary }.Select(r => r.ToString()));
}
