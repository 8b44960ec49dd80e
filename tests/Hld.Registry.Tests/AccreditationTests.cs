using Hld.Domain;
using Hld.Registry.Accreditation;
using static Hld.Registry.Tests.Samples;

namespace Hld.Registry.Tests;

public sealed class AccreditationTests
{
    private static readonly Nominee Person = new("Amina", "Example", "Adviser");

    [Fact]
    public void A_State_accredits_through_its_delegation_para5()
    {
        var mexico = Registered(State("MEX"));

        Refused(Accreditations.Accredit(null, mexico, new AccreditationStanding(HasDelegation: false, StandsOnFinalList: false), Person, "HLD-2013-00001", June1, Samples.Routes), "DELEGATION_REQUIRED", "5");
        var (accreditation, representative) = Accepted(Accreditations.Accredit(null, mexico, new AccreditationStanding(true, false), Person, "HLD-2013-00001", June1, Samples.Routes));

        Assert.Equal("r1", representative.Id);
        Assert.Equal("HLD-2013-00001", representative.BadgeNumber);
        Assert.Equal("Amina Example", representative.FullName);
        Assert.Single(accreditation.Representatives);
    }

    [Fact]
    public void Only_an_organisation_on_a_final_list_accredits_anyone_para12()
    {
        var ngo = Registered(Organization("ngo-acc", Hld.Domain.ParticipantCategory.CivilSocietyOrganization));

        Refused(Accreditations.Accredit(null, ngo, new AccreditationStanding(false, false), Person, "B-1", June1, Samples.Routes), "NOT_ON_A_FINAL_LIST", "12");
        Accepted(Accreditations.Accredit(null, ngo, new AccreditationStanding(false, true), Person, "B-1", June1, Samples.Routes));
    }

    [Fact]
    public void An_ECOSOC_NGO_accredits_once_on_the_final_para_9_list_para9()
    {
        var ngo = Registered(EcosocNgo("ngo-eco-acc"));

        Refused(Accreditations.Accredit(null, ngo, new AccreditationStanding(false, false), Person, "B-1", June1, Samples.Routes), "NOT_ON_A_FINAL_LIST", "9");
    }

    [Fact]
    public void An_other_IGO_accredits_once_on_the_decided_para_8_list_para8()
    {
        var igo = Registered(Organization("au-acc", ParticipantCategory.OtherIgo));

        Refused(Accreditations.Accredit(null, igo, new AccreditationStanding(true, false), Person, "B-1", June1, Samples.Routes), "NOT_ON_A_FINAL_LIST", "8");
    }

    [Fact]
    public void Badge_numbers_are_drawn_from_one_sequence_per_dialogue_para4()
    {
        Assert.Equal("HLD-2013-00042", Accreditations.BadgeNumber("hld-2013", 42));
        Assert.NotEqual(Accreditations.BadgeNumber("hld-2013", 1), Accreditations.BadgeNumber("hld-2013", 2));
    }

    [Fact]
    public void Each_representative_gets_the_next_id_and_withdrawing_twice_changes_nothing_para4()
    {
        var mexico = Registered(State("MEX"));
        var standing = new AccreditationStanding(true, false);
        var (one, _) = Accepted(Accreditations.Accredit(null, mexico, standing, Person, "B-1", June1, Samples.Routes));
        var (two, second) = Accepted(Accreditations.Accredit(one, mexico, standing, Person with { GivenName = "Bo" }, "B-2", June1, Samples.Routes));

        var withdrawn = Accreditations.Withdraw(two, "r2", June1.AddDays(1));
        var again = Accreditations.Withdraw(withdrawn!.Value.Accreditation, "r2", June1.AddDays(2));

        Assert.Equal("r2", second.Id);
        Assert.Equal(June1.AddDays(1), withdrawn.Value.Withdrawn!.WithdrawnAt);
        Assert.Null(again!.Value.Withdrawn);
        Assert.Null(Accreditations.Withdraw(two, "r9", June1));
    }
}
