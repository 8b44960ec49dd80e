using Hld.Domain;
using Hld.Registry.Participants;
using Hld.Registry.Reference;
using static Hld.Registry.Tests.Samples;

namespace Hld.Registry.Tests;

public sealed class ReferenceDataTests
{
    [Fact]
    public void Loading_the_same_reference_participant_twice_changes_nothing_para4()
    {
        var reference = Catalogue().Participants().Single(p => p.Id == "MEX");

        var (first, registered) = ParticipantRegistration.Load(null, reference, June1);
        var (second, again) = ParticipantRegistration.Load(registered, reference, June1.AddDays(1));

        Assert.Equal(ReferenceLoadOutcome.Registered, first);
        Assert.Equal(June1, registered!.RegisteredAt);
        Assert.Equal(ReferenceLoadOutcome.Unchanged, second);
        Assert.Null(again);
    }

    [Fact]
    public void A_stored_participant_with_other_facts_is_reported_not_overwritten_para4()
    {
        var reference = Catalogue().Participants().Single(p => p.Id == "MEX");
        var stored = reference with { Names = Names("Mexico (edited)", "墨西哥") };

        var (outcome, registered) = ParticipantRegistration.Load(stored, reference, June1);

        Assert.Equal(ReferenceLoadOutcome.Differs, outcome);
        Assert.Null(registered);
    }

    [Fact]
    public void Reference_participants_carry_their_category_group_and_source_version_paras_5_to_7()
    {
        var participants = Catalogue().Participants().ToDictionary(p => p.Id);

        Assert.Equal((ParticipantCategory.MemberState, RegionalGroup.WesternEuropeanAndOtherStates), (participants["TUR"].Category, participants["TUR"].RegionalGroup));
        Assert.Equal(RegionalGroup.None, participants["VAT"].RegionalGroup);
        Assert.Equal(ParticipantCategory.ObserverOrganization, participants["EU"].Category);
        Assert.True(participants["ECLAC"].RegionalCommission);
        Assert.True(participants["IOM"].GlobalMigrationGroupMember);
        Assert.Equal(ParticipantCategory.IgoStandingInvitation, participants["IOM"].Category);
        Assert.All(participants.Values, p => Assert.Equal("test-1", p.ReferenceVersion));
    }

    [Fact]
    public void Counts_come_by_category_and_regional_group_para4()
    {
        var counts = ParticipantCount.Of(Catalogue().Participants());

        Assert.Equal(2, counts.Single(c => c.Category == ParticipantCategory.MemberState && c.RegionalGroup == RegionalGroup.AfricanStates).Count);
        Assert.Equal(3, counts.Single(c => c.Category == ParticipantCategory.MemberState && c.RegionalGroup == RegionalGroup.WesternEuropeanAndOtherStates).Count);
        Assert.Equal(2, counts.Where(c => c.Category == ParticipantCategory.ObserverState).Sum(c => c.Count));
        Assert.Equal(8, counts.Where(c => c.Category == ParticipantCategory.MemberState).Sum(c => c.Count));
    }

    [Fact]
    public void A_state_counting_in_two_groups_on_one_day_is_refused_para4()
    {
        var twice = new ReferenceFile(new ReferenceSource("bad.json", "1", "test"),
        [
            new ReferenceState("TUR", ParticipantCategory.MemberState, Names("Turkey", "土耳其"),
                [Member(RegionalGroup.WesternEuropeanAndOtherStates), Member(RegionalGroup.AsiaPacificStates)]),
        ], []);

        var problems = ReferenceCatalogue.Problems([twice], DialogueDay);

        Assert.Contains(problems, p => p.Contains("TUR counts in more than one regional group", StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(() => ReferenceCatalogue.Build([twice], DialogueDay));
    }

    [Fact]
    public void Reference_data_needs_Chinese_and_English_names_a_source_and_unique_ids_para4()
    {
        var bad = new ReferenceFile(new ReferenceSource("bad.json", "", ""),
        [
            new ReferenceState("FRA", ParticipantCategory.MemberState, new Dictionary<string, string> { ["en"] = "France" }, []),
            new ReferenceState("FRA", ParticipantCategory.MemberState, Names("France", "法国"), []),
            new ReferenceState("fr", ParticipantCategory.MemberState, Names("France", "法国"), []),
        ], []);

        var problems = ReferenceCatalogue.Problems([bad], DialogueDay);

        Assert.Contains(problems, p => p.Contains("needs a version and a source", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("FRA needs a name in Chinese and in English", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("FRA appears more than once", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'fr' is not an ISO 3166-1 alpha-3 code", StringComparison.Ordinal));
    }
}
