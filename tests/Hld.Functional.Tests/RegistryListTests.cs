using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Events;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;
using static Hld.Functional.Tests.RegistryTestKit;

namespace Hld.Functional.Tests;

/// <summary>The PGA's lists over gRPC (paras 8, 9, 12) at the fixture's clock, 1 June 2013; deadlines passing are in RegistryDeadlineTests.</summary>
public sealed class RegistryListTests(HldHosts hosts) : IClassFixture<HldHosts>, IAsyncLifetime
{
    private static readonly DateTimeOffset June10 = new(2013, 6, 10, 0, 0, 0, TimeSpan.Zero);

    private RegistryService.RegistryServiceClient Registry => Client(hosts.Registry.Channel);

    public Task InitializeAsync() => LoadReferenceDataAsync(Registry);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ParticipantList> ConsultedAsync(string listId, params string[] ngos)
    {
        foreach (var id in ngos)
        {
            await RegisterAsync(Registry, Organization(id, ParticipantCategory.OtherNgo, country: id.EndsWith("-fr", StringComparison.Ordinal) ? "FRA" : "KEN"));
        }

        var list = await DraftListAsync(Registry, listId, ListKind.OtherStakeholders, ngos);
        return (await Registry.RecordListConsultationAsync(new RecordListConsultationRequest
        {
            ListId = listId,
            HeldOn = new CalendarDate { Year = 2013, Month = 5, Day = 28 },
            Summary = "Consultation with the chairs of the five regional groups.",
            Etag = list.Etag,
        }, Pga)).List;
    }

    [Fact]
    public async Task Only_the_PGA_office_drives_a_list_and_a_Member_State_cannot_circulate_one_paras_8_9_12()
    {
        var list = await ConsultedAsync("p12-roles", "ngo-roles-1");
        var circulate = new CirculateListRequest { ListId = "p12-roles", ObjectionDeadline = Timestamp.FromDateTimeOffset(June10), Etag = list.Etag };

        await Refused(() => Registry.CirculateListAsync(circulate, State("FRA")).ResponseAsync, StatusCode.PermissionDenied);
        await Refused(() => Registry.CirculateListAsync(circulate, Secretariat).ResponseAsync, StatusCode.PermissionDenied);
        await Refused(() => Registry.CreateListAsync(new CreateListRequest { ListId = "by-a-state", Kind = ListKind.OtherIgos, Title = list.Title }, State("FRA")).ResponseAsync, StatusCode.PermissionDenied);
        await Refused(() => Registry.AddListEntryAsync(new AddListEntryRequest { ListId = "p12-roles", ParticipantId = "ngo-roles-1", Etag = list.Etag }, Stakeholder("ngo-roles-1")).ResponseAsync, StatusCode.PermissionDenied);
        Assert.Equal(ListStatus.Draft, (await Registry.GetListAsync(new GetListRequest { ListId = "p12-roles" }, Pga)).List.Status);
    }

