using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Hearings.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;
using static Hld.Functional.Tests.HearingsTestSupport;
using RegistryApi = Hld.Contracts.Registry.V1;

namespace Hld.Functional.Tests;

/// <summary>
/// The hearing over gRPC before its day (paras 9, 11, 12, 13): who may do what, bad input, etags,
/// request ids, paging, and the rules that refuse with their paragraph. The hosts' clocks stay at
/// 1 June 2013 in this class.
/// </summary>
public sealed class HearingsAccessTests(HldHosts hosts) : IClassFixture<HldHosts>, IAsyncLifetime
{
    private HearingsService.HearingsServiceClient Hearings => new(hosts.Hearings.Channel);

    public async Task InitializeAsync()
    {
        await PublishRegistryEventAsync(hosts.Registry.Services,
            FinalList("access-para9", ListKind.EcosocNgos, Entry("ngo-a", ParticipantCategory.EcosocNgo), Entry("ngo-b", ParticipantCategory.EcosocNgo)),
            "access-para9");
        await PublishRegistryEventAsync(hosts.Registry.Services,
            FinalList("access-para12", ListKind.OtherStakeholders,
                Entry("cso-a", ParticipantCategory.CivilSocietyOrganization, RegionalGroup.LatinAmericanAndCaribbeanStates),
                Entry("uni-a", ParticipantCategory.AcademicInstitution, RegionalGroup.EasternEuropeanStates),
                Entry("uni-z", ParticipantCategory.AcademicInstitution, RegionalGroup.WesternEuropeanAndOtherStates),
                Entry("biz-a", ParticipantCategory.PrivateSectorEntity, RegionalGroup.AsiaPacificStates)),
            "access-para12");
        await EligibleAsync(Hearings, "biz-a");
        await EligibleAsync(Hearings, "ngo-b");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Only_the_PGA_office_schedules_moves_publishes_and_selects()
    {
        foreach (var role in new[] { Roles.Secretariat, Roles.MemberState, Roles.Stakeholder, Roles.ReportingReader, Roles.Operator })
        {
            var call = As(role, "ngo-a");
            await FailsWithAsync(StatusCode.PermissionDenied, () => Hearings.ScheduleHearingAsync(new ScheduleHearingRequest { Date = HearingDay, Chair = Chair }, call).ResponseAsync);
            await FailsWithAsync(StatusCode.PermissionDenied, () => Hearings.RescheduleHearingAsync(new RescheduleHearingRequest { Date = Day(7, 20), Etag = "1" }, call).ResponseAsync);
            await FailsWithAsync(StatusCode.PermissionDenied, () => Hearings.PublishSummaryAsync(new PublishSummaryRequest { Etag = "1" }, call).ResponseAsync);
            await FailsWithAsync(StatusCode.PermissionDenied, () => Hearings.DraftSummaryAsync(new DraftSummaryRequest { Text = Bilingual("x") }, call).ResponseAsync);
            await FailsWithAsync(StatusCode.PermissionDenied, () => Hearings.RecordConsultationAsync(new RecordConsultationRequest { Groups = { HearingGroup.EcosocNgo }, MemberStates = { "FRA" }, Note = "x" }, call).ResponseAsync);
            await FailsWithAsync(StatusCode.PermissionDenied, () => Hearings.SelectRepresentativeAsync(new SelectRepresentativeRequest { Group = HearingGroup.EcosocNgo, ParticipantId = "ngo-a", RepresentativeName = "A" }, call).ResponseAsync);
            await FailsWithAsync(StatusCode.PermissionDenied, () => Hearings.AddSegmentAsync(new AddSegmentRequest(), call).ResponseAsync);
        }

        await FailsWithAsync(StatusCode.Unauthenticated, () => Hearings.GetHearingAsync(new GetHearingRequest()).ResponseAsync);
    }

    [Fact]
    public async Task Scheduling_records_the_day_and_the_chair_and_publishes_HearingScheduled_para11()
    {
        var hearing = await EnsureScheduledAsync(Hearings);

        Assert.Equal(Chair, hearing.Chair);
        Assert.NotEmpty(hearing.Etag);
        Assert.Equal(At(9, 30, 23).AddMinutes(59).AddSeconds(59).AddTicks(9_999_999), hearing.SummaryDueBy.ToDateTimeOffset());
        var published = await Eventually.Until(
            () => PublishedAsync<HearingScheduled>(hosts.Hearings.Services), e => e.Count >= 1, what: "HearingScheduled");
        Assert.Equal((Chair, "hld-2013"), (published[0].Chair, published[0].DialogueId));
        Assert.Equal(HearingDay, published[0].Date);
    }

    [Fact]
    public async Task A_second_hearing_is_refused_naming_para_11()
    {
        var first = await EnsureScheduledAsync(Hearings);

        await RefusedAsync(() => Hearings.ScheduleHearingAsync(new ScheduleHearingRequest { Date = Day(8, 1), Chair = Chair }, Pga).ResponseAsync, "HEARING_ALREADY_SCHEDULED", "11");
        Assert.Equal(first.Etag, (await ReadHearingAsync(Hearings)).Etag);
    }

    [Fact]
    public async Task A_move_out_of_2013_is_refused_naming_para_11_and_changes_nothing()
    {
        var hearing = await EnsureScheduledAsync(Hearings);

        await RefusedAsync(() => Hearings.RescheduleHearingAsync(new RescheduleHearingRequest { Date = new CalendarDate { Year = 2014, Month = 1, Day = 15 }, Etag = hearing.Etag }, Pga).ResponseAsync, "HEARING_OUTSIDE_YEAR", "11");
        Assert.Equal(hearing.Date, (await ReadHearingAsync(Hearings)).Date);
    }

    [Fact]
    public async Task Bad_dates_and_a_missing_chair_are_invalid_argument_with_each_field_named()
    {
        var before = await ReadHearingAsync(Hearings);

        var fields = await InvalidFieldsAsync(() => Hearings.ScheduleHearingAsync(new ScheduleHearingRequest { Date = new CalendarDate { Year = 2013, Month = 2, Day = 30 } }, Pga).ResponseAsync);
        Assert.Equal(["date", "chair"], fields);
        var moveFields = await InvalidFieldsAsync(() => Hearings.RescheduleHearingAsync(new RescheduleHearingRequest(), Pga).ResponseAsync);
        Assert.Equal(["date", "etag"], moveFields);
        Assert.Equal(before.Etag, (await ReadHearingAsync(Hearings)).Etag);
    }

    [Fact]
    public async Task A_move_with_a_stale_etag_is_aborted_and_a_fresh_one_moves_the_hearing_para11()
    {
        var hearing = await EnsureScheduledAsync(Hearings);
        var target = hearing.Date.Day == 22 ? Day(7, 23) : Day(7, 22);

        var moved = (await Hearings.RescheduleHearingAsync(new RescheduleHearingRequest { Date = target, Etag = hearing.Etag, RequestId = "move-1" }, Pga)).Hearing;
        var repeated = (await Hearings.RescheduleHearingAsync(new RescheduleHearingRequest { Date = target, Etag = hearing.Etag, RequestId = "move-1" }, Pga)).Hearing;

        Assert.Equal(target, moved.Date);
        Assert.Equal(hearing.Date, moved.PreviousDates[^1]);
        Assert.Equal(moved, repeated);
        await FailsWithAsync(StatusCode.Aborted, () => Hearings.RescheduleHearingAsync(new RescheduleHearingRequest { Date = HearingDay, Etag = hearing.Etag }, Pga).ResponseAsync);
        await FailsWithAsync(StatusCode.InvalidArgument, () => Hearings.RescheduleHearingAsync(new RescheduleHearingRequest { Date = HearingDay, Etag = "not-an-etag" }, Pga).ResponseAsync);
        var back = (await Hearings.RescheduleHearingAsync(new RescheduleHearingRequest { Date = HearingDay, Etag = moved.Etag }, Pga)).Hearing;
        Assert.Equal(HearingDay, back.Date);
    }

    [Fact]
    public async Task A_move_that_would_put_a_circulated_para_12_deadline_under_one_month_is_refused_naming_para_12()
    {
        var hearing = await EnsureScheduledAsync(Hearings);
        await PublishRegistryEventAsync(hosts.Registry.Services, new ListStatusChanged
        {
            ListId = "access-para12-circulated",
            Kind = ListKind.OtherStakeholders,
            Status = ListStatus.Circulated,
            PreviousStatus = ListStatus.Draft,
            ObjectionDeadline = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2013, 6, 14, 18, 0, 0, NewYork)),
            EntryCount = 3,
        }, "access-para12-circulated");
        var known = await Eventually.Until(() => ReadHearingAsync(Hearings), h => Day(7, 14).Equals(h.EarliestDateUnderPara12), what: "the circulated list's deadline to reach the hearing");

