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

    [Fact]
    public void A_page_token_serves_only_the_query_that_issued_it_para4()
    {
        var token = PageTokens.Encode("participants/c1-g1", 101);

        Assert.Equal(101, PageTokens.Decode(token, "participants/c1-g1"));
        Assert.Null(PageTokens.Decode(token, "participants/all"));
        Assert.Null(PageTokens.Decode("not-a-token!", "participants/all"));
        Assert.Equal(0, PageTokens.Decode("", "participants/all"));
    }

    [Fact]
    public void Page_sizes_default_and_are_capped_para4()
    {
        Assert.Equal(50, PageTokens.Size(0));
        Assert.Equal(200, PageTokens.Size(5000));
        Assert.Equal(7, PageTokens.Size(7));
    }
}