    [Fact]
    public async Task The_para_8_list_is_submitted_to_Member_States_then_decided_and_reports_its_spread_para8()
    {
        await RegisterAsync(Registry, Organization("igo-au", ParticipantCategory.OtherIgo, "ETH"));
        await RegisterAsync(Registry, Organization("igo-oas", ParticipantCategory.OtherIgo, "USA"));
        await RegisterAsync(Registry, Organization("igo-colombo", ParticipantCategory.OtherIgo, "LKA"));
        await RegisterAsync(Registry, Organization("ngo-not-igo", ParticipantCategory.OtherNgo));
        await using var probe = await EventProbe.StartAsync(hosts.Registry.Services, Topics.Of<ListStatusChanged>(), Topics.Of<ListFinalised>());
        var draft = await DraftListAsync(Registry, "p8-2013", ListKind.OtherIgos, "igo-au", "igo-oas", "igo-colombo");

        await RefusedUnder(() => Registry.AddListEntryAsync(new AddListEntryRequest { ListId = "p8-2013", ParticipantId = "ngo-not-igo", Etag = draft.Etag }, Pga).ResponseAsync, "ENTRY_NOT_ADMISSIBLE", "8");
        await RefusedUnder(() => Registry.FinaliseListAsync(new FinaliseListRequest { ListId = "p8-2013", Etag = draft.Etag }, Pga).ResponseAsync, "LIST_NOT_SUBMITTED", "8");
        var submitted = (await Registry.CirculateListAsync(new CirculateListRequest { ListId = "p8-2013", Etag = draft.Etag }, Pga)).List;
        var decided = (await Registry.FinaliseListAsync(new FinaliseListRequest
        {
            ListId = "p8-2013",
            NotAcceptedParticipantIds = { "igo-colombo" },
            DecisionReference = "A/67/PV.99",
            Etag = submitted.Etag,
        }, Pga)).List;

        Assert.Equal(
            [(RegionalGroup.AfricanStates, 1), (RegionalGroup.AsiaPacificStates, 1), (RegionalGroup.WesternEuropeanAndOtherStates, 1)],
            draft.Spread.Select(s => (s.RegionalGroup, s.Count)));
        Assert.Equal(ListStatus.Circulated, submitted.Status);
        Assert.Equal(ListStatus.Final, decided.Status);
        Assert.Equal([(RegionalGroup.AfricanStates, 1), (RegionalGroup.WesternEuropeanAndOtherStates, 1)], decided.Spread.Select(s => (s.RegionalGroup, s.Count)));
        var finalised = Assert.Single(await probe.WaitFor<ListFinalised>(e => e.ListId == "p8-2013"));
        Assert.Equal(["igo-au", "igo-oas"], finalised.Entries.Select(e => e.ParticipantId));
        Assert.Equal(["igo-colombo"], finalised.DroppedParticipantIds);
        var statuses = await probe.WaitFor<ListStatusChanged>(e => e.ListId == "p8-2013", count: 3);
        Assert.Equal([ListStatus.Draft, ListStatus.Circulated, ListStatus.Final], statuses.Select(s => s.Status));
    }

    [Fact]
    public async Task An_entry_without_ECOSOC_consultative_status_is_refused_on_the_para_9_list_para9()
    {
        await RegisterAsync(Registry, Organization("ngo-eco-general", ParticipantCategory.EcosocNgo, status: EcosocStatus.General));
        await RegisterAsync(Registry, Organization("ngo-no-status", ParticipantCategory.OtherNgo));
        var list = await DraftListAsync(Registry, "p9-2013", ListKind.EcosocNgos, "ngo-eco-general");

        await RefusedUnder(() => Registry.AddListEntryAsync(new AddListEntryRequest { ListId = "p9-2013", ParticipantId = "ngo-no-status", Etag = list.Etag }, Pga).ResponseAsync, "ECOSOC_STATUS_REQUIRED", "9");
        await RefusedUnder(() => Registry.CirculateListAsync(new CirculateListRequest { ListId = "p9-2013", Etag = list.Etag }, Pga).ResponseAsync, "NOT_CIRCULATED_UNDER_PARA_9", "9");
        var published = (await Registry.FinaliseListAsync(new FinaliseListRequest { ListId = "p9-2013", Etag = list.Etag }, Pga)).List;

        Assert.Equal(ListStatus.Final, published.Status);
        Assert.Equal(1, published.EntryCount);
    }

