using Hld.Domain;
using Hld.Registry.Participants;
using Hld.Registry.Reference;
using Hld.Testing;

namespace Hld.Registry.Tests;

/// <summary>Real reference records and participants for the rules under test (a few States, observers and organisations).</summary>
internal static class Samples
{
    /// <summary>How each category takes part in the 2013 Dialogue, as the hld-2013 definition routes it.</summary>
    public static readonly ParticipationRoutes Routes = RoutesOf("hld-2013");

    public static ParticipationRoutes RoutesOf(string dialogue) => new(Hld.Modalities.DialogueDefinitions.Load(dialogue).Participation
        .SelectMany(rule => rule.Categories.Select(category => new ParticipationRoute(category, rule.Delegation, rule.List))));

    public static readonly DateTimeOffset June1 = new(2013, 6, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Hearing = new(2013, 7, 15);

    /// <summary>New York in July 2013 (daylight time).</summary>
    public static readonly VenueClock NewYork = new(TimeSpan.FromHours(-4));
    public static readonly DateOnly DialogueDay = new(2013, 10, 3);

    public static Dictionary<string, string> Names(string en, string zh) => new() { ["en"] = en, ["zh"] = zh };

    public static GroupMembership Member(RegionalGroup group) => new(group, GroupStanding.Member, CountsHere: true);

    public static ReferenceFile States() => new(
        new ReferenceSource("member-states.json", "test-1", "test"),
        [
            new ReferenceState("KEN", ParticipantCategory.MemberState, Names("Kenya", "肯尼亚"), [Member(RegionalGroup.AfricanStates)]),
            new ReferenceState("MEX", ParticipantCategory.MemberState, Names("Mexico", "墨西哥"), [Member(RegionalGroup.LatinAmericanAndCaribbeanStates)]),
            new ReferenceState("FRA", ParticipantCategory.MemberState, Names("France", "法国"), [Member(RegionalGroup.WesternEuropeanAndOtherStates)]),
            new ReferenceState("CHN", ParticipantCategory.MemberState, Names("China", "中国"), [Member(RegionalGroup.AsiaPacificStates)]),
            new ReferenceState("TUR", ParticipantCategory.MemberState, Names("Turkey", "土耳其"),
            [
                Member(RegionalGroup.WesternEuropeanAndOtherStates),
                new GroupMembership(RegionalGroup.AsiaPacificStates, GroupStanding.Member, CountsHere: false),
            ]),
            new ReferenceState("USA", ParticipantCategory.MemberState, Names("United States of America", "美利坚合众国"),
                [new GroupMembership(RegionalGroup.WesternEuropeanAndOtherStates, GroupStanding.Observer, CountsHere: true)]),
            new ReferenceState("KIR", ParticipantCategory.MemberState, Names("Kiribati", "基里巴斯"), []),
            new ReferenceState("SSD", ParticipantCategory.MemberState, Names("South Sudan", "南苏丹"),
                [new GroupMembership(RegionalGroup.AfricanStates, GroupStanding.Member, CountsHere: true, From: new DateOnly(2011, 7, 14))]),
            new ReferenceState("VAT", ParticipantCategory.ObserverState, Names("Holy See", "罗马教廷"), []),
            new ReferenceState("PSE", ParticipantCategory.ObserverState, Names("State of Palestine", "巴勒斯坦国"), [Member(RegionalGroup.AsiaPacificStates)]),
        ],
        []);

    public static ReferenceFile Organizations() => new(
        new ReferenceSource("organizations.json", "test-1", "test"),
        [],
        [
            new ReferenceEntity("EU", ParticipantCategory.ObserverOrganization, Names("European Union", "欧洲联盟"), "EU", ""),
            new ReferenceEntity("IOM", ParticipantCategory.IgoStandingInvitation, Names("International Organization for Migration", "国际移徙组织"), "IOM", "CHE", GlobalMigrationGroupMember: true),
            new ReferenceEntity("ECLAC", ParticipantCategory.UnSystemEntity, Names("Economic Commission for Latin America and the Caribbean", "拉丁美洲和加勒比经济委员会"), "ECLAC", "CHL", GlobalMigrationGroupMember: true, RegionalCommission: true),
        ]);

    /// <summary>Three rows of the ECOSOC NGO Branch's list (as in the registry's sample file).</summary>
    public static ReferenceFile ConsultativeStatus() => new(
        new ReferenceSource("ecosoc-consultative-status.csv", "test-1", "test"),
        [],
        [],
        [
            new ConsultativeStatusEntry("Asylum Access", EcosocStatus.Special, 2013),
            new ConsultativeStatusEntry("World Information Transfer", EcosocStatus.General, 2002),
            new ConsultativeStatusEntry("BirdLife International", EcosocStatus.Roster, 2004),
        ]);

    public static ReferenceCatalogue Catalogue(DateOnly? asOf = null) => ReferenceCatalogue.Build([States(), Organizations(), ConsultativeStatus()], asOf ?? DialogueDay);

    public static Participant State(string code, RegionalGroup group = RegionalGroup.Unspecified) =>
        new(code, ParticipantCategory.MemberState, Names(code, code), code, group, EcosocStatus.Unspecified);

    public static Participant Organization(string id, ParticipantCategory category, string country = "KEN", RegionalGroup group = RegionalGroup.AfricanStates, EcosocStatus status = EcosocStatus.Unspecified) =>
        new(id, category, Names($"Organisation {id}", $"组织 {id}"), country, group, status);

    /// <summary>An NGO in special consultative status, as the Secretariat verified it (para 9).</summary>
    public static Participant EcosocNgo(string id, string country = "KEN", RegionalGroup group = RegionalGroup.AfricanStates) =>
        Organization(id, ParticipantCategory.EcosocNgo, country, group, EcosocStatus.Special) with { EcosocStatusSource = EcosocStatusSource.SecretariatVerified };

    public static Participant Registered(Participant candidate) =>
        ParticipantRegistration.Register(null, candidate, Catalogue(), June1).Value;

    public static T Accepted<T>(Decision<T> decision)
    {
        Assert.True(decision.IsAccepted, decision.Violation?.Message);
        return decision.Value;
    }

    public static RuleViolation Refused<T>(Decision<T> decision, string reason, string paragraph)
    {
        Assert.False(decision.IsAccepted, "The command was accepted but should have been refused.");
        Assert.Equal(reason, decision.Violation!.Reason);
        Assert.Equal(paragraph, decision.Violation.Paragraph);
        return decision.Violation;
    }
}
