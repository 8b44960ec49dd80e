using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Events;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;
using static Hld.Functional.Tests.RegistryTestKit;

namespace Hld.Functional.Tests;

/// <summary>
/// Para 12 when the hearing moves under circulated lists (docs/decisions/050). The class has its own hosts:
/// it moves the hearing to 10 July 2013 and the clock past mid-June.
/// </summary>
public sealed class RegistryHearingConflictTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private static readonly DateOnly MovedHearing = new(2013, 7, 10);

    private RegistryService.RegistryServiceClient Registry => Client(hosts.Registry.Channel);

    private Task<ParticipantList> CirculatedAsync(string listId, DateTimeOffset deadline, params string[] ngos) =>
        CirculatedParaTwelveListAsync(Registry, listId, deadline, _ => "KEN", ngos);

    private async Task<ParticipantList> GetAsync(string listId) => (await Registry.GetListAsync(new GetListRequest { ListId = listId }, Pga)).List;

    private Task<RecirculateListResponse> RecirculateAsync(ParticipantList list, DateTimeOffset deadline, CallOptions? caller = null) =>
        Registry.RecirculateListAsync(new RecirculateListRequest { ListId = list.ListId, ObjectionDeadline = Timestamp.FromDateTimeOffset(deadline), Etag = list.Etag }, caller ?? Pga).ResponseAsync;

    [Fact]
    public async Task A_list_in_conflict_with_a_moved_hearing_is_published_not_finalised_and_circulated_again_by_the_PGA_office_para12()
    {
        await LoadReferenceDataAsync(Registry);
        await using var probe = await EventProbe.StartAsync(hosts.Registry.Services,
            Topics.Of<HearingDateConflictRecorded>(), Topics.Of<HearingDateConflictResolved>(), Topics.Of<ListFinalised>(), Topics.Of<ListStatusChanged>());

        // Circulated on 1 June for a hearing on 15 July: every deadline up to 15 June complies.
        var stranded = await CirculatedAsync("p12-stranded", new DateTimeOffset(2013, 6, 12, 16, 0, 0, TimeSpan.Zero), "ngo-stranded-1");
        var recirculated = await CirculatedAsync("p12-recirculated", new DateTimeOffset(2013, 6, 14, 16, 0, 0, TimeSpan.Zero), "ngo-recirc-1", "ngo-recirc-2");
        await CirculatedAsync("p12-unaffected", new DateTimeOffset(2013, 6, 9, 16, 0, 0, TimeSpan.Zero), "ngo-unaffected-1");
        await Registry.ObjectToListEntryAsync(new ObjectToListEntryRequest { ListId = "p12-recirculated", ParticipantId = "ngo-recirc-2" }, State("FRA"));

        // The hearing moves to 10 July (published as the hearings service publishes it): deadlines after 10 June no longer comply.
        await PublishHearingMovedAsync(hosts.Hearings.Services, MovedHearing);

        var recorded = await probe.WaitFor<HearingDateConflictRecorded>(e => e.ListId is "p12-stranded" or "p12-recirculated", count: 2);
        Assert.All(recorded, e => Assert.Equal(new CalendarDate { Year = 2013, Month = 6, Day = 10 }, e.LatestAllowedDeadline));
        Assert.DoesNotContain(probe.Seen<HearingDateConflictRecorded>(), s => s.Event.ListId == "p12-unaffected");
        recirculated = await Eventually.Until(() => GetAsync("p12-recirculated"), l => l.HearingDateConflicts.Count == 1, what: "the conflict on the list");
        Assert.Null(recirculated.HearingDateConflicts[0].ResolvedAt);

        // Only the PGA office circulates again, and only with a deadline the hearing in force allows.
        await Refused(() => RecirculateAsync(recirculated, new DateTimeOffset(2013, 6, 10, 16, 0, 0, TimeSpan.Zero), Stakeholder("ngo-recirc-1")), StatusCode.PermissionDenied);
        await Refused(() => RecirculateAsync(recirculated, new DateTimeOffset(2013, 6, 10, 16, 0, 0, TimeSpan.Zero), State("FRA")), StatusCode.PermissionDenied);
        await RefusedUnder(() => RecirculateAsync(recirculated, recirculated.ObjectionDeadline.ToDateTimeOffset()), "DEADLINE_TOO_CLOSE_TO_HEARING", "12");

        // The end of 10 June in New York is the last moment the new hearing day allows.
        var newDeadline = new DateTimeOffset(2013, 6, 10, 23, 59, 0, TimeSpan.FromHours(-4));
        var again = (await RecirculateAsync(recirculated, newDeadline)).List;
        Assert.Equal((ListStatus.Circulated, newDeadline), (again.Status, again.ObjectionDeadline.ToDateTimeOffset()));
        Assert.Equal(HearingConflictResolution.Recirculated, again.HearingDateConflicts.Single().Resolution);
        Assert.Equal(recirculated.ObjectionDeadline, again.Recirculations.Single().PreviousDeadline);
        var resolved = Assert.Single(await probe.WaitFor<HearingDateConflictResolved>(e => e.ListId == "p12-recirculated"));
        Assert.Equal((HearingConflictResolution.Recirculated, newDeadline), (resolved.Resolution, resolved.ObjectionDeadline.ToDateTimeOffset()));
        await probe.WaitFor<ListStatusChanged>(e => e.ListId == "p12-recirculated" && e.Status == ListStatus.Circulated && e.PreviousStatus == ListStatus.Circulated
            && e.ObjectionDeadline.ToDateTimeOffset() == newDeadline);

        // Past every deadline: the lists that comply become final, the one in conflict does not.
        Assert.True(hosts.Registry.Clock.TryMoveTo(new DateTimeOffset(2013, 6, 12, 20, 0, 0, TimeSpan.Zero)));
        var final = await Eventually.Until(() => GetAsync("p12-recirculated"), l => l.Status == ListStatus.Final, what: "the list circulated again to become final at its new deadline");
        Assert.Equal(newDeadline, final.FinalisedAt.ToDateTimeOffset());
        await Eventually.Until(() => GetAsync("p12-unaffected"), l => l.Status == ListStatus.Final, what: "the list that complies to become final");
        var finalised = Assert.Single(await probe.WaitFor<ListFinalised>(e => e.ListId == "p12-recirculated"));
        Assert.Equal(["ngo-recirc-2"], finalised.DroppedParticipantIds);

        stranded = await GetAsync("p12-stranded");
        Assert.Equal(ListStatus.Circulated, stranded.Status);
        Assert.Null(stranded.HearingDateConflicts.Single().ResolvedAt);
        Assert.DoesNotContain(probe.Seen<ListFinalised>(), s => s.Event.ListId == "p12-stranded");

        // Its deadline lay after the last day the hearing allows: now past, it is too late to circulate it again for that day.
        await RefusedUnder(() => RecirculateAsync(stranded, new DateTimeOffset(2013, 6, 13, 16, 0, 0, TimeSpan.Zero)), "CIRCULATION_TOO_LATE", "12");

        // The implementation report: para 12 is due at the end of 10 June in New York (the hearing in force less a
        // month), and overdue while the conflict stands, though two lists are final.
        var reporting = new ReportingService.ReportingServiceClient(hosts.Reporting.Channel);
        var para12 = await Eventually.Until(
            async () => (await reporting.GetImplementationReportAsync(new GetImplementationReportRequest { Languages = { "en" } }, TestTokens.Call(Roles.ReportingReader))).Report.Sections.Single(s => s.Paragraph == "12"),
            s => s.Status == ImplementationStatus.Overdue && s.DueAt?.ToDateTimeOffset() == new DateTimeOffset(2013, 6, 11, 4, 0, 0, TimeSpan.Zero),
            what: "para 12 overdue in the implementation report, due a month before the hearing in force");
        Assert.Contains("no longer leaves a month before it: 1", para12.Explanation.Texts["en"], StringComparison.Ordinal);
        Assert.Contains(para12.Evidence, e => e.Topic == Topics.Of<HearingDateConflictRecorded>());
    }
}