    [Fact]
    public async Task A_para_12_list_is_circulated_only_after_consultation_and_with_a_deadline_a_calendar_month_before_the_hearing_para12()
    {
        await RegisterAsync(Registry, Organization("ngo-early", ParticipantCategory.OtherNgo));
        var unconsulted = await DraftListAsync(Registry, "p12-unconsulted", ListKind.OtherStakeholders, "ngo-early");
        await RefusedUnder(
            () => Registry.CirculateListAsync(new CirculateListRequest { ListId = "p12-unconsulted", ObjectionDeadline = Timestamp.FromDateTimeOffset(June10), Etag = unconsulted.Etag }, Pga).ResponseAsync,
            "CONSULTATION_REQUIRED", "12");

        var list = await ConsultedAsync("p12-deadline", "ngo-deadline-1");
        await RefusedUnder(
            () => Registry.CirculateListAsync(new CirculateListRequest { ListId = "p12-deadline", ObjectionDeadline = Timestamp.FromDateTimeOffset(new DateTimeOffset(2013, 6, 16, 0, 0, 0, TimeSpan.FromHours(-4))), Etag = list.Etag }, Pga).ResponseAsync,
            "DEADLINE_TOO_CLOSE_TO_HEARING", "12");

        // The end of 15 June in New York (03:59 UTC on 16 June) is still a calendar month before a 15 July hearing: days are the venue's.
        var edge = await ConsultedAsync("p12-edge", "ngo-edge-1");
        var endOfDay = new DateTimeOffset(2013, 6, 15, 23, 59, 0, TimeSpan.FromHours(-4));
        var onTheEdge = (await Registry.CirculateListAsync(new CirculateListRequest { ListId = "p12-edge", ObjectionDeadline = Timestamp.FromDateTimeOffset(endOfDay), Etag = edge.Etag }, Pga)).List;
        Assert.Equal(endOfDay, onTheEdge.ObjectionDeadline.ToDateTimeOffset());
        await RefusedUnder(
            () => Registry.CirculateListAsync(new CirculateListRequest { ListId = "p12-deadline", Etag = list.Etag }, Pga).ResponseAsync,
            "DEADLINE_NOT_IN_FUTURE", "12");

        await using var probe = await EventProbe.StartAsync(hosts.Registry.Services, Topics.Of<ListStatusChanged>());
        var circulated = (await Registry.CirculateListAsync(new CirculateListRequest { ListId = "p12-deadline", ObjectionDeadline = Timestamp.FromDateTimeOffset(June10), Etag = list.Etag }, Pga)).List;

        Assert.Equal(new CalendarDate { Year = 2013, Month = 7, Day = 15 }, circulated.HearingDate);
        var announced = Assert.Single(await probe.WaitFor<ListStatusChanged>(e => e.ListId == "p12-deadline" && e.Status == ListStatus.Circulated));
        Assert.Equal(June10, announced.ObjectionDeadline.ToDateTimeOffset());
        Assert.Equal(ListKind.OtherStakeholders, announced.Kind);
        Assert.Equal(1, announced.EntryCount);
    }

    [Fact]
    public async Task Any_Member_State_may_object_and_who_objected_is_seen_only_by_the_PGA_office_and_the_Secretariat_para12()
    {
        var list = await ConsultedAsync("p12-objections", "ngo-obj-1", "ngo-obj-2-fr");
        await Registry.CirculateListAsync(new CirculateListRequest { ListId = "p12-objections", ObjectionDeadline = Timestamp.FromDateTimeOffset(June10), Etag = list.Etag }, Pga);
        await using var probe = await EventProbe.StartAsync(hosts.Registry.Services, Topics.Of<ObjectionLodged>());

        var objection = await Registry.ObjectToListEntryAsync(new ObjectToListEntryRequest { ListId = "p12-objections", ParticipantId = "ngo-obj-1" }, State("CHN"));
        await Registry.ObjectToListEntryAsync(new ObjectToListEntryRequest { ListId = "p12-objections", ParticipantId = "ngo-obj-1" }, State("CHN"));
        await Refused(() => Registry.ObjectToListEntryAsync(new ObjectToListEntryRequest { ListId = "p12-objections", ParticipantId = "ngo-obj-1" }, Observer("VAT")).ResponseAsync, StatusCode.PermissionDenied);
        await Refused(() => Registry.ObjectToListEntryAsync(new ObjectToListEntryRequest { ListId = "p12-objections", ParticipantId = "ngo-obj-1" }, State("XXX")).ResponseAsync, StatusCode.PermissionDenied);
        await RefusedUnder(() => Registry.ObjectToListEntryAsync(new ObjectToListEntryRequest { ListId = "p12-objections", ParticipantId = "ngo-not-listed" }, State("CHN")).ResponseAsync, "ENTRY_NOT_ON_LIST", "12");

        Assert.Equal(June10, objection.ObjectionDeadline.ToDateTimeOffset());
        var lodged = Assert.Single(await probe.WaitFor<ObjectionLodged>(e => e.ListId == "p12-objections"));
        Assert.Equal("ngo-obj-1", lodged.ParticipantId);
        foreach (var (caller, sees) in new[] { (Pga, true), (Secretariat, true), (State("FRA"), false), (State("CHN"), false), (Stakeholder("ngo-obj-1"), false), (TestTokens.Call(Roles.ReportingReader), false) })
        {
            var entry = (await Registry.ListListEntriesAsync(new ListListEntriesRequest { ListId = "p12-objections" }, caller)).Entries.Single(e => e.ParticipantId == "ngo-obj-1");
            Assert.True(entry.Objected);
            Assert.Equal(sees ? ["CHN"] : [], entry.ObjectingMemberStates);
        }
    }

