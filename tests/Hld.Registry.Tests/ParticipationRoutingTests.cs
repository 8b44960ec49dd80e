using Hld.Domain;
using Hld.Registry.Lists;
using Xunit;

namespace Hld.Registry.Tests;

/// <summary>
/// Each category takes part as the definition in force routes it (issue 12): through a delegation or
/// through one of the PGA's lists. The 2013 routes are General Assembly practice as 67/219 applied it;
/// the Forum of 2022 seats other IGOs with a delegation, so no list of them is drawn up there.
/// </summary>
public sealed class ParticipationRoutingTests
{
    public static TheoryData<ParticipantCategory, bool, ListKind?> Routes2013 => new()
    {
        { ParticipantCategory.MemberState, true, null },
        { ParticipantCategory.ObserverState, true, null },
        { ParticipantCategory.ObserverOrganization, true, null },
        { ParticipantCategory.UnSystemEntity, true, null },
        { ParticipantCategory.SpecialProcedure, true, null },
        { ParticipantCategory.IgoStandingInvitation, true, null },
        { ParticipantCategory.OtherIgo, false, ListKind.OtherIgos },
        { ParticipantCategory.EcosocNgo, false, ListKind.EcosocNgos },
        { ParticipantCategory.OtherNgo, false, ListKind.OtherStakeholders },
        { ParticipantCategory.CivilSocietyOrganization, false, ListKind.OtherStakeholders },
        { ParticipantCategory.AcademicInstitution, false, ListKind.OtherStakeholders },
        { ParticipantCategory.PrivateSectorEntity, false, ListKind.OtherStakeholders },
    };

    [Theory]
    [MemberData(nameof(Routes2013))]
    public void In_2013_each_category_takes_part_as_the_general_assembly_s_practice_has_it(ParticipantCategory category, bool delegation, ListKind? list) =>
        Assert.Equal((delegation, list), (Samples.Routes.HasDelegation(category), Samples.Routes.ListFor(category)));

    [Fact]
    public void At_the_forum_of_2022_other_igos_take_part_with_a_delegation_and_no_list_admits_them()
    {
        var forum = Samples.RoutesOf("imrf-2022");
        var igos = new ParticipantList("igos", ListKind.OtherIgos, Texts("IGOs"), ListStatus.Draft, [], Samples.June1);

        var added = PgaLists.AddEntry(igos, Samples.Organization("igo-oecd", ParticipantCategory.OtherIgo), Samples.June1, forum);

        Assert.True(forum.HasDelegation(ParticipantCategory.OtherIgo));
        Assert.Null(forum.ListFor(ParticipantCategory.OtherIgo));
        Assert.Equal("ENTRY_NOT_ADMISSIBLE", added.Violation!.Reason);
    }

    private static System.Collections.Immutable.ImmutableDictionary<string, string> Texts(string en) =>
        System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("en", en).Add("zh", en);
}
