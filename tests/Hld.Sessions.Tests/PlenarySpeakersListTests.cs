using System.Collections.Immutable;
using Hld.Domain;
using Hld.Sessions.Speakers;
using Hld.Testing;
using Xunit;
using static Hld.Sessions.Tests.Resolution;

namespace Hld.Sessions.Tests;

/// <summary>The ordering of the plenary speakers list on its own (paras 5, 6, 7, 13; decision 041).</summary>
public sealed class PlenarySpeakersListTests
{
    private static readonly DateTimeOffset T0 = new(2013, 9, 1, 14, 0, 0, TimeSpan.Zero);
    private static readonly MeetingTime Roomy = new(TimeSpan.FromHours(3), TimeSpan.FromMinutes(5));

    private static Inscription Inscribed(string id, ParticipantCategory category, int minute) =>
        new(id, category, RegionalGroup.None, Texts(id, id), T0.AddMinutes(minute), 1);

    private static Inscription State(string id, int minute) => Inscribed(id, ParticipantCategory.MemberState, minute);

    private static HearingSpeaker Hearing(HearingGroup group, string id, int minute = 0) =>
        new(group, id, $"Speaker of {id}", Texts(id, id), RegionalGroup.AfricanStates, T0.AddMinutes(minute));

    private static ImmutableDictionary<string, LevelOfRepresentation> Levels(params (string Id, LevelOfRepresentation Level)[] levels) =>
        levels.ToImmutableDictionary(l => l.Id, l => l.Level);

    private static List<string> Ids(SpeakersListOrder order) => [.. order.Positions.Select(p => p.ParticipantId)];

    [Fact]
    public void Member_States_speak_by_level_of_representation_then_by_time_of_inscription_para5()
    {
        var inscriptions = new[] { State("PR1", 0), State("MIN", 1), State("HOS", 2), State("HOG", 3), State("VPR", 4), State("DPM", 5), State("VMN", 6), State("OTH", 7) };
        var levels = Levels(
            ("PR1", LevelOfRepresentation.PermanentRepresentative), ("MIN", LevelOfRepresentation.Minister), ("HOS", LevelOfRepresentation.HeadOfState),
            ("HOG", LevelOfRepresentation.HeadOfGovernment), ("VPR", LevelOfRepresentation.VicePresidentOrCrownPrince), ("DPM", LevelOfRepresentation.DeputyPrimeMinister),
            ("VMN", LevelOfRepresentation.ViceMinister), ("OTH", LevelOfRepresentation.Other));

        var order = PlenarySpeakersList.Order(inscriptions, [], levels, Roomy);

        Assert.Equal(["HOS", "VPR", "HOG", "DPM", "MIN", "VMN", "PR1", "OTH"], Ids(order));
        Assert.Equal(Enumerable.Range(1, 8), order.Positions.Select(p => p.Number));
    }

    [Fact]
    public void At_the_same_level_the_earlier_inscription_speaks_first_para5()
    {
        var order = PlenarySpeakersList.Order(
            [State("LATE", 30), State("EARLY", 10)], [],
            Levels(("LATE", LevelOfRepresentation.Minister), ("EARLY", LevelOfRepresentation.Minister)), Roomy);

        Assert.Equal(["EARLY", "LATE"], Ids(order));
        Assert.All(order.Positions, p => Assert.False(p.TieBrokenByParticipantId));
    }