    [Fact]
    public async Task A_stale_etag_is_aborted_and_changes_nothing_para12()
    {
        var list = await ConsultedAsync("p12-stale", "ngo-stale-1", "ngo-stale-2");
        var staleEtag = (await Registry.GetListAsync(new GetListRequest { ListId = "p12-stale" }, Pga)).List.Etag;
        await Registry.RemoveListEntryAsync(new RemoveListEntryRequest { ListId = "p12-stale", ParticipantId = "ngo-stale-2", Etag = list.Etag }, Pga);

        await Refused(() => Registry.CirculateListAsync(new CirculateListRequest { ListId = "p12-stale", ObjectionDeadline = Timestamp.FromDateTimeOffset(June10), Etag = staleEtag }, Pga).ResponseAsync, StatusCode.Aborted);
        var fields = await InvalidFields(() => Registry.CirculateListAsync(new CirculateListRequest { ListId = "p12-stale", ObjectionDeadline = Timestamp.FromDateTimeOffset(June10) }, Pga).ResponseAsync);

        Assert.Equal(["etag"], fields);
        var stored = (await Registry.GetListAsync(new GetListRequest { ListId = "p12-stale" }, Pga)).List;
        Assert.Equal((ListStatus.Draft, 1), (stored.Status, stored.EntryCount));
    }

    [Fact]
    public async Task Bad_list_requests_name_each_field_para8()
    {
        var fields = await InvalidFields(() => Registry.CreateListAsync(new CreateListRequest { ListId = "x" }, Pga).ResponseAsync);

        Assert.Equal(["kind", "list_id", "title"], fields.Order(StringComparer.Ordinal));
        await Refused(() => Registry.GetListAsync(new GetListRequest { ListId = "no-such-list" }, Pga).ResponseAsync, StatusCode.NotFound);
    }

    [Fact]
    public async Task A_repeated_request_id_creates_a_list_once_and_lists_filter_by_kind_and_status_paras_8_9_12()
    {
        var create = new CreateListRequest { ListId = "p8-repeat", Kind = ListKind.OtherIgos, Title = new LocalizedText { Texts = { ["en"] = "Other IGOs" } }, RequestId = "create-p8-repeat" };

        var first = await Registry.CreateListAsync(create, Pga);
        var repeat = await Registry.CreateListAsync(create, Pga);
        await RefusedUnder(() => Registry.CreateListAsync(new CreateListRequest { ListId = "p8-repeat", Kind = ListKind.OtherIgos, Title = create.Title }, Pga).ResponseAsync, "LIST_ALREADY_EXISTS", "8");

        Assert.Equal(first, repeat);
        await Registry.CreateListAsync(new CreateListRequest { ListId = "p9-paging", Kind = ListKind.EcosocNgos, Title = create.Title }, Pga);
        var drafts = await Registry.ListListsAsync(new ListListsRequest { Kind = ListKind.OtherIgos, Status = ListStatus.Draft }, State("FRA"));
        Assert.Contains(drafts.Lists, l => l.ListId == "p8-repeat");
        Assert.All(drafts.Lists, l => Assert.Equal((ListKind.OtherIgos, ListStatus.Draft), (l.Kind, l.Status)));
        var pageOfOne = await Registry.ListListsAsync(new ListListsRequest { PageSize = 1 }, Pga);
        Assert.Single(pageOfOne.Lists);
        await Refused(() => Registry.ListListsAsync(new ListListsRequest { PageSize = 1, Kind = ListKind.EcosocNgos, PageToken = pageOfOne.NextPageToken }, Pga).ResponseAsync, StatusCode.InvalidArgument);
    }
}
