using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Sessions.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;
using static Hld.Functional.Tests.SessionsTestKit;

namespace Hld.Functional.Tests;

/// <summary>The plenary speakers lists over gRPC, fed by the registry's and the hearing's events (paras 5, 13).</summary>
public sealed class SessionsSpeakersListTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private static readonly CallOptions Secretariat = TestTokens.Call(Roles.Secretariat);

    private SessionsService.SessionsServiceClient Client => hosts.Sessions();

    private static CallOptions As(string state) => TestTokens.Call(Roles.MemberState, state);

    private Task<GetSpeakersListResponse> ListAsync(int meeting, int pageSize = 0, string pageToken = "") =>
        Client.GetSpeakersListAsync(new GetSpeakersListRequest { MeetingNumber = meeting, PageSize = pageSize, PageToken = pageToken }, TestTokens.Call(Roles.ReportingReader)).ResponseAsync;

    [Fact]
    public async Task A_Member_State_inscribes_itself_and_its_position_explains_itself_para5()
    {
        await hosts.MemberStateAsync("FRA", RegionalGroup.WesternEuropeanAndOtherStates, LevelOfRepresentation.Minister);

        var inscribed = await Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 1, ParticipantId = "FRA", RequestId = "fra-1" }, As("FRA"));
        var repeated = await Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 1, ParticipantId = "FRA", RequestId = "fra-1" }, As("FRA"));
        var twice = await Refused(() => Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 1, ParticipantId = "FRA" }, As("FRA")));

        Assert.Equal(inscribed, repeated);
        var position = inscribed.Position;
        Assert.Equal((SpeakerRank.MemberState, LevelOfRepresentation.Minister, RegionalGroup.WesternEuropeanAndOtherStates), (position.Rank, position.Level, position.RegionalGroup));
        Assert.Equal(hosts.Sessions.Clock.GetUtcNow(), position.InscribedAt.ToDateTimeOffset());
        Assert.Contains("Minister", position.Explanation.Texts["en"], StringComparison.Ordinal);
        Assert.Contains("部长", position.Explanation.Texts["zh"], StringComparison.Ordinal);
        Assert.Equal("1", position.Etag);
        AssertRule(twice, "ALREADY_INSCRIBED", "5");
        var published = Assert.Single(await hosts.PublishedAsync<SpeakerInscribed>(), e => e.ParticipantId == "FRA");
        Assert.Equal(
            ("hld-2013", 1, ParticipantCategory.MemberState, RegionalGroup.WesternEuropeanAndOtherStates, LevelOfRepresentation.Minister, SpeakerRank.MemberState, position.Position),
            (published.DialogueId, published.MeetingNumber, published.Speaker.Category, published.Speaker.RegionalGroup, published.Speaker.Level, published.Speaker.Rank, published.Speaker.Position));
        Assert.Contains(await hosts.PublishedAsync<SpeakersListFiguresChanged>(), f => f.MeetingNumber == 1 && f.Figures.Speakers >= 1 && f.Figures.ByRank.Any(r => r.Rank == SpeakerRank.MemberState));
    }

    [Fact]
    public async Task A_State_inscribes_only_itself_and_the_answer_is_the_same_whether_or_not_the_other_exists()
    {
        await hosts.MemberStateAsync("DEU", RegionalGroup.WesternEuropeanAndOtherStates, LevelOfRepresentation.Minister);
        await hosts.RegisterAsync("AUT", ParticipantCategory.MemberState, RegionalGroup.WesternEuropeanAndOtherStates);

        var existing = await Refused(() => Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 1, ParticipantId = "AUT" }, As("DEU")));
        var missing = await Refused(() => Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 1, ParticipantId = "NOWHERE" }, As("DEU")));
        var stakeholder = await Refused(() => Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 1, ParticipantId = "DEU" }, TestTokens.Call(Roles.Stakeholder, "DEU")));

        Assert.Equal(StatusCode.PermissionDenied, existing.StatusCode);
        Assert.Equal(existing.Status.Detail, missing.Status.Detail);
        Assert.Equal(StatusCode.PermissionDenied, stakeholder.StatusCode);
        Assert.DoesNotContain((await ListAsync(1)).Positions, p => p.ParticipantId == "AUT");
    }

    [Fact]
    public async Task A_delegation_unknown_to_the_registry_or_an_organisation_is_refused_naming_its_paragraph_paras5_13()
    {
        await hosts.RegisterAsync("ngo-speaks", ParticipantCategory.EcosocNgo, RegionalGroup.AfricanStates, "KEN");

        var unknown = await Refused(() => Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 2, ParticipantId = "ATLANTIS" }, Secretariat));
        var organisation = await Refused(() => Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 2, ParticipantId = "ngo-speaks" }, Secretariat));

        AssertRule(unknown, "PARTICIPANT_UNKNOWN", "5");
        AssertRule(organisation, "NOT_INSCRIBED_BY_CATEGORY", "13");
    }

    [Fact]
    public async Task Bad_input_is_invalid_argument_with_each_field_named()
    {
        var inscribe = await Refused(() => Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 0, ParticipantId = "x" }, Secretariat));
        var withdraw = await Refused(() => Client.WithdrawInscriptionAsync(new WithdrawInscriptionRequest { MeetingNumber = 9, ParticipantId = "FRA", Etag = "" }, Secretariat));
        var page = await Refused(() => Client.GetSpeakersListAsync(new GetSpeakersListRequest { MeetingNumber = 1, PageSize = -1, PageToken = "not-a-token" }, Secretariat));

        AssertFields(inscribe, "meeting_number", "participant_id");
        AssertFields(withdraw, "meeting_number");
        AssertFields(page, "page_size", "page_token");
    }

    [Fact]
    public async Task The_list_orders_a_mix_of_delegations_and_re_orders_when_a_level_changes_para5()
    {
        await hosts.MemberStateAsync("CHL", RegionalGroup.LatinAmericanAndCaribbeanStates, LevelOfRepresentation.Minister);
        await hosts.MemberStateAsync("IND", RegionalGroup.AsiaPacificStates, LevelOfRepresentation.Minister);
        await hosts.MemberStateAsync("GHA", RegionalGroup.AfricanStates, LevelOfRepresentation.HeadOfState);
        await hosts.RegisterAsync("VAT", ParticipantCategory.ObserverState, RegionalGroup.None);
        await hosts.RegisterAsync("EU", ParticipantCategory.ObserverOrganization, RegionalGroup.WesternEuropeanAndOtherStates, "BEL");
        await hosts.RegisterAsync("IOM", ParticipantCategory.IgoStandingInvitation, RegionalGroup.WesternEuropeanAndOtherStates, "CHE");
        foreach (var (id, role) in new[] { ("IOM", Roles.Observer), ("CHL", Roles.MemberState), ("EU", Roles.Observer), ("IND", Roles.MemberState), ("VAT", Roles.Observer), ("GHA", Roles.MemberState) })
        {
            hosts.Sessions.Clock.TryMoveTo(hosts.Sessions.Clock.GetUtcNow().AddMinutes(1));
            await Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 3, ParticipantId = id }, TestTokens.Call(role, id));
        }

        var before = await ListAsync(3);
        await hosts.SetLevelAsync("IND", ParticipantCategory.MemberState, RegionalGroup.AsiaPacificStates, LevelOfRepresentation.HeadOfGovernment, 2, wait: false);
        var after = await Eventually.Until(() => ListAsync(3), l => l.Positions[1].ParticipantId == "IND", what: "the list to re-order on India's new level");

        Assert.Equal(["GHA", "CHL", "IND", "VAT", "EU", "IOM"], before.Positions.Select(p => p.ParticipantId));
        Assert.Equal(["GHA", "IND", "CHL", "VAT", "EU", "IOM"], after.Positions.Select(p => p.ParticipantId));
        Assert.Equal(
            [SpeakerRank.MemberState, SpeakerRank.MemberState, SpeakerRank.MemberState, SpeakerRank.ObserverState, SpeakerRank.EuropeanUnion, SpeakerRank.OtherObserver],
            after.Positions.Select(p => p.Rank));
        var india = after.Positions[1];
        Assert.Equal(LevelOfRepresentation.HeadOfGovernment, india.Level);
        Assert.Contains("Head of Government", india.Explanation.Texts["en"], StringComparison.Ordinal);
        Assert.Equal(6, after.Figures.Speakers);
        var reordered = Assert.Single(await hosts.PublishedAsync<SpeakersListReordered>(), e => e.ParticipantId == "IND");
        Assert.Equal(
            (3, LevelOfRepresentation.Minister, LevelOfRepresentation.HeadOfGovernment, 3, 2, 2L, RegionalGroup.AsiaPacificStates),
            (reordered.MeetingNumber, reordered.PreviousLevel, reordered.Level, reordered.PreviousPosition, reordered.Position, reordered.DelegationVersion, reordered.RegionalGroup));
    }

    [Fact]
    public async Task A_delegation_withdraws_its_own_inscription_with_its_etag_para5()
    {
        await hosts.MemberStateAsync("MEX", RegionalGroup.LatinAmericanAndCaribbeanStates, LevelOfRepresentation.ViceMinister);
        await hosts.MemberStateAsync("PER", RegionalGroup.LatinAmericanAndCaribbeanStates, LevelOfRepresentation.ViceMinister);
        var inscribed = await Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 2, ParticipantId = "MEX" }, As("MEX"));

        var byAnother = await Refused(() => Client.WithdrawInscriptionAsync(new WithdrawInscriptionRequest { MeetingNumber = 2, ParticipantId = "MEX", Etag = inscribed.Position.Etag }, As("PER")));
        var stale = await Refused(() => Client.WithdrawInscriptionAsync(new WithdrawInscriptionRequest { MeetingNumber = 2, ParticipantId = "MEX", Etag = "7" }, As("MEX")));
        var withdrawn = await Client.WithdrawInscriptionAsync(new WithdrawInscriptionRequest { MeetingNumber = 2, ParticipantId = "MEX", Etag = inscribed.Position.Etag, RequestId = "mex-out" }, As("MEX"));
        var gone = await Refused(() => Client.WithdrawInscriptionAsync(new WithdrawInscriptionRequest { MeetingNumber = 2, ParticipantId = "MEX", Etag = inscribed.Position.Etag }, As("MEX")));
        var again = await Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 2, ParticipantId = "MEX" }, As("MEX"));

        Assert.Equal(StatusCode.PermissionDenied, byAnother.StatusCode);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        Assert.DoesNotContain((await ListAsync(2)).Positions, p => p.ParticipantId == "MEX" && p.Etag == inscribed.Position.Etag);
        Assert.Equal(inscribed.Figures.Speakers - 1, withdrawn.Figures.Speakers);
        Assert.Equal("2", again.Position.Etag);
    }

    [Fact]
    public async Task A_hearing_representative_closes_the_last_meetings_list_and_is_the_first_to_drop_when_time_runs_out_para13()
    {
        var programme = (await Client.GetProgrammeAsync(new GetProgrammeRequest(), Secretariat)).Programme;
        var meeting = programme.PlenaryMeetings.Single(m => m.HearingSpeakers);
        // Give each speaker an hour, so the meeting's speaking time holds only a couple of them.
        var slow = programme.Clone();
        slow.SpeakerTimeLimit = Duration.FromTimeSpan(TimeSpan.FromMinutes(60));
        await Client.ConfigureProgrammeAsync(new ConfigureProgrammeRequest { Programme = slow, Etag = programme.Etag }, Secretariat);
        var fit = (int)(meeting.SpeakingTime.ToTimeSpan() / TimeSpan.FromMinutes(60));
        var states = new[] { "POL", "CZE", "HUN", "ROU", "BGR", "SVK" }.Take(fit).ToList();
        foreach (var id in states)
        {
            await hosts.MemberStateAsync(id, RegionalGroup.EasternEuropeanStates, LevelOfRepresentation.PermanentRepresentative);
            await Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = meeting.Number, ParticipantId = id }, As(id));
        }

        await PublishAsync(hosts.Hearings.Services, "hld-hearings", new RepresentativeSelected
        {
            DialogueId = "hld-2013",
            Group = HearingGroup.CivilSociety,
            ParticipantId = "cso-voice",
            RepresentativeName = "A. Speaker",
            OrganizationName = Text("Voices of Migrants", "移徙者之声"),
            RegionalGroup = RegionalGroup.AfricanStates,
            SelectedAt = Timestamp.FromDateTimeOffset(hosts.Hearings.Clock.GetUtcNow()),
        });
        var list = await Eventually.Until(() => ListAsync(meeting.Number), l => l.Positions.Any(p => p.ParticipantId == "cso-voice"), what: "the hearing's representative on the list");

        var last = list.Positions[^1];
        Assert.Equal(("cso-voice", SpeakerRank.HearingRepresentative, HearingGroup.CivilSociety, "A. Speaker"), (last.ParticipantId, last.Rank, last.HearingGroup, last.RepresentativeName));
        Assert.False(last.Fits);
        Assert.All(list.Positions.Where(p => p.Rank != SpeakerRank.HearingRepresentative), p => Assert.True(p.Fits));
        Assert.Equal((1, 0), (list.Figures.HearingRepresentatives, list.Figures.HearingRepresentativesFitting));
        Assert.Contains("as time permits", last.Explanation.Texts["en"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_speakers_list_pages_through_every_position_in_order()
    {
        foreach (var id in new[] { "NOR", "SWE", "DNK", "FIN", "ISL" })
        {
            await hosts.MemberStateAsync(id, RegionalGroup.WesternEuropeanAndOtherStates, LevelOfRepresentation.Other);
            await Client.InscribeSpeakerAsync(new InscribeSpeakerRequest { MeetingNumber = 2, ParticipantId = id }, As(id));
        }

        var whole = await ListAsync(2);
        var paged = new List<SpeakerPosition>();
        var token = string.Empty;
        do
        {
            var page = await ListAsync(2, 2, token);
            Assert.True(page.Positions.Count <= 2);
            paged.AddRange(page.Positions);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(whole.Positions, paged);
        Assert.True(paged.Count >= 5);
    }
}
