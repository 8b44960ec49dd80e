using Hld.Domain;
using Hld.Registry.Delegations;
using static Hld.Registry.Tests.Samples;

namespace Hld.Registry.Tests;

public sealed class DelegationTests
{
    private static readonly HeadOfDelegation Head = new("Ms. A. Example", "Minister for Foreign Affairs");

    [Fact]
    public void Only_states_and_observers_send_a_delegation_para5()
    {
        var ngo = Registered(EcosocNgo("ngo-del"));

        Refused(Delegations.Delegations.Set(null, ngo, Head, LevelOfRepresentation.Minister, [], Samples.Routes), "DELEGATION_NOT_APPLICABLE", "5");
    }

    [Fact]
    public void Setting_the_level_for_the_first_time_is_a_change_from_unspecified_para5()
    {
        var mexico = Registered(State("MEX"));

        var update = Accepted(Delegations.Delegations.Set(null, mexico, Head, LevelOfRepresentation.Minister, [new DelegationMember("Mr. B", "Adviser")], Samples.Routes));

        Assert.Equal(LevelOfRepresentation.Unspecified, update.LevelChange!.PreviousLevel);
        Assert.Equal(LevelOfRepresentation.Minister, update.Delegation.Level);
        Assert.Equal(RegionalGroup.LatinAmericanAndCaribbeanStates, update.Delegation.RegionalGroup);
        Assert.Single(update.Delegation.Members);
    }

    [Fact]
    public void Raising_the_level_is_a_level_change_for_the_speakers_list_para5()
    {
        var mexico = Registered(State("MEX"));
        var first = Accepted(Delegations.Delegations.Set(null, mexico, Head, LevelOfRepresentation.Minister, [], Samples.Routes)).Delegation;

        var raised = Accepted(Delegations.Delegations.Set(first, mexico, new HeadOfDelegation("H.E. C", "President"), LevelOfRepresentation.HeadOfState, [], Samples.Routes));

        Assert.Equal(LevelOfRepresentation.Minister, raised.LevelChange!.PreviousLevel);
        Assert.Equal(LevelOfRepresentation.HeadOfState, raised.LevelChange.Delegation.Level);
    }

    [Fact]
    public void Changing_members_at_the_same_level_is_no_level_change_para5()
    {
        var mexico = Registered(State("MEX"));
        var first = Accepted(Delegations.Delegations.Set(null, mexico, Head, LevelOfRepresentation.Minister, [], Samples.Routes)).Delegation;

        var update = Accepted(Delegations.Delegations.Set(first, mexico, Head, LevelOfRepresentation.Minister, [new DelegationMember("Mr. D", "Counsellor")], Samples.Routes));

        Assert.Null(update.LevelChange);
        Assert.Single(update.Delegation.Members);
    }

    [Fact]
    public void A_delegation_records_its_level_para5()
    {
        Refused(Delegations.Delegations.Set(null, Registered(State("MEX")), Head, LevelOfRepresentation.Unspecified, [], Samples.Routes), "LEVEL_OF_REPRESENTATION_REQUIRED", "5");
    }

    [Fact]
    public void Observers_of_para_7_send_a_delegation_too_para7()
    {
        var iom = Catalogue().Participants().Single(p => p.Id == "IOM");

        Assert.NotNull(Accepted(Delegations.Delegations.Set(null, iom, Head, LevelOfRepresentation.Other, [], Samples.Routes)).LevelChange);
    }
}
