using System.Collections.Immutable;
using Hld.Domain;
using Hld.Sessions.Participants;
using Hld.Testing;
using Xunit;
using static Hld.Sessions.Tests.Resolution;

namespace Hld.Sessions.Tests;

/// <summary>The read models fed by registry events: guarded, so replays and late events are harmless.</summary>
public sealed class ReadModelTests
{
    private static LevelChange Level(string id, LevelOfRepresentation level, long version) =>
        new(id, ParticipantCategory.MemberState, RegionalGroup.AfricanStates, level, $"Head of {id}", version);

    [Fact]
    public void A_level_change_older_than_the_one_applied_is_ignored_para5()
    {
        var directory = ParticipantDirectory.Empty.Apply(Level("NGA", LevelOfRepresentation.HeadOfState, 3))!;

        Assert.Null(directory.Apply(Level("NGA", LevelOfRepresentation.Minister, 2)));
        Assert.Null(directory.Apply(Level("NGA", LevelOfRepresentation.Minister, 3)));
        Assert.Equal(LevelOfRepresentation.HeadOfState, directory.LevelOf("nga"));
        Assert.Equal(LevelOfRepresentation.Minister, directory.Apply(Level("NGA", LevelOfRepresentation.Minister, 4))!.LevelOf("NGA"));
    }

    [Fact]
    public void A_registration_after_a_level_change_keeps_the_level_para5()
    {
        var directory = ParticipantDirectory.Empty
            .Apply(Level("NGA", LevelOfRepresentation.HeadOfGovernment, 1))!
            .Learn(new Registration("NGA", ParticipantCategory.MemberState, RegionalGroup.AfricanStates, Texts("Nigeria", "尼日利亚"), "NGA"));

        var nigeria = directory.Find("NGA")!;
        Assert.Equal((LevelOfRepresentation.HeadOfGovernment, "尼日利亚", 1), (nigeria.Level, nigeria.Name["zh"], directory.Count));
    }

    [Fact]
    public void A_final_list_is_taken_in_once_and_an_older_finalisation_changes_nothing_para13()
    {
        var entry = new FinalListEntry("ngo-a", ParticipantCategory.EcosocNgo, Texts("A", "甲"), "KEN", RegionalGroup.AfricanStates);
        var at = new DateTimeOffset(2013, 6, 15, 0, 0, 0, TimeSpan.Zero);
        var lists = FinalLists.Empty.Apply(new FinalList("para12", StakeholderListKind.OtherStakeholders, at, [entry]))!;

        Assert.Null(lists.Apply(new FinalList("para12", StakeholderListKind.OtherStakeholders, at.AddDays(-1), ImmutableList<FinalListEntry>.Empty)));
        Assert.Equal("para12", lists.Find("NGO-A")!.Value.List.ListId);
        Assert.Null(lists.Find("ngo-b"));
        var again = lists.Apply(new FinalList("para12", StakeholderListKind.OtherStakeholders, at.AddDays(1), ImmutableList<FinalListEntry>.Empty))!;
        Assert.Null(again.Find("ngo-a"));
    }

    [Fact]
    public void A_participant_the_registry_never_announced_is_refused_naming_the_paragraph_para3d()
    {
        var directory = ParticipantDirectory.Empty.Learn(new Registration("NGA", ParticipantCategory.MemberState, RegionalGroup.AfricanStates, Texts("Nigeria", "尼日利亚"), "NGA"));

        var unknown = directory.Require("ATL", Rules.CoChairs, Refusals.Text("ToCoChairARoundTableAState")).Violation!;

        Assert.Equal(("PARTICIPANT_UNKNOWN", "3(d)"), (unknown.Reason, unknown.Paragraph));
        Assert.Equal(RegionalGroup.AfricanStates, directory.Require("nga", Rules.CoChairs, Refusals.Text("ToCoChairARoundTableAState")).Value.RegionalGroup);
    }
}
