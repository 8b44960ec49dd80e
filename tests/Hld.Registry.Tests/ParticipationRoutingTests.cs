using Hld.Domain;
using Hld.Modalities;
using Xunit;

namespace Hld.Registry.Tests;

/// <summary>
/// The registry routes each category to a delegation or to one of the PGA's lists in code
/// (<see cref="Participation"/>); the 2013 definition says the same as data, and this keeps the two
/// equal, so a refusal's rule (<c>participation[...]</c>, <c>lists[...]</c>) is the part the registry acted on.
/// </summary>
public sealed class ParticipationRoutingTests
{
    public static TheoryData<ParticipantCategory> Categories => new(Enum.GetValues<ParticipantCategory>().Where(c => c != ParticipantCategory.Unspecified));

    [Theory]
    [MemberData(nameof(Categories))]
    public void Each_category_takes_part_as_the_2013_definition_says(ParticipantCategory category)
    {
        var rule = DialogueDefinitions.Load("hld-2013").ParticipationOf(category);

        Assert.Equal((rule.Delegation, rule.List), (Participation.HasDelegation(category), Participation.ListFor(category)));
    }
}
