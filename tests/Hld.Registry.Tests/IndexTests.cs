using Hld.Domain;
using Hld.Registry.Indexing;
using static Hld.Registry.Tests.Samples;

namespace Hld.Registry.Tests;

public sealed class IndexTests
{
    [Fact]
    public void A_participant_is_listed_in_four_facets_for_every_filter_of_the_registry_para4()
    {
        var kenya = Registered(State("KEN"));

        Assert.Equal(["all", "c1", "g1", "c1-g1"], ParticipantIndex.FacetsOf(kenya));
        Assert.Equal("c1-g1", ParticipantIndex.Facet(ParticipantCategory.MemberState, RegionalGroup.AfricanStates));
        Assert.Equal("g5", ParticipantIndex.Facet(null, RegionalGroup.WesternEuropeanAndOtherStates));
    }
}
