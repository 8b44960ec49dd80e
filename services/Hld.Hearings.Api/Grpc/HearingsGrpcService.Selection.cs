using Grpc.Core;
using Hld.Contracts.Hearings.V1;
using Hld.Hearings.Hearings;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Common = Hld.Contracts.Common.V1;
using HearingState = Hld.Hearings.Hearings.Hearing;
using Roster = Hld.Hearings.Participation.HearingRoster;

namespace Hld.Hearings.Api.Grpc;

/// <summary>Para 13: the consultation with Member States and the selection of one representative per group.</summary>
public sealed partial class HearingsGrpcService
{
    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<RecordConsultationResponse> RecordConsultation(RecordConsultationRequest request, ServerCallContext context)
    {
        new FieldChecks()
            .Require(request.Groups.Count is >= 1 and <= 3, "groups", "must name 1 to 3 groups")
            .Require(request.Groups.All(g => g != Common.HearingGroup.Unspecified && Enum.IsDefined(g)), "groups", "must be defined groups")
            .Require(request.Groups.Distinct().Count() == request.Groups.Count, "groups", "must not repeat a group")
            .Require(request.RegionalGroups.All(g => g != Common.RegionalGroup.Unspecified && Enum.IsDefined(g)), "regional_groups", "must be defined regional groups")
            .Require(request.MemberStates.Count <= 193, "member_states", "must name at most 193 Member States")
            .Require(request.MemberStates.All(s => s.Length == 3 && s.All(char.IsAsciiLetterUpper)), "member_states", "must be ISO 3166-1 alpha-3 codes in capitals")
            .Require(request.RegionalGroups.Count + request.MemberStates.Count > 0, "member_states", "a consultation names the Member States or regional groups consulted")
            .RequireText(request.Note, "note", 2000)
            .ThrowIfAny();
        var dialogueId = Dialogue(request.DialogueId);
        var record = new ConsultationRecord(
            [.. request.Groups.Select(g => (Hld.Domain.HearingGroup)g)],
            [.. request.RegionalGroups.Select(g => (Domain.RegionalGroup)g)],
            [.. request.MemberStates],
            request.Note);
        var now = clock.GetUtcNow();

        var hearing = await writer.WriteAsync<HearingState>(
            HearingKeys.Hearing(dialogueId), request.Etag, EtagRule.Optional,
            existing => SpeakerSelection.RecordConsultation(existing, record, Dates, now),
            (_, consulted) => [HearingMapping.Recorded(dialogueId, consulted.Consultations[^1])],
            context.CancellationToken);
        return new RecordConsultationResponse { Consultation = HearingMapping.ToContract(hearing.Value.Consultations[^1]), HearingEtag = hearing.Etag };
    }

    [Authorize(Roles = Readers)]
    public override async Task<ListConsultationsResponse> ListConsultations(ListConsultationsRequest request, ServerCallContext context)
    {
        var dialogueId = Dialogue(request.DialogueId);
        var hearing = await LoadHearingAsync(dialogueId, context.CancellationToken);
        var all = hearing?.Value.Consultations ?? [];

        var (page, next) = Paging.Page(all, request.PageSize, request.PageToken, "consultations");
        return new ListConsultationsResponse
        {
            Consultations = { page.Select(HearingMapping.ToContract) },
            NextPageToken = next,
            TotalSize = all.Count,
        };
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<SelectRepresentativeResponse> SelectRepresentative(SelectRepresentativeRequest request, ServerCallContext context)
    {
        new FieldChecks()
            .RequireDefined(request.Group, "group")
            .RequireId(request.ParticipantId, "participant_id")
            .RequireNames([request.RepresentativeName], "representative_name", 1, 1)
            .ThrowIfAny();
        var dialogueId = Dialogue(request.DialogueId);
        // Admissions are never withdrawn, so "took part in the hearing" read here stays true when the
        // selection commits on the hearing's own key.
        var participant = (await repository.LoadAsync<Roster>(HearingKeys.Roster(dialogueId), context.CancellationToken))?.Value.Find(request.ParticipantId);
        var group = (Hld.Domain.HearingGroup)request.Group;
        var now = clock.GetUtcNow();

        var hearing = await writer.WriteAsync<HearingState>(
            HearingKeys.Hearing(dialogueId), request.Etag, EtagRule.Optional,
            existing => SpeakerSelection.Select(existing, group, request.ParticipantId, participant, request.RepresentativeName, Dates, now),
            (_, selected) => [HearingMapping.Selected(dialogueId, selected.SelectionFor(group)!)],
            context.CancellationToken);
        return new SelectRepresentativeResponse { Selection = HearingMapping.ToContract(hearing.Value.SelectionFor(group)!), HearingEtag = hearing.Etag };
    }
}