        var info = await RefusedAsync(() => Hearings.RescheduleHearingAsync(new RescheduleHearingRequest { Date = Day(7, 10), Etag = known.Etag }, Pga).ResponseAsync, "PARA12_DEADLINE_TOO_CLOSE", "12");
        Assert.Equal(hearing.Date, (await ReadHearingAsync(Hearings)).Date);
        Assert.Equal("PARA12_DEADLINE_TOO_CLOSE", info.Reason);
        var allowed = (await Hearings.RescheduleHearingAsync(new RescheduleHearingRequest { Date = Day(7, 14), Etag = known.Etag }, Pga)).Hearing;
        Assert.Equal(Day(7, 14), allowed.Date);
        await Hearings.RescheduleHearingAsync(new RescheduleHearingRequest { Date = HearingDay, Etag = allowed.Etag }, Pga);
    }

    [Fact]
    public async Task An_organisation_registers_only_itself_with_the_same_answer_whether_or_not_the_other_exists()
    {
        var asNgo = As(Roles.Stakeholder, "ngo-a");

        var other = await FailsWithAsync(StatusCode.PermissionDenied, () => Hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = "ngo-b", Representatives = { "Someone" } }, asNgo).ResponseAsync);
        var missing = await FailsWithAsync(StatusCode.PermissionDenied, () => Hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = "nobody-at-all", Representatives = { "Someone" } }, asNgo).ResponseAsync);
        Assert.Equal(other.Status.Detail, missing.Status.Detail);
        var readOther = await FailsWithAsync(StatusCode.PermissionDenied, () => Hearings.GetHearingParticipantAsync(new GetHearingParticipantRequest { ParticipantId = "ngo-b" }, asNgo).ResponseAsync);
        Assert.Equal(other.Status.Detail, readOther.Status.Detail);

        var admitted = (await Hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = "ngo-a", Representatives = { "Amina Diallo" } }, asNgo)).Participant;
        Assert.Equal((HearingGroup.EcosocNgo, ListKind.EcosocNgos), (admitted.Group, admitted.AdmittedFrom));
        Assert.Equal("ngo-a", (await Hearings.GetHearingParticipantAsync(new GetHearingParticipantRequest { ParticipantId = "ngo-a" }, asNgo)).Participant.ParticipantId);
        var events = await PublishedAsync<ParticipantAdmitted>(hosts.Hearings.Services);
        Assert.Contains(events, e => e.ParticipantId == "ngo-a" && e.Participant.Group == HearingGroup.EcosocNgo && e.Participant.AdmittedFrom == ListKind.EcosocNgos && e.RepresentativeCount == 1);
    }

    [Fact]
    public async Task An_organisation_on_no_final_list_is_refused_naming_para_11_even_when_registered()
    {
        var registry = new RegistryApi.RegistryService.RegistryServiceClient(hosts.Registry.Channel);
        await registry.RegisterParticipantAsync(new RegistryApi.RegisterParticipantRequest
        {
            Participant = new RegistryApi.Participant
            {
                ParticipantId = "ngo-not-listed",
                Category = ParticipantCategory.EcosocNgo,
                Name = new LocalizedText { Texts = { ["en"] = "Not listed" } },
                CountryCode = "BRA",
                RegionalGroup = RegionalGroup.LatinAmericanAndCaribbeanStates,
                EcosocStatus = EcosocStatus.Roster,
            },
        }, As(Roles.Secretariat));
        await Eventually.Until(() => ReadHearingAsync(Hearings), h => h.KnownOrganizations >= 1, what: "the hearing to learn of the registration");

        await RefusedAsync(() => Hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = "ngo-not-listed", Representatives = { "X" } }, As(Roles.Stakeholder, "ngo-not-listed")).ResponseAsync, "NOT_ON_FINAL_LIST", "11");
        Assert.False((await Hearings.GetEligibilityAsync(new GetEligibilityRequest { ParticipantId = "ngo-not-listed" }, As(Roles.Stakeholder, "ngo-not-listed"))).Eligible);
        await FailsWithAsync(StatusCode.NotFound, () => Hearings.GetHearingParticipantAsync(new GetHearingParticipantRequest { ParticipantId = "ngo-not-listed" }, Pga).ResponseAsync);
    }

    [Fact]
    public async Task Eligibility_counts_only_the_final_para_9_and_para_12_lists_para11()
    {
        var hearing = await ReadHearingAsync(Hearings);
        var cso = await Hearings.GetEligibilityAsync(new GetEligibilityRequest { ParticipantId = "CSO-A" }, As(Roles.Secretariat));

        Assert.Equal(6, hearing.EligibleOrganizations);
        Assert.Equal((true, ListKind.OtherStakeholders, HearingGroup.CivilSociety, RegionalGroup.LatinAmericanAndCaribbeanStates), (cso.Eligible, cso.ListKind, cso.Group, cso.RegionalGroup));
        Assert.Equal("Organisation cso-a", cso.Name.Texts["en"]);
    }

    [Fact]
    public async Task Bad_registration_fields_are_invalid_argument_and_nothing_is_stored()
    {
        var fields = await InvalidFieldsAsync(() => Hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = "x", Representatives = { "A", "a" } }, Pga).ResponseAsync);

        Assert.Equal(["participant_id", "representatives"], fields);
        Assert.Equal(["representatives"], await InvalidFieldsAsync(() => Hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = "uni-z" }, Pga).ResponseAsync));
        await FailsWithAsync(StatusCode.NotFound, () => Hearings.GetHearingParticipantAsync(new GetHearingParticipantRequest { ParticipantId = "uni-z" }, Pga).ResponseAsync);
    }

    [Fact]
    public async Task A_repeated_request_id_returns_the_first_registration_and_admits_once()
    {
        var call = As(Roles.Stakeholder, "biz-a");
        var first = await Hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = "biz-a", Representatives = { "Kenji Sato" }, RequestId = "biz-a-1" }, call);
        var repeat = await Hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = "biz-a", Representatives = { "Kenji Sato" }, RequestId = "biz-a-1" }, call);

        Assert.Equal(first, repeat);
        await RefusedAsync(() => Hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = "biz-a", Representatives = { "Kenji Sato" } }, call).ResponseAsync, "ALREADY_ADMITTED", "11");
        var reused = await InvalidFieldsAsync(() => Hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = "biz-a", Representatives = { "Other" }, RequestId = "biz-a-1" }, call).ResponseAsync);
        Assert.Equal(["request_id"], reused);
        var admitted = await PublishedAsync<ParticipantAdmitted>(hosts.Hearings.Services);
        Assert.Single(admitted, e => e.ParticipantId == "biz-a");
    }

    [Fact]
    public async Task Participants_are_listed_in_pages_with_tokens_bound_to_their_filter()
    {
        foreach (var id in new[] { "cso-a", "uni-a", "ngo-b" })
        {
            await Hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = id, Representatives = { $"Delegate of {id}" }, RequestId = $"list-{id}" }, Pga);
        }

        var first = await Hearings.ListHearingParticipantsAsync(new ListHearingParticipantsRequest { Group = HearingGroup.CivilSociety, PageSize = 1 }, As(Roles.ReportingReader));
        var second = await Hearings.ListHearingParticipantsAsync(new ListHearingParticipantsRequest { Group = HearingGroup.CivilSociety, PageSize = 1, PageToken = first.NextPageToken }, As(Roles.ReportingReader));

        Assert.Equal(2, first.TotalSize);
        Assert.Equal(["cso-a", "uni-a"], first.Participants.Concat(second.Participants).Select(p => p.ParticipantId));
        Assert.Empty(second.NextPageToken);
        Assert.Equal(["page_token"], await InvalidFieldsAsync(() => Hearings.ListHearingParticipantsAsync(new ListHearingParticipantsRequest { PageToken = first.NextPageToken }, Pga).ResponseAsync));
        await FailsWithAsync(StatusCode.PermissionDenied, () => Hearings.ListHearingParticipantsAsync(new ListHearingParticipantsRequest(), As(Roles.Stakeholder, "cso-a")).ResponseAsync);
    }

    [Fact]
    public async Task The_programme_takes_segments_moderators_time_limits_and_speakers_lists_para11()
    {
        await Hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = "ngo-b", Representatives = { "Delegate of ngo-b" }, RequestId = "list-ngo-b" }, Pga);
        Assert.Contains("moderators", await InvalidFieldsAsync(() => Hearings.AddSegmentAsync(new AddSegmentRequest
        {
            Kind = SegmentKind.Panel,
            Title = Bilingual("Panel without moderator"),
            SpeakingTimeLimit = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(3)),
        }, Pga).ResponseAsync));

        var added = await Hearings.AddSegmentAsync(new AddSegmentRequest
        {
            Kind = SegmentKind.Panel,
            Title = Bilingual("Migration and development"),
            Moderators = { "Moderator One" },
            SpeakingTimeLimit = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(3)),
        }, Pga);
        var inscribed = await Hearings.InscribeSpeakerAsync(new InscribeSpeakerRequest { SegmentId = added.Segment.SegmentId, ParticipantId = "ngo-b", SpeakerName = "Delegate of ngo-b" }, Pga);

        Assert.Equal(TimeSpan.FromMinutes(3), inscribed.Segment.Speakers.Single().AllottedTime.ToTimeSpan());
        await RefusedAsync(() => Hearings.InscribeSpeakerAsync(new InscribeSpeakerRequest
        {
            SegmentId = added.Segment.SegmentId, ParticipantId = "ngo-b", SpeakerName = "Delegate of ngo-b",
            AllottedTime = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(5)),
        }, Pga).ResponseAsync, "SPEAKING_TIME_OVER_LIMIT", "11");
        await RefusedAsync(() => Hearings.InscribeSpeakerAsync(new InscribeSpeakerRequest { SegmentId = added.Segment.SegmentId, ParticipantId = "uni-b", SpeakerName = "Nobody" }, Pga).ResponseAsync, "NOT_A_HEARING_PARTICIPANT", "11");
        await FailsWithAsync(StatusCode.NotFound, () => Hearings.InscribeSpeakerAsync(new InscribeSpeakerRequest { SegmentId = "s999", ParticipantId = "ngo-b", SpeakerName = "Delegate of ngo-b" }, Pga).ResponseAsync);
        await FailsWithAsync(StatusCode.Aborted, () => Hearings.UpdateSegmentAsync(new UpdateSegmentRequest
        {
            SegmentId = added.Segment.SegmentId, Kind = SegmentKind.Panel, Title = Bilingual("Renamed"), Moderators = { "M" },
            SpeakingTimeLimit = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(4)), Etag = added.ProgrammeEtag,
        }, Pga).ResponseAsync);
        await RefusedAsync(() => Hearings.UpdateSegmentAsync(new UpdateSegmentRequest
        {
            SegmentId = added.Segment.SegmentId, Kind = SegmentKind.Panel, Title = Bilingual("Shorter"), Moderators = { "M" },
            SpeakingTimeLimit = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(1)), Etag = inscribed.ProgrammeEtag,
        }, Pga).ResponseAsync, "INSCRIBED_TIME_OVER_LIMIT", "11");
        var programme = (await Hearings.GetProgrammeAsync(new GetProgrammeRequest(), As(Roles.Stakeholder, "ngo-a"))).Programme;
        Assert.Equal(inscribed.ProgrammeEtag, programme.Etag);
        Assert.Contains(programme.Segments, s => s.SegmentId == added.Segment.SegmentId && s.Moderators.SequenceEqual(["Moderator One"]));
        Assert.Contains(await PublishedAsync<HearingSegmentScheduled>(hosts.Hearings.Services), e => e.SegmentId == added.Segment.SegmentId && e.Segment.Kind == SegmentKind.Panel);
    }

    [Fact]
    public async Task Before_the_hearing_interventions_selection_and_publication_are_refused_with_their_paragraph()
    {
        await EnsureScheduledAsync(Hearings);
        await Hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = "cso-a", Representatives = { "Delegate of cso-a" }, RequestId = "list-cso-a" }, Pga);
        var segment = await Hearings.AddSegmentAsync(new AddSegmentRequest
        {
            Kind = SegmentKind.InteractiveDiscussion, Title = Bilingual("Discussion"),
            SpeakingTimeLimit = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(3)),
        }, Pga);
        await Hearings.RecordConsultationAsync(new RecordConsultationRequest { Groups = { HearingGroup.CivilSociety }, RegionalGroups = { RegionalGroup.AfricanStates }, Note = "Early consultation" }, Pga);

        await RefusedAsync(() => Hearings.RecordInterventionAsync(new RecordInterventionRequest
        {
            SegmentId = segment.Segment.SegmentId, ParticipantId = "cso-a", SpeakerName = "Delegate of cso-a",
            Duration = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(2)),
        }, Pga).ResponseAsync, "NOT_HEARING_DAY", "11");
        await RefusedAsync(() => Hearings.SelectRepresentativeAsync(new SelectRepresentativeRequest { Group = HearingGroup.CivilSociety, ParticipantId = "cso-a", RepresentativeName = "Delegate of cso-a" }, Pga).ResponseAsync, "NOT_HEARING_DAY", "13");
        var etag = (await Hearings.GetSummaryAsync(new GetSummaryRequest(), Pga)).Summary.Etag;
        var draft = (await Hearings.DraftSummaryAsync(new DraftSummaryRequest { Text = Bilingual("Premature summary"), Etag = etag }, Pga)).Summary;
        await RefusedAsync(() => Hearings.PublishSummaryAsync(new PublishSummaryRequest { Etag = draft.Etag }, Pga).ResponseAsync, "HEARING_NOT_HELD", "11");
        Assert.Null((await Hearings.GetSummaryAsync(new GetSummaryRequest(), As(Roles.ReportingReader))).Summary.Published);
    }

    [Fact]
    public async Task The_summary_is_bilingual_versions_are_kept_and_drafts_stay_with_the_PGA_office_para11()
    {
        Assert.Equal(["text"], await InvalidFieldsAsync(() => Hearings.DraftSummaryAsync(new DraftSummaryRequest { Text = new LocalizedText { Texts = { ["en"] = "English only" } } }, Pga).ResponseAsync));

        var current = (await Hearings.GetSummaryAsync(new GetSummaryRequest(), Pga)).Summary;
        var drafted = current.Etag.Length == 0
            ? (await Hearings.DraftSummaryAsync(new DraftSummaryRequest { Text = Bilingual("First draft") }, Pga)).Summary
            : current;
        Assert.Equal(["etag"], await InvalidFieldsAsync(() => Hearings.DraftSummaryAsync(new DraftSummaryRequest { Text = Bilingual("Without etag") }, Pga).ResponseAsync));
        var redrafted = (await Hearings.DraftSummaryAsync(new DraftSummaryRequest { Text = Bilingual("Second draft"), Etag = drafted.Etag }, Pga)).Summary;
        await FailsWithAsync(StatusCode.Aborted, () => Hearings.DraftSummaryAsync(new DraftSummaryRequest { Text = Bilingual("Stale"), Etag = drafted.Etag }, Pga).ResponseAsync);

        Assert.Equal("Second draft", redrafted.Draft.Text.Texts["en"]);
        var versions = await Hearings.ListSummaryVersionsAsync(new ListSummaryVersionsRequest(), Pga);
        Assert.True(versions.TotalSize >= 2);
        Assert.Contains(versions.Versions, v => v.Status == SummaryVersionStatus.Superseded);
        var asReader = await Hearings.GetSummaryAsync(new GetSummaryRequest(), As(Roles.ReportingReader));
        Assert.Null(asReader.Summary.Draft);
        Assert.Equal(0, (await Hearings.ListSummaryVersionsAsync(new ListSummaryVersionsRequest(), As(Roles.Secretariat))).TotalSize);
        Assert.Contains(await PublishedAsync<SummaryDrafted>(hosts.Hearings.Services), e => e.Languages.SequenceEqual(["en", "zh"]));
    }

    [Fact]
    public async Task Another_dialogue_is_not_found_here()
    {
        await FailsWithAsync(StatusCode.NotFound, () => Hearings.GetHearingAsync(new GetHearingRequest { DialogueId = "hld-2006" }, Pga).ResponseAsync);
        await FailsWithAsync(StatusCode.NotFound, () => Hearings.ScheduleHearingAsync(new ScheduleHearingRequest { DialogueId = "hld-2006", Date = HearingDay, Chair = Chair }, Pga).ResponseAsync);
    }

    private static LocalizedText Bilingual(string english) => new() { Texts = { ["en"] = english, ["zh"] = $"中文：{english}" } };
}
