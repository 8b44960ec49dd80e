using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Hearings.V1;
using Hld.Testing;
using Xunit;
using static Hld.Functional.Tests.HearingsTestSupport;

namespace Hld.Functional.Tests;

/// <summary>
/// The hearing day, 15 July 2013 (paras 11 and 13): interventions and the selection of one
/// representative per group. Every test brings the hearings host's clock to the afternoon of the
/// hearing and never further, so the tests of this class hold in any order.
/// </summary>
public sealed class HearingsDayTests(HldHosts hosts) : IClassFixture<HldHosts>, IAsyncLifetime
{
    private static readonly DateTimeOffset HearingAfternoon = new(2013, 7, 15, 15, 0, 0, NewYork);

    private HearingsService.HearingsServiceClient Hearings => new(hosts.Hearings.Channel);

    public async Task InitializeAsync()
    {
        await PublishRegistryEventAsync(hosts.Registry.Services,
            FinalList("day-para9", ListKind.EcosocNgos, Entry("ngo-day", ParticipantCategory.EcosocNgo), Entry("ngo-absent", ParticipantCategory.EcosocNgo)),
            "day-para9");
        await PublishRegistryEventAsync(hosts.Registry.Services,
            FinalList("day-para12", ListKind.OtherStakeholders,
                Entry("cso-day", ParticipantCategory.CivilSocietyOrganization, RegionalGroup.LatinAmericanAndCaribbeanStates),
                Entry("biz-day", ParticipantCategory.PrivateSectorEntity, RegionalGroup.AsiaPacificStates)),
            "day-para12");
        await EligibleAsync(Hearings, "biz-day");
        await EligibleAsync(Hearings, "ngo-day");

        if (hosts.Hearings.Clock.GetUtcNow() < HearingAfternoon)
        {
            // Before the day: schedule, and let the organisations register, then move to the hearing.
            await EnsureScheduledAsync(Hearings);
            foreach (var (id, person) in new[] { ("ngo-day", "Amina Diallo"), ("cso-day", "Ana Ruiz"), ("biz-day", "Kenji Sato") })
            {
                await Hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = id, Representatives = { person }, RequestId = $"day-{id}" }, As(Platform.Security.Roles.Stakeholder, id));
            }

            Assert.True(hosts.Hearings.Clock.TryMoveTo(HearingAfternoon));
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_selection_on_the_hearing_day_after_consultation_publishes_RepresentativeSelected_para13()
    {
        var consultation = (await Hearings.RecordConsultationAsync(new RecordConsultationRequest
        {
            Groups = { HearingGroup.EcosocNgo },
            RegionalGroups = { RegionalGroup.AfricanStates, RegionalGroup.WesternEuropeanAndOtherStates },
            MemberStates = { "MEX", "PHL" },
            Note = "Chairs of the regional groups consulted during the lunch break.",
            RequestId = "consult-ngo",
        }, Pga)).Consultation;

        var selected = await Hearings.SelectRepresentativeAsync(new SelectRepresentativeRequest
        {
            Group = HearingGroup.EcosocNgo, ParticipantId = "ngo-day", RepresentativeName = "Amina Diallo", RequestId = "select-ngo",
        }, Pga);

        Assert.Equal((consultation.ConsultationId, "ngo-day"), (selected.Selection.ConsultationId, selected.Selection.ParticipantId));
        Assert.Contains(await PublishedAsync<ConsultationRecorded>(hosts.Hearings.Services), e => e.ConsultationId == consultation.ConsultationId && e.MemberStates.SequenceEqual(["MEX", "PHL"]));
        // The sessions service turns the event into the last place of the plenary speakers list (para 13).
        var sessions = new Hld.Contracts.Sessions.V1.SessionsService.SessionsServiceClient(hosts.Sessions.Channel);
        var list = await Eventually.Until(
            () => sessions.GetSpeakersListAsync(new Hld.Contracts.Sessions.V1.GetSpeakersListRequest { MeetingNumber = 4 }, Pga).ResponseAsync,
            l => l.Positions.Any(p => p.ParticipantId == "ngo-day"),
            what: "the selected representative to reach the sessions speakers list");
        var place = list.Positions.Single(p => p.ParticipantId == "ngo-day");
        Assert.Equal(Hld.Contracts.Sessions.V1.SpeakerRank.HearingRepresentative, place.Rank);
        Assert.All(list.Positions.Where(p => p.Rank != Hld.Contracts.Sessions.V1.SpeakerRank.HearingRepresentative), p => Assert.True(p.Position < place.Position));
        var published = Assert.Single(await PublishedAsync<RepresentativeSelected>(hosts.Hearings.Services), e => e.Group == HearingGroup.EcosocNgo);
        Assert.Equal(("hld-2013", "ngo-day", "Amina Diallo", RegionalGroup.AfricanStates), (published.DialogueId, published.ParticipantId, published.RepresentativeName, published.RegionalGroup));
        Assert.Equal("Organisation ngo-day", published.OrganizationName.Texts["en"]);
        Assert.Equal(HearingAfternoon, published.SelectedAt.ToDateTimeOffset());
        Assert.Contains((await ReadHearingAsync(Hearings)).Selections, s => s.Group == HearingGroup.EcosocNgo && s.ParticipantId == "ngo-day");
    }

