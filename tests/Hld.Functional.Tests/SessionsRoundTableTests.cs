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

/// <summary>The round tables over gRPC: co-chairs and their balance, participants, closing summaries (paras 3(b), 3(b)(iii), 3(d), 13).</summary>
public sealed class SessionsRoundTableTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private static readonly CallOptions Pga = TestTokens.Call(Roles.PgaOffice);
    private static readonly CallOptions Secretariat = TestTokens.Call(Roles.Secretariat);

    private SessionsService.SessionsServiceClient Client => hosts.Sessions();

    private static CalendarDate Day(int month, int day) => new() { Year = 2013, Month = month, Day = day };

    private Task<AppointCoChairResponse> AppointAsync(int roundTable, string state, string etag = "") =>
        Client.AppointCoChairAsync(new AppointCoChairRequest { RoundTable = roundTable, ParticipantId = state, RepresentativeName = $"H.E. the representative of {state}", Etag = etag }, Pga).ResponseAsync;

    private Task<RpcException> AppointRefusedAsync(int roundTable, string state) =>
        Assert.ThrowsAsync<RpcException>(() => AppointAsync(roundTable, state));

    private Task<RecordRegionalGroupConsultationResponse> ConsultAsync(RegionalGroup group) =>
        Client.RecordRegionalGroupConsultationAsync(new RecordRegionalGroupConsultationRequest { RegionalGroup = group, HeldOn = Day(5, 20), Note = $"Consulted {group} on the co-chairs" }, Pga).ResponseAsync;

    [Fact]
    public async Task The_PGA_office_consults_every_group_appoints_balanced_pairs_and_a_co_chair_presents_the_summary_paras3d_3biii()
    {
        foreach (var (id, group) in new[]
        {
            ("NGA", RegionalGroup.AfricanStates), ("KEN", RegionalGroup.AfricanStates), ("GHA", RegionalGroup.AfricanStates), ("SWE", RegionalGroup.WesternEuropeanAndOtherStates),
            ("MEX", RegionalGroup.LatinAmericanAndCaribbeanStates), ("PHL", RegionalGroup.AsiaPacificStates),
        })
        {
            await hosts.RegisterAsync(id, ParticipantCategory.MemberState, group);
        }

        await hosts.RegisterAsync("PSE", ParticipantCategory.ObserverState, RegionalGroup.AsiaPacificStates);
        foreach (var group in new[] { RegionalGroup.AfricanStates, RegionalGroup.AsiaPacificStates, RegionalGroup.EasternEuropeanStates, RegionalGroup.LatinAmericanAndCaribbeanStates })
        {
            await ConsultAsync(group);
        }

        AssertRule(await AppointRefusedAsync(1, "NGA"), "REGIONAL_GROUPS_NOT_CONSULTED", "3(d)");
        Assert.Empty((await ConsultAsync(RegionalGroup.WesternEuropeanAndOtherStates)).GroupsNotConsulted);

        var first = await AppointAsync(1, "NGA");
        await AppointAsync(1, "SWE");
        AssertRule(await AppointRefusedAsync(1, "MEX"), "ROUND_TABLE_CO_CHAIRS_COMPLETE", "3(d)");
        await AppointAsync(2, "KEN");
        AssertRule(await AppointRefusedAsync(2, "GHA"), "CO_CHAIRS_FROM_THE_SAME_REGIONAL_GROUP", "3(d)");
        AssertRule(await AppointRefusedAsync(2, "PSE"), "CO_CHAIR_MUST_REPRESENT_A_MEMBER_STATE", "3(d)");
        var fourth = await AppointAsync(2, "MEX");
        AssertRule(await AppointRefusedAsync(3, "GHA"), "CO_CHAIR_SEATS_UNBALANCED", "3(d)");
        var stale = await Assert.ThrowsAsync<RpcException>(() => AppointAsync(3, "PHL", first.Etag));

        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(RegionalGroup.AfricanStates, first.CoChair.RegionalGroup);
        var board = await Client.GetCoChairBalanceAsync(new GetCoChairBalanceRequest(), TestTokens.Call(Roles.ReportingReader));
        Assert.Equal(fourth.Etag, board.Etag);
        Assert.Equal((8, 4, 2, 2, true, false), (board.Balance.SeatsTotal, board.Balance.SeatsFilled, board.Balance.MostSeatsHeldByOneGroup, board.Balance.Threshold, board.Balance.Balanced, board.Balance.Complete));
        Assert.Equal([RegionalGroup.AsiaPacificStates, RegionalGroup.EasternEuropeanStates], board.Balance.GroupsWithoutSeat);
        Assert.Equal(2, board.Balance.SeatsByGroup.Single(g => g.RegionalGroup == RegionalGroup.AfricanStates).Seats);
        Assert.Equal(5, board.Consultations.Count);
        Assert.Equal(["NGA", "SWE", "KEN", "MEX"], board.CoChairs.Select(c => c.ParticipantId));
        Assert.Equal(5, (await AppointAsync(3, "PHL", board.Etag)).Balance.SeatsFilled);
        var appointed = (await hosts.PublishedAsync<CoChairAppointed>()).Single(e => e.ParticipantId == "MEX");
        Assert.Equal((2, RegionalGroup.LatinAmericanAndCaribbeanStates, ParticipantCategory.MemberState, 4, true), (appointed.RoundTable, appointed.CoChair.RegionalGroup, appointed.Category, appointed.SeatsFilled, appointed.Balanced));

        // The closing plenary (3(b)(iii)): one slot per round table, presented by one of its own co-chairs once it has met.
        var roundTable1 = (await Client.GetProgrammeAsync(new GetProgrammeRequest(), Secretariat)).Programme.RoundTables.Single(r => r.Number == 1);
        var summary = Text("Round table 1 found that migration drives sustainable development.", "圆桌会议1认为移徙推动可持续发展。");
        var byOther = await Assert.ThrowsAsync<RpcException>(() => Client.RecordRoundTableSummaryAsync(new RecordRoundTableSummaryRequest { RoundTable = 1, PresentedBy = "KEN", Text = summary }, Secretariat).ResponseAsync);
        var tooEarly = await Assert.ThrowsAsync<RpcException>(() => Client.RecordRoundTableSummaryAsync(new RecordRoundTableSummaryRequest { RoundTable = 1, PresentedBy = "NGA", Text = summary }, Secretariat).ResponseAsync);
        hosts.Sessions.Clock.TryMoveTo(roundTable1.EndsAt.ToDateTimeOffset().AddMinutes(1));
        var recorded = await Client.RecordRoundTableSummaryAsync(new RecordRoundTableSummaryRequest { RoundTable = 1, PresentedBy = "NGA", Text = summary, RequestId = "summary-1" }, Secretariat);
        var unnamed = await Assert.ThrowsAsync<RpcException>(() => Client.RecordRoundTableSummaryAsync(new RecordRoundTableSummaryRequest { RoundTable = 1, PresentedBy = "SWE", Text = summary }, Secretariat).ResponseAsync);
        var replaced = await Client.RecordRoundTableSummaryAsync(new RecordRoundTableSummaryRequest { RoundTable = 1, PresentedBy = "SWE", Text = summary, Etag = recorded.Slot.Etag }, Pga);
        var closing = await Client.GetClosingPlenaryAsync(new GetClosingPlenaryRequest(), TestTokens.Call(Roles.MemberState, "FRA"));

        AssertRule(byOther, "SUMMARY_PRESENTER_NOT_A_CO_CHAIR", "3(b)(iii)");
        AssertRule(tooEarly, "ROUND_TABLE_NOT_YET_HELD", "3(b)(iii)");
        Assert.Equal(StatusCode.Aborted, unnamed.StatusCode);
        Assert.Equal(("NGA", "1"), (recorded.Slot.PresentedBy, recorded.Slot.Etag));
        Assert.Equal(4, closing.Slots.Count);
        var slot = closing.Slots.Single(s => s.RoundTable == 1);
        Assert.Equal(replaced.Slot, slot);
        Assert.Equal(("SWE", "2", true, summary), (slot.PresentedBy, slot.Etag, slot.Recorded, slot.Text));
        Assert.Equal(["NGA", "SWE"], slot.CoChairs.Select(c => c.ParticipantId));
        Assert.All(closing.Slots.Where(s => s.RoundTable != 1), s => Assert.False(s.Recorded));
        var summaries = await hosts.PublishedAsync<RoundTableSummaryRecorded>();
        Assert.Equal([("NGA", 1, RegionalGroup.AfricanStates), ("SWE", 2, RegionalGroup.WesternEuropeanAndOtherStates)], summaries.Select(e => (e.PresentedBy, e.Revision, e.PresenterRegionalGroup)));
    }

    [Fact]
    public async Task Only_the_PGA_office_consults_and_appoints()
    {
        await hosts.RegisterAsync("BRA", ParticipantCategory.MemberState, RegionalGroup.LatinAmericanAndCaribbeanStates);

        foreach (var caller in new[] { Secretariat, TestTokens.Call(Roles.MemberState, "BRA"), TestTokens.Call(Roles.Observer, "BRA") })
        {
            var appoint = await Assert.ThrowsAsync<RpcException>(() => Client.AppointCoChairAsync(new AppointCoChairRequest { RoundTable = 4, ParticipantId = "BRA", RepresentativeName = "Minister" }, caller).ResponseAsync);
            var consult = await Assert.ThrowsAsync<RpcException>(() => Client.RecordRegionalGroupConsultationAsync(new RecordRegionalGroupConsultationRequest { RegionalGroup = RegionalGroup.AfricanStates, HeldOn = Day(7, 1) }, caller).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, appoint.StatusCode);
            Assert.Equal(StatusCode.PermissionDenied, consult.StatusCode);
        }

        Assert.DoesNotContain((await Client.GetCoChairBalanceAsync(new GetCoChairBalanceRequest(), Secretariat)).CoChairs, c => c.ParticipantId == "BRA");
    }

    [Fact]
    public async Task A_co_chair_the_registry_never_announced_is_refused_and_bad_fields_are_named_para3d()
    {
        var unknown = await Assert.ThrowsAsync<RpcException>(() => AppointAsync(4, "ATLANTIS"));
        var bad = await Assert.ThrowsAsync<RpcException>(() => Client.AppointCoChairAsync(new AppointCoChairRequest { RoundTable = 9, ParticipantId = "x", RepresentativeName = " " }, Pga).ResponseAsync);
        var badConsultation = await Assert.ThrowsAsync<RpcException>(() => Client.RecordRegionalGroupConsultationAsync(new RecordRegionalGroupConsultationRequest { HeldOn = Day(2, 30) }, Pga).ResponseAsync);

        AssertRule(unknown, "PARTICIPANT_UNKNOWN", "3(d)");
        AssertFields(bad, "round_table", "participant_id", "representative_name");
        AssertFields(badConsultation, "regional_group", "held_on");
    }

    [Fact]
    public async Task A_Member_State_seats_itself_at_one_round_table_only_para3b()
    {
        await hosts.RegisterAsync("CHL", ParticipantCategory.MemberState, RegionalGroup.LatinAmericanAndCaribbeanStates);
        var chile = TestTokens.Call(Roles.MemberState, "CHL");

        var seated = await Client.AssignRoundTableParticipantAsync(new AssignRoundTableParticipantRequest { RoundTable = 1, ParticipantId = "CHL", RequestId = "chl-rt1" }, chile);
        var second = await Assert.ThrowsAsync<RpcException>(() => Client.AssignRoundTableParticipantAsync(new AssignRoundTableParticipantRequest { RoundTable = 2, ParticipantId = "CHL" }, chile).ResponseAsync);
        var other = await Assert.ThrowsAsync<RpcException>(() => Client.AssignRoundTableParticipantAsync(new AssignRoundTableParticipantRequest { RoundTable = 2, ParticipantId = "ARG" }, chile).ResponseAsync);

        Assert.Equal((1, RegionalGroup.LatinAmericanAndCaribbeanStates), (seated.Participant.RoundTable, seated.Participant.RegionalGroup));
        Assert.True(seated.Spread.MemberStates >= 1);
        AssertRule(second, "MEMBER_STATE_ROUND_TABLE_LIMIT", "3(b)");
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
    }

    [Fact]
    public async Task A_round_table_takes_no_more_than_its_seats_para3b()
    {
        await hosts.RegisterAsync("UNDP", ParticipantCategory.UnSystemEntity, RegionalGroup.WesternEuropeanAndOtherStates, "USA");
        await hosts.RegisterAsync("IOM", ParticipantCategory.IgoStandingInvitation, RegionalGroup.WesternEuropeanAndOtherStates, "CHE");
        var programme = (await Client.GetProgrammeAsync(new GetProgrammeRequest(), Secretariat)).Programme;
        var small = programme.Clone();
        small.RoundTables.Single(r => r.Number == 3).Capacity = 1;
        await Client.ConfigureProgrammeAsync(new ConfigureProgrammeRequest { Programme = small, Etag = programme.Etag }, Secretariat);

        await Client.AssignRoundTableParticipantAsync(new AssignRoundTableParticipantRequest { RoundTable = 3, ParticipantId = "UNDP" }, TestTokens.Call(Roles.Observer, "UNDP"));
        var full = await Assert.ThrowsAsync<RpcException>(() => Client.AssignRoundTableParticipantAsync(new AssignRoundTableParticipantRequest { RoundTable = 3, ParticipantId = "IOM" }, Secretariat).ResponseAsync);

        AssertRule(full, "ROUND_TABLE_FULL", "3(b)");
    }

    [Fact]
    public async Task Organisations_are_seated_only_from_the_final_lists_by_the_PGA_office_with_their_spread_reported_para13()
    {
        await hosts.RegisterAsync("ngo-unlisted", ParticipantCategory.EcosocNgo, RegionalGroup.AfricanStates, "KEN");
        var unlisted = await Assert.ThrowsAsync<RpcException>(() => Client.AssignRoundTableParticipantAsync(new AssignRoundTableParticipantRequest { RoundTable = 4, ParticipantId = "ngo-unlisted" }, Pga).ResponseAsync);

        await PublishAsync(hosts.Registry.Services, "hld-registry", new ListFinalised
        {
            ListId = "para12-2013",
            Kind = ListKind.OtherStakeholders,
            Entries =
            {
                new FinalListEntry { ParticipantId = "uni-nairobi", Category = ParticipantCategory.AcademicInstitution, Name = Text("University", "大学"), CountryCode = "KEN", RegionalGroup = RegionalGroup.AfricanStates },
                new FinalListEntry { ParticipantId = "biz-manila", Category = ParticipantCategory.PrivateSectorEntity, Name = Text("Company", "公司"), CountryCode = "PHL", RegionalGroup = RegionalGroup.AsiaPacificStates },
            },
            DroppedParticipantIds = { "ngo-objected" },
            FinalisedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2013, 6, 15, 0, 0, 0, TimeSpan.Zero)),
        });
        await Eventually.Until(() => FinalListsAsync(hosts), l => l.Find("biz-manila") is not null, what: "sessions to learn the final list");
        var bySecretariat = await Assert.ThrowsAsync<RpcException>(() => Client.AssignRoundTableParticipantAsync(new AssignRoundTableParticipantRequest { RoundTable = 4, ParticipantId = "uni-nairobi" }, Secretariat).ResponseAsync);
        var objected = await Assert.ThrowsAsync<RpcException>(() => Client.AssignRoundTableParticipantAsync(new AssignRoundTableParticipantRequest { RoundTable = 4, ParticipantId = "ngo-objected" }, Pga).ResponseAsync);
        await Client.AssignRoundTableParticipantAsync(new AssignRoundTableParticipantRequest { RoundTable = 4, ParticipantId = "uni-nairobi" }, Pga);
        var second = await Client.AssignRoundTableParticipantAsync(new AssignRoundTableParticipantRequest { RoundTable = 4, ParticipantId = "biz-manila" }, Pga);
        var firstPage = await Client.ListRoundTableParticipantsAsync(new ListRoundTableParticipantsRequest { RoundTable = 4, PageSize = 1 }, TestTokens.Call(Roles.ReportingReader));
        var secondPage = await Client.ListRoundTableParticipantsAsync(new ListRoundTableParticipantsRequest { RoundTable = 4, PageSize = 1, PageToken = firstPage.NextPageToken }, TestTokens.Call(Roles.ReportingReader));

        AssertRule(unlisted, "NOT_ON_A_FINAL_LIST", "13");
        Assert.Equal(StatusCode.PermissionDenied, bySecretariat.StatusCode);
        AssertRule(objected, "PARTICIPANT_UNKNOWN", "3(b)");
        Assert.Equal("para12-2013", second.Participant.ListId);
        var spread = secondPage.Spread;
        Assert.Equal(2, spread.Stakeholders);
        Assert.Equal(1, spread.StakeholdersByRegionalGroup.Single(g => g.RegionalGroup == RegionalGroup.AfricanStates).Count);
        Assert.Equal(1, spread.StakeholdersByRegionalGroup.Single(g => g.RegionalGroup == RegionalGroup.AsiaPacificStates).Count);
        Assert.Equal([ParticipantCategory.AcademicInstitution, ParticipantCategory.PrivateSectorEntity], spread.StakeholdersByCategory.Select(c => c.Category));
        Assert.Equal(["uni-nairobi", "biz-manila"], firstPage.Participants.Concat(secondPage.Participants).Select(p => p.ParticipantId));
        Assert.Empty(secondPage.NextPageToken);
    }

    [Fact]
    public async Task An_intergovernmental_organisation_speaks_and_sits_only_once_a_decided_list_names_it_para8()
    {
        await hosts.RegisterAsync("igo-para8", ParticipantCategory.OtherIgo, RegionalGroup.WesternEuropeanAndOtherStates, "CHE");
        var inscribe = new InscribeSpeakerRequest { MeetingNumber = 2, ParticipantId = "igo-para8" };
        var seat = new AssignRoundTableParticipantRequest { RoundTable = 2, ParticipantId = "igo-para8" };
        var notInscribed = await Assert.ThrowsAsync<RpcException>(() => Client.InscribeSpeakerAsync(inscribe, Secretariat).ResponseAsync);
        var notSeated = await Assert.ThrowsAsync<RpcException>(() => Client.AssignRoundTableParticipantAsync(seat, Secretariat).ResponseAsync);

        await PublishAsync(hosts.Registry.Services, "hld-registry", new ListFinalised
        {
            ListId = "para8-2013",
            Kind = ListKind.OtherIgos,
            Entries = { new FinalListEntry { ParticipantId = "igo-para8", Category = ParticipantCategory.OtherIgo, Name = Text("An organisation", "一个组织"), CountryCode = "CHE", RegionalGroup = RegionalGroup.WesternEuropeanAndOtherStates } },
            FinalisedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2013, 6, 20, 0, 0, 0, TimeSpan.Zero)),
        });
        await Eventually.Until(() => FinalListsAsync(hosts), l => l.Para8ListOf("igo-para8") is not null, what: "sessions to learn the para 8 list");
        var inscribed = await Client.InscribeSpeakerAsync(inscribe, Secretariat);
        var seated = await Client.AssignRoundTableParticipantAsync(seat, Secretariat);

        AssertRule(notInscribed, "NOT_ACCEPTED_BY_MEMBER_STATES", "8");
        AssertRule(notSeated, "NOT_ACCEPTED_BY_MEMBER_STATES", "8");
        Assert.Equal("igo-para8", inscribed.Position.ParticipantId);
        Assert.Equal(("igo-para8", "para8-2013"), (seated.Participant.ParticipantId, seated.Participant.ListId));
    }
}
