using Google.Protobuf.WellKnownTypes;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Events;
using Hld.Testing;
using Xunit;
using static Hld.Functional.Tests.RegistryTestKit;

namespace Hld.Functional.Tests;

/// <summary>
/// Para 12 deadlines passing, driven by the registry's manual clock. The clock only moves forward, so
/// each test reads where it stands and works relative to it; the class has its own hosts and clock.
/// </summary>
public sealed class RegistryDeadlineTests(HldHosts hosts) : IClassFixture<HldHosts>, IAsyncLifetime
{
    private static readonly DateOnly Hearing = new(2013, 7, 15);

    private RegistryService.RegistryServiceClient Registry => Client(hosts.Registry.Channel);

    public Task InitializeAsync() => LoadReferenceDataAsync(Registry);

    public Task DisposeAsync() => Task.CompletedTask;

    private DateTimeOffset Now => hosts.Registry.Clock.GetUtcNow();

    private Task<ParticipantList> CirculatedAsync(string listId, DateTimeOffset deadline, params string[] ngos) =>
        CirculatedParaTwelveListAsync(Registry, listId, deadline, id => id.Contains("-mx", StringComparison.Ordinal) ? "MEX" : "KEN", ngos);

    private void MoveClockTo(DateTimeOffset to) => Assert.True(hosts.Registry.Clock.TryMoveTo(to) || Now >= to);

    [Fact]
    public async Task At_the_deadline_entries_not_objected_to_become_final_by_themselves_and_objected_ones_are_dropped_para12()
    {
        var deadline = Now.AddDays(2);
        Assert.True(DateOnly.FromDateTime(deadline.UtcDateTime) <= Hearing.AddMonths(-1), "The test needs a clock before mid-June 2013.");
        await CirculatedAsync("p12-final", deadline, "ngo-final-1", "ngo-final-2-mx", "ngo-final-3");
        await using var probe = await EventProbe.StartAsync(hosts.Registry.Services, Topics.Of<ListFinalised>(), Topics.Of<ListStatusChanged>());
        await Registry.ObjectToListEntryAsync(new ObjectToListEntryRequest { ListId = "p12-final", ParticipantId = "ngo-final-2-mx" }, State("FRA"));

        MoveClockTo(deadline.AddMinutes(1));

        var final = await Eventually.Until(
            async () => (await Registry.GetListAsync(new GetListRequest { ListId = "p12-final" }, State("MEX"))).List,
            l => l.Status == ListStatus.Final,
            what: "the list to become final at its deadline");
        Assert.Equal(deadline, final.FinalisedAt.ToDateTimeOffset());
        Assert.Equal([(RegionalGroup.AfricanStates, 2)], final.Spread.Select(s => (s.RegionalGroup, s.Count)));
        var finalised = Assert.Single(await probe.WaitFor<ListFinalised>(e => e.ListId == "p12-final"));
        Assert.Equal(["ngo-final-1", "ngo-final-3"], finalised.Entries.Select(e => e.ParticipantId));
        Assert.Equal(["ngo-final-2-mx"], finalised.DroppedParticipantIds);
        Assert.Equal(deadline, finalised.FinalisedAt.ToDateTimeOffset());
        Assert.Contains(probe.Seen<ListStatusChanged>(), s => s.Event.ListId == "p12-final" && s.Event.Status == ListStatus.Final && s.Event.PreviousStatus == ListStatus.Circulated);
        var standing = await Registry.ListListEntriesAsync(new ListListEntriesRequest { ListId = "p12-final", Status = ListEntryStatus.Standing }, Pga);
        Assert.Equal(["ngo-final-1", "ngo-final-3"], standing.Entries.Select(e => e.ParticipantId));

        await RefusedUnder(() => Registry.ObjectToListEntryAsync(new ObjectToListEntryRequest { ListId = "p12-final", ParticipantId = "ngo-final-1" }, State("CHN")).ResponseAsync, "OBJECTION_AFTER_DEADLINE", "12");
        await RefusedUnder(() => Registry.FinaliseListAsync(new FinaliseListRequest { ListId = "p12-final", Etag = final.Etag }, Pga).ResponseAsync, "FINAL_ONLY_AT_DEADLINE", "12");
    }

