using Grpc.Core;
using Hld.Contracts.Hearings.V1;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using HearingProgramme = Hld.Hearings.Programme.HearingProgramme;
using Model = Hld.Hearings.Programme;
using Participant = Hld.Hearings.Participation.HearingParticipant;
using Roster = Hld.Hearings.Participation.HearingRoster;

namespace Hld.Hearings.Api.Grpc;

/// <summary>The programme of the hearing (para 11): segments, moderators, time limits, speakers, interventions.</summary>
public sealed partial class HearingsGrpcService
{
    private static readonly TimeSpan ShortestLimit = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LongestLimit = TimeSpan.FromMinutes(30);

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<AddSegmentResponse> AddSegment(AddSegmentRequest request, ServerCallContext context)
    {
        var plan = Plan(request.Kind, request.Title, request.Moderators, request.SpeakingTimeLimit);
        var dialogueId = Dialogue(request.DialogueId);
        var hearing = await LoadHearingAsync(dialogueId, context.CancellationToken);
        var now = clock.GetUtcNow();

        var programme = await writer.WriteAsync<HearingProgramme>(
            HearingKeys.Programme(dialogueId), request.Etag, EtagRule.Optional,
            existing => HearingProgramme.AddSegment(existing, dialogueId, plan, hearing?.Value.Date, Dates, now),
            (_, added) => [HearingMapping.SegmentScheduled(dialogueId, added.Segments[^1], added.Segments.Count)],
            context.CancellationToken);
        var segments = programme.Value.Segments;
        return new AddSegmentResponse { Segment = HearingMapping.ToContract(segments[^1], segments.Count), ProgrammeEtag = programme.Etag };
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<UpdateSegmentResponse> UpdateSegment(UpdateSegmentRequest request, ServerCallContext context)
    {
        new FieldChecks()
            .Require(request.SegmentId.Length > 0, "segment_id", "is required")
            .Require(request.Etag.Length > 0, "etag", "is required: pass the programme's etag from the last read")
            .ThrowIfAny();
        var plan = Plan(request.Kind, request.Title, request.Moderators, request.SpeakingTimeLimit);
        var dialogueId = Dialogue(request.DialogueId);
        var hearing = await LoadHearingAsync(dialogueId, context.CancellationToken);
        var now = clock.GetUtcNow();

        var programme = await writer.WriteAsync<HearingProgramme>(
            HearingKeys.Programme(dialogueId), request.Etag, EtagRule.Optional,
            existing => existing is null ? throw NoSegment(request.SegmentId) : existing.UpdateSegment(SegmentNamed(existing, request.SegmentId), plan, hearing?.Value.Date, Dates, now),
            (_, updated) => [SegmentEvent(dialogueId, updated, request.SegmentId)],
            context.CancellationToken);
        return new UpdateSegmentResponse { Segment = SegmentOf(programme.Value, request.SegmentId), ProgrammeEtag = programme.Etag };
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<InscribeSpeakerResponse> InscribeSpeaker(InscribeSpeakerRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks()
            .Require(request.SegmentId.Length > 0, "segment_id", "is required")
            .RequireId(request.ParticipantId, "participant_id")
            .RequireNames([request.SpeakerName], "speaker_name", 1, 1);
        TimeSpan? allotted = request.AllottedTime is null ? null : checks.RequireDuration(request.AllottedTime, "allotted_time", TimeSpan.FromSeconds(1), LongestLimit);
        checks.ThrowIfAny();
        var dialogueId = Dialogue(request.DialogueId);
        var (hearingDate, participant) = await AttendanceAsync(dialogueId, request.ParticipantId, context.CancellationToken);
        var now = clock.GetUtcNow();

        var programme = await writer.WriteAsync<HearingProgramme>(
            HearingKeys.Programme(dialogueId), request.Etag, EtagRule.Optional,
            existing => existing is null
                ? throw NoSegment(request.SegmentId)
                : existing.Inscribe(SegmentNamed(existing, request.SegmentId), request.ParticipantId, participant, request.SpeakerName, allotted, hearingDate, Dates, now),
            (_, _) => [],
            context.CancellationToken);
        return new InscribeSpeakerResponse { Segment = SegmentOf(programme.Value, request.SegmentId), ProgrammeEtag = programme.Etag };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<GetProgrammeResponse> GetProgramme(GetProgrammeRequest request, ServerCallContext context)
    {
        var dialogueId = Dialogue(request.DialogueId);
        var programme = await repository.LoadAsync<HearingProgramme>(HearingKeys.Programme(dialogueId), context.CancellationToken);
        return new GetProgrammeResponse { Programme = HearingMapping.ToContract(dialogueId, programme) };
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<RecordInterventionResponse> RecordIntervention(RecordInterventionRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks()
            .Require(request.SegmentId.Length > 0, "segment_id", "is required")
            .RequireId(request.ParticipantId, "participant_id")
            .RequireNames([request.SpeakerName], "speaker_name", 1, 1);
        var duration = checks.RequireDuration(request.Duration, "duration", TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        checks.ThrowIfAny();
        var dialogueId = Dialogue(request.DialogueId);
        var (hearingDate, participant) = await AttendanceAsync(dialogueId, request.ParticipantId, context.CancellationToken);
        var now = clock.GetUtcNow();

        var programme = await writer.WriteAsync<HearingProgramme>(
            HearingKeys.Programme(dialogueId), request.Etag, EtagRule.Optional,
            existing => existing is null
                ? throw NoSegment(request.SegmentId)
                : existing.RecordIntervention(SegmentNamed(existing, request.SegmentId), request.ParticipantId, participant, request.SpeakerName, duration, hearingDate, Dates, now),
            (_, recorded) => [HearingMapping.Made(dialogueId, recorded.Interventions[^1])],
            context.CancellationToken);
        return new RecordInterventionResponse { Intervention = HearingMapping.ToContract(programme.Value.Interventions[^1]), ProgrammeEtag = programme.Etag };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<ListInterventionsResponse> ListInterventions(ListInterventionsRequest request, ServerCallContext context)
    {
        var dialogueId = Dialogue(request.DialogueId);
        var programme = await repository.LoadAsync<HearingProgramme>(HearingKeys.Programme(dialogueId), context.CancellationToken);
        var matching = (programme?.Value.Interventions ?? [])
            .Where(i => request.SegmentId.Length == 0 || string.Equals(i.SegmentId, request.SegmentId, StringComparison.Ordinal))
            .ToList();

        var (page, next) = Paging.Page(matching, request.PageSize, request.PageToken, $"interventions/{request.SegmentId}");
        return new ListInterventionsResponse
        {
            Interventions = { page.Select(HearingMapping.ToContract) },
            NextPageToken = next,
            TotalSize = matching.Count,
        };
    }

    private static Model.SegmentPlan Plan(SegmentKind kind, Contracts.Common.V1.LocalizedText? title, IReadOnlyCollection<string> moderators, Google.Protobuf.WellKnownTypes.Duration? limit)
    {
        var checks = new FieldChecks()
            .RequireDefined(kind, "kind")
            .RequireTexts(title, "title", 300)
            .RequireNames(moderators, "moderators", kind == SegmentKind.Panel ? 1 : 0, 5);
        var speakingTimeLimit = checks.RequireDuration(limit, "speaking_time_limit", ShortestLimit, LongestLimit);
        checks.ThrowIfAny();
        return new Model.SegmentPlan((Model.SegmentKind)kind, title!.Texts, [.. moderators], speakingTimeLimit);
    }

    /// <summary>
    /// The hearing's day and the participant, read from their own aggregates. Admissions are never
    /// withdrawn, so an admission read here cannot have become false by the time the write commits.
    /// </summary>
    private async Task<(DateOnly? HearingDate, Participant? Participant)> AttendanceAsync(string dialogueId, string participantId, CancellationToken cancellationToken)
    {
        var hearing = await LoadHearingAsync(dialogueId, cancellationToken);
        var roster = await repository.LoadAsync<Roster>(HearingKeys.Roster(dialogueId), cancellationToken);
        return (hearing?.Value.Date, roster?.Value.Find(participantId));
    }

    private static Model.Segment SegmentNamed(HearingProgramme programme, string segmentId) =>
        programme.FindSegment(segmentId) ?? throw NoSegment(segmentId);

    private static NotFoundException NoSegment(string segmentId) => new($"The programme has no segment '{segmentId}'.", Segment.Descriptor.FullName, segmentId);

    private static Segment SegmentOf(HearingProgramme programme, string segmentId)
    {
        var index = programme.Segments.FindIndex(s => string.Equals(s.SegmentId, segmentId, StringComparison.Ordinal));
        return HearingMapping.ToContract(programme.Segments[index], index + 1);
    }

    private static Contracts.Events.V1.HearingSegmentScheduled SegmentEvent(string dialogueId, HearingProgramme programme, string segmentId)
    {
        var index = programme.Segments.FindIndex(s => string.Equals(s.SegmentId, segmentId, StringComparison.Ordinal));
        return HearingMapping.SegmentScheduled(dialogueId, programme.Segments[index], index + 1);
    }
}