    [Fact]
    public async Task A_second_selection_for_a_group_is_refused_naming_para_13_and_publishes_nothing()
    {
        await Hearings.RecordConsultationAsync(new RecordConsultationRequest { Groups = { HearingGroup.PrivateSector }, MemberStates = { "JPN" }, Note = "Consulted.", RequestId = "consult-biz" }, Pga);
        await Hearings.SelectRepresentativeAsync(new SelectRepresentativeRequest { Group = HearingGroup.PrivateSector, ParticipantId = "biz-day", RepresentativeName = "Kenji Sato", RequestId = "select-biz" }, Pga);

        await RefusedAsync(() => Hearings.SelectRepresentativeAsync(new SelectRepresentativeRequest { Group = HearingGroup.PrivateSector, ParticipantId = "biz-day", RepresentativeName = "Kenji Sato" }, Pga).ResponseAsync, "GROUP_ALREADY_SELECTED", "13");
        Assert.Single(await PublishedAsync<RepresentativeSelected>(hosts.Hearings.Services), e => e.Group == HearingGroup.PrivateSector);
    }

    // Civil society is the one group no test of this class selects, so every refusal below is reached.
    [Fact]
    public async Task A_representative_who_did_not_take_part_or_was_chosen_without_consultation_is_refused_naming_para_13()
    {
        await RefusedAsync(() => Hearings.SelectRepresentativeAsync(new SelectRepresentativeRequest { Group = HearingGroup.CivilSociety, ParticipantId = "cso-day", RepresentativeName = "Ana Ruiz" }, Pga).ResponseAsync, "CONSULTATION_NOT_RECORDED", "13");
        await Hearings.RecordConsultationAsync(new RecordConsultationRequest { Groups = { HearingGroup.CivilSociety }, RegionalGroups = { RegionalGroup.LatinAmericanAndCaribbeanStates }, Note = "Consulted GRULAC.", RequestId = "consult-cso" }, Pga);

        await RefusedAsync(() => Hearings.SelectRepresentativeAsync(new SelectRepresentativeRequest { Group = HearingGroup.CivilSociety, ParticipantId = "ngo-absent", RepresentativeName = "Someone" }, Pga).ResponseAsync, "NOT_A_HEARING_PARTICIPANT", "13");
        await RefusedAsync(() => Hearings.SelectRepresentativeAsync(new SelectRepresentativeRequest { Group = HearingGroup.CivilSociety, ParticipantId = "cso-day", RepresentativeName = "Not Ana" }, Pga).ResponseAsync, "REPRESENTATIVE_NOT_AT_HEARING", "13");
        await RefusedAsync(() => Hearings.SelectRepresentativeAsync(new SelectRepresentativeRequest { Group = HearingGroup.CivilSociety, ParticipantId = "ngo-day", RepresentativeName = "Amina Diallo" }, Pga).ResponseAsync, "GROUP_MISMATCH", "13");
        Assert.DoesNotContain((await ReadHearingAsync(Hearings)).Selections, s => s.Group == HearingGroup.CivilSociety);
        Assert.DoesNotContain(await PublishedAsync<RepresentativeSelected>(hosts.Hearings.Services), e => e.Group == HearingGroup.CivilSociety);
    }