    [Fact]
    public async Task An_objection_after_the_deadline_is_refused_even_before_the_sweep_has_run_para12()
    {
        var deadline = Now.AddHours(6);
        await CirculatedAsync("p12-late-objection", deadline, "ngo-late-1");

        MoveClockTo(deadline);

        await RefusedUnder(
            () => Registry.ObjectToListEntryAsync(new ObjectToListEntryRequest { ListId = "p12-late-objection", ParticipantId = "ngo-late-1" }, State("FRA")).ResponseAsync,
            "OBJECTION_AFTER_DEADLINE", "12");
        var final = await Eventually.Until(
            async () => (await Registry.GetListAsync(new GetListRequest { ListId = "p12-late-objection" }, Pga)).List,
            l => l.Status == ListStatus.Final,
            what: "the list to become final");
        Assert.Equal(1, final.Spread.Single().Count);
    }

    [Fact]
    public async Task A_hearing_moved_under_a_month_after_a_circulated_deadline_is_recorded_and_the_deadline_kept_para12()
    {
        var deadline = Now.AddDays(10);
        var circulated = await CirculatedAsync("p12-moved", deadline, "ngo-moved-1");
        var newHearing = DateOnly.FromDateTime(deadline.UtcDateTime).AddMonths(1).AddDays(-3);

        await PublishHearingMovedAsync(hosts.Hearings.Services, newHearing);

        var noted = await Eventually.Until(
            async () => (await Registry.GetListAsync(new GetListRequest { ListId = "p12-moved" }, Pga)).List,
            l => l.HearingDateConflicts.Count == 1,
            what: "the registry to record the conflict");
        Assert.Equal(circulated.ObjectionDeadline, noted.ObjectionDeadline);
        Assert.Equal(ListStatus.Circulated, noted.Status);
        Assert.Equal(new CalendarDate { Year = newHearing.Year, Month = newHearing.Month, Day = newHearing.Day }, noted.HearingDateConflicts[0].HearingDate);

        // New circulations are checked against the hearing day announced.
        await RegisterAsync(Registry, Organization("ngo-moved-2", ParticipantCategory.OtherNgo));
        var draft = await DraftListAsync(Registry, "p12-after-move", ListKind.OtherStakeholders, "ngo-moved-2");
        draft = (await Registry.RecordListConsultationAsync(new RecordListConsultationRequest { ListId = "p12-after-move", HeldOn = new CalendarDate { Year = 2013, Month = 5, Day = 28 }, Summary = "Consulted.", Etag = draft.Etag }, Pga)).List;
        await RefusedUnder(
            () => Registry.CirculateListAsync(new CirculateListRequest { ListId = "p12-after-move", ObjectionDeadline = Timestamp.FromDateTimeOffset(deadline), Etag = draft.Etag }, Pga).ResponseAsync,
            "DEADLINE_TOO_CLOSE_TO_HEARING", "12");
    }
}

/// <summary>Circulating after the last day is refused: this class moves its own clock past mid-June 2013.</summary>
public sealed class RegistryLateCirculationTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    [Fact]
    public async Task Circulating_later_than_one_month_before_the_hearing_is_refused_para12()
    {
        var registry = Client(hosts.Registry.Channel);
        await RegisterAsync(registry, Organization("ngo-too-late", ParticipantCategory.OtherNgo));
        var list = await DraftListAsync(registry, "p12-too-late", ListKind.OtherStakeholders, "ngo-too-late");
        list = (await registry.RecordListConsultationAsync(new RecordListConsultationRequest { ListId = "p12-too-late", HeldOn = new CalendarDate { Year = 2013, Month = 5, Day = 28 }, Summary = "Consulted.", Etag = list.Etag }, Pga)).List;
        var june16 = new DateTimeOffset(2013, 6, 16, 9, 0, 0, TimeSpan.Zero);
        Assert.True(hosts.Registry.Clock.TryMoveTo(june16));

        await RefusedUnder(
            () => registry.CirculateListAsync(new CirculateListRequest { ListId = "p12-too-late", ObjectionDeadline = Timestamp.FromDateTimeOffset(june16.AddHours(8)), Etag = list.Etag }, Pga).ResponseAsync,
            "CIRCULATION_TOO_LATE", "12");
        Assert.Equal(ListStatus.Draft, (await registry.GetListAsync(new GetListRequest { ListId = "p12-too-late" }, Pga)).List.Status);
    }
}