    [Fact]
    public void Identical_level_and_instant_are_ordered_by_participant_id_and_say_so_para5()
    {
        var order = PlenarySpeakersList.Order(
            [State("ZAF", 5), State("ARG", 5), State("BRA", 6)], [],
            Levels(("ZAF", LevelOfRepresentation.Minister), ("ARG", LevelOfRepresentation.Minister), ("BRA", LevelOfRepresentation.Minister)), Roomy);

        Assert.Equal(["ARG", "ZAF", "BRA"], Ids(order));
        Assert.Equal([true, true, false], order.Positions.Select(p => p.TieBrokenByParticipantId));
        Assert.Contains("participant id", order.Of("ZAF")!.Explanation["en"], StringComparison.Ordinal);
        Assert.Contains("参与方标识", order.Of("ZAF")!.Explanation["zh"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_order_does_not_depend_on_the_order_the_inscriptions_are_stored_in_para5()
    {
        var inscriptions = new[] { State("A1", 3), State("B2", 3), State("C3", 1), Inscribed("VAT", ParticipantCategory.ObserverState, 0), State("D4", 2) };
        var levels = Levels(("A1", LevelOfRepresentation.Minister), ("B2", LevelOfRepresentation.Minister), ("C3", LevelOfRepresentation.Minister), ("D4", LevelOfRepresentation.HeadOfState));
        var expected = Ids(PlenarySpeakersList.Order(inscriptions, [], levels, Roomy));

        var reversed = Ids(PlenarySpeakersList.Order(inscriptions.Reverse(), [], levels, Roomy));
        var rotated = Ids(PlenarySpeakersList.Order(inscriptions.Skip(2).Concat(inscriptions.Take(2)), [], levels, Roomy));

        Assert.Equal(["D4", "C3", "A1", "B2", "VAT"], expected);
        Assert.Equal(expected, reversed);
        Assert.Equal(expected, rotated);
    }

    [Fact]
    public void Blocks_follow_each_other_Member_States_observer_States_the_EU_other_observers_then_the_hearing_paras5_6_7_13()
    {
        var inscriptions = new[]
        {
            Inscribed("IOM", ParticipantCategory.IgoStandingInvitation, 0),
            Inscribed("EU", ParticipantCategory.ObserverOrganization, 1),
            Inscribed("VAT", ParticipantCategory.ObserverState, 2),
            Inscribed("UNDP", ParticipantCategory.UnSystemEntity, 3),
            State("FRA", 50),
            Inscribed("PSE", ParticipantCategory.ObserverState, 4),
        };
        var hearing = new[] { Hearing(HearingGroup.PrivateSector, "biz"), Hearing(HearingGroup.EcosocNgo, "ngo"), Hearing(HearingGroup.CivilSociety, "cso") };

        var order = PlenarySpeakersList.Order(inscriptions, hearing, Levels(("FRA", LevelOfRepresentation.PermanentRepresentative)), Roomy);

        Assert.Equal(["FRA", "VAT", "PSE", "EU", "IOM", "UNDP", "ngo", "cso", "biz"], Ids(order));
        Assert.Equal(
            [SpeakerRank.MemberState, SpeakerRank.ObserverState, SpeakerRank.ObserverState, SpeakerRank.EuropeanUnion, SpeakerRank.OtherObserver,
             SpeakerRank.OtherObserver, SpeakerRank.HearingRepresentative, SpeakerRank.HearingRepresentative, SpeakerRank.HearingRepresentative],
            order.Positions.Select(p => p.Rank));
    }

    [Fact]
    public void Observers_keep_their_order_of_inscription_whatever_their_level_decision041()
    {
        var order = PlenarySpeakersList.Order(
            [Inscribed("VAT", ParticipantCategory.ObserverState, 0), Inscribed("PSE", ParticipantCategory.ObserverState, 1)], [],
            Levels(("VAT", LevelOfRepresentation.Other), ("PSE", LevelOfRepresentation.HeadOfState)), Roomy);

        Assert.Equal(["VAT", "PSE"], Ids(order));
        Assert.Equal(LevelOfRepresentation.HeadOfState, order.Of("PSE")!.Level);
    }

    [Fact]
    public void A_Member_State_whose_level_is_not_yet_known_follows_every_known_level_para5()
    {
        var order = PlenarySpeakersList.Order(
            [State("UNK", 0), State("OTH", 10), Inscribed("VAT", ParticipantCategory.ObserverState, 0)], [],
            Levels(("OTH", LevelOfRepresentation.Other)), Roomy);

        Assert.Equal(["OTH", "UNK", "VAT"], Ids(order));
        Assert.Contains("not yet known", order.Of("UNK")!.Explanation["en"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_change_of_level_re_orders_the_list_para5()
    {
        var inscriptions = new[] { State("FRA", 0), State("CHN", 1), State("BRA", 2) };
        var before = Levels(("FRA", LevelOfRepresentation.Minister), ("CHN", LevelOfRepresentation.Minister), ("BRA", LevelOfRepresentation.Minister));
        var after = before.SetItem("BRA", LevelOfRepresentation.HeadOfState);

        Assert.Equal(["FRA", "CHN", "BRA"], Ids(PlenarySpeakersList.Order(inscriptions, [], before, Roomy)));
        var reordered = PlenarySpeakersList.Order(inscriptions, [], after, Roomy);
        Assert.Equal(["BRA", "FRA", "CHN"], Ids(reordered));
        Assert.Contains("Head of State", reordered.Of("BRA")!.Explanation["en"], StringComparison.Ordinal);
        Assert.Contains("国家元首", reordered.Of("BRA")!.Explanation["zh"], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_position_explains_its_block_level_and_time_of_inscription_in_the_six_official_languages_para5()
    {
        var order = PlenarySpeakersList.Order([State("FRA", 7)], [Hearing(HearingGroup.CivilSociety, "cso", 9)], Levels(("FRA", LevelOfRepresentation.HeadOfGovernment)), Roomy);

        var france = order.Of("FRA")!;
        Assert.Equal(T0.AddMinutes(7), france.InscribedAt);
        Assert.Equal(["ar", "en", "es", "fr", "ru", "zh"], france.Explanation.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Member State", france.Explanation["en"], StringComparison.Ordinal);
        Assert.Contains("Head of Government", france.Explanation["en"], StringComparison.Ordinal);
        Assert.Contains("2013-09-01 14:07:00 UTC", france.Explanation["en"], StringComparison.Ordinal);
        Assert.Contains("政府首脑", france.Explanation["zh"], StringComparison.Ordinal);
        Assert.Contains("as time permits", order.Of("cso")!.Explanation["en"], StringComparison.Ordinal);
        Assert.Contains("如时间允许", order.Of("cso")!.Explanation["zh"], StringComparison.Ordinal);

        // Each language's own words for the level, the block and the time, and the same instant in all.
        Assert.Contains("chef de gouvernement", france.Explanation["fr"], StringComparison.Ordinal);
        Assert.Contains("Jefe de Gobierno", france.Explanation["es"], StringComparison.Ordinal);
        Assert.Contains("глава правительства", france.Explanation["ru"], StringComparison.Ordinal);
        Assert.Contains("رئيس حكومة", france.Explanation["ar"], StringComparison.Ordinal);
        Assert.Contains("si le temps le permet", order.Of("cso")!.Explanation["fr"], StringComparison.Ordinal);
        Assert.Contains("les organisations de la société civile", order.Of("cso")!.Explanation["fr"], StringComparison.Ordinal);
        Assert.All(france.Explanation.Values, text => Assert.Contains("2013-09-01 14:07:00 UTC", text, StringComparison.Ordinal));
        Assert.All(france.Explanation.Where(e => e.Key != "en"), e => Assert.DoesNotContain("Head of Government", e.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void The_hearing_representatives_are_the_first_to_drop_when_time_runs_out_para13()
    {
        // 20 minutes at 5 minutes each: four speakers fit.
        var tight = new MeetingTime(TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(5));
        var states = Enumerable.Range(0, 3).Select(i => State($"S{i}", i)).ToList();
        var hearing = new[] { Hearing(HearingGroup.EcosocNgo, "ngo"), Hearing(HearingGroup.CivilSociety, "cso"), Hearing(HearingGroup.PrivateSector, "biz") };

        var order = PlenarySpeakersList.Order(states, hearing, Levels(), tight);

        Assert.All(order.Positions.Where(p => p.Rank != SpeakerRank.HearingRepresentative), p => Assert.True(p.Fits));
        Assert.Equal([true, false, false], order.Positions.Where(p => p.Rank == SpeakerRank.HearingRepresentative).Select(p => p.Fits));
        Assert.Equal((6, 4, 2, 3, 1), (order.Figures.Speakers, order.Figures.Fitting, order.Figures.NotFitting, order.Figures.HearingRepresentatives, order.Figures.HearingRepresentativesFitting));
        Assert.Equal(TimeSpan.FromMinutes(30), order.Figures.Needed);
        Assert.Contains("Does not fit", order.Of("biz")!.Explanation["en"], StringComparison.Ordinal);
    }

    [Fact]
    public void Speakers_start_one_time_limit_after_another_and_the_figures_count_each_block_para5()
    {
        var meeting = new MeetingTime(TimeSpan.FromMinutes(12), TimeSpan.FromMinutes(4));
        var order = PlenarySpeakersList.Order(
            [State("A", 0), State("B", 1), Inscribed("EU", ParticipantCategory.ObserverOrganization, 0), State("C", 2)], [], Levels(), meeting);

        Assert.Equal([0, 4, 8, 12], order.Positions.Select(p => (int)p.StartsAfter.TotalMinutes));
        Assert.Equal([true, true, true, false], order.Positions.Select(p => p.Fits));
        var members = Assert.Single(order.Figures.ByRank, r => r.Rank == SpeakerRank.MemberState);
        var union = Assert.Single(order.Figures.ByRank, r => r.Rank == SpeakerRank.EuropeanUnion);
        Assert.Equal((3, 3), (members.Speakers, members.Fitting));
        Assert.Equal((1, 0), (union.Speakers, union.Fitting));
    }

    [Fact]
    public void A_delegation_inscribes_once_per_plenary_meeting_para5()
    {
        var list = PlenarySpeakersList.Open(2).Inscribe(Resolution.State("FRA"), T0, otherIgosListed: true).Value;

        var violation = list.Inscribe(Resolution.State("fra"), T0.AddMinutes(1), otherIgosListed: true).Violation!;

        Assert.Equal(("ALREADY_INSCRIBED", "5"), (violation.Reason, violation.Paragraph));
        Assert.True(PlenarySpeakersList.Open(3).Inscribe(Resolution.State("FRA"), T0, otherIgosListed: true).IsAccepted);
    }

    [Fact]
    public void An_organisation_does_not_inscribe_it_speaks_through_the_hearing_para13()
    {
        var violation = PlenarySpeakersList.Open(1).Inscribe(Observer("ngo-1", ParticipantCategory.EcosocNgo), T0, otherIgosListed: true).Violation!;

        Assert.Equal(("NOT_INSCRIBED_BY_CATEGORY", "13"), (violation.Reason, violation.Paragraph));
    }

    [Fact]
    public void A_withdrawn_delegation_may_inscribe_again_and_joins_the_back_of_its_level_para5()
    {
        var list = PlenarySpeakersList.Open(1)
            .Inscribe(Resolution.State("FRA"), T0, otherIgosListed: true).Value
            .Inscribe(Resolution.State("BRA"), T0.AddMinutes(1), otherIgosListed: true).Value;

        var withdrawn = list.Withdraw("FRA").Value;
        var again = withdrawn.Inscribe(Resolution.State("FRA"), T0.AddMinutes(2), otherIgosListed: true).Value;

        Assert.Null(withdrawn.Find("FRA"));
        Assert.Equal(2, again.Find("FRA")!.Revision);
        Assert.Equal(["BRA", "FRA"], Ids(PlenarySpeakersList.Order(again.Inscriptions, [], Levels(), Roomy)));
        Assert.Equal(("NOT_INSCRIBED", "5"), (withdrawn.Withdraw("FRA").Violation!.Reason, withdrawn.Withdraw("FRA").Violation!.Paragraph));
    }

    [Fact]
    public void One_hearing_representative_per_group_a_later_selection_replaces_an_earlier_one_para13()
    {
        var first = Hearing(HearingGroup.CivilSociety, "cso-1", 0);
        var later = Hearing(HearingGroup.CivilSociety, "cso-2", 10);
        var list = PlenarySpeakersList.Open(4).Seat(first).List;

        var replaced = list.Seat(later);
        var replayed = replaced.List.Seat(later);
        var older = replaced.List.Seat(first);

        Assert.True(replaced.Changed);
        Assert.Equal(first, replaced.Replaced);
        Assert.Equal("cso-2", Assert.Single(replaced.List.HearingSpeakers).ParticipantId);
        Assert.False(replayed.Changed);
        Assert.False(older.Changed);
        Assert.Equal(2, replaced.List.Seat(Hearing(HearingGroup.PrivateSector, "biz")).List.HearingSpeakers.Count);
    }
}