    [Fact]
    public async Task Selecting_with_a_stale_etag_is_aborted_and_bad_fields_are_invalid_argument()
    {
        var stale = (await ReadHearingAsync(Hearings)).Etag;
        await Hearings.RecordConsultationAsync(new RecordConsultationRequest { Groups = { HearingGroup.EcosocNgo }, MemberStates = { "SEN" }, Note = "Consulted Senegal." }, Pga);

        await FailsWithAsync(Grpc.Core.StatusCode.Aborted, () => Hearings.SelectRepresentativeAsync(new SelectRepresentativeRequest { Group = HearingGroup.CivilSociety, ParticipantId = "cso-day", RepresentativeName = "Ana Ruiz", Etag = stale }, Pga).ResponseAsync);
        Assert.Equal(["group", "participant_id", "representative_name"], await InvalidFieldsAsync(() => Hearings.SelectRepresentativeAsync(new SelectRepresentativeRequest { ParticipantId = "?" }, Pga).ResponseAsync));
        Assert.Equal(["groups", "member_states", "note"], await InvalidFieldsAsync(() => Hearings.RecordConsultationAsync(new RecordConsultationRequest(), Pga).ResponseAsync));
        Assert.DoesNotContain((await ReadHearingAsync(Hearings)).Selections, s => s.Group == HearingGroup.CivilSociety);
    }

    [Fact]
    public async Task Interventions_are_recorded_on_the_hearing_day_with_their_time_and_published_para11()
    {
        var segment = (await Hearings.AddSegmentAsync(new AddSegmentRequest
        {
            Kind = SegmentKind.InteractiveDiscussion,
            Title = new LocalizedText { Texts = { ["en"] = "Interactive discussion", ["zh"] = "互动讨论" } },
            SpeakingTimeLimit = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(3)),
            RequestId = "day-segment",
        }, Pga)).Segment;

        var recorded = await Hearings.RecordInterventionAsync(new RecordInterventionRequest
        {
            SegmentId = segment.SegmentId, ParticipantId = "cso-day", SpeakerName = "Ana Ruiz",
            Duration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(4)),
        }, Pga);

        Assert.True(recorded.Intervention.OverTime);
        Assert.Equal(HearingAfternoon.AddMinutes(-4), recorded.Intervention.StartedAt.ToDateTimeOffset());
        await RefusedAsync(() => Hearings.RecordInterventionAsync(new RecordInterventionRequest
        {
            SegmentId = segment.SegmentId, ParticipantId = "ngo-absent", SpeakerName = "Someone",
            Duration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(1)),
        }, Pga).ResponseAsync, "NOT_A_HEARING_PARTICIPANT", "11");
        var listed = await Hearings.ListInterventionsAsync(new ListInterventionsRequest { SegmentId = segment.SegmentId }, As(Platform.Security.Roles.ReportingReader));
        Assert.Equal(recorded.Intervention, Assert.Single(listed.Interventions));
        var made = await Eventually.Until(() => PublishedAsync<InterventionMade>(hosts.Hearings.Services), e => e.Any(x => x.InterventionId == recorded.Intervention.InterventionId), what: "InterventionMade");
        Assert.Contains(made, e => e.Intervention.Equals(recorded.Intervention) && e.Intervention.ParticipantId == "cso-day" && e.Intervention.Group == HearingGroup.CivilSociety && e.Intervention.OverTime && e.Intervention.Duration.ToTimeSpan() == TimeSpan.FromMinutes(4));
    }
}
