using Grpc.Core;
using Hld.Contracts.Hearings.V1;
using Hld.Hearings.Participation;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Microsoft.AspNetCore.Authorization;

namespace Hld.Hearings.Api.Grpc;

/// <summary>Who takes part (paras 9, 11, 12): organisations on the final lists, each registering itself.</summary>
public sealed partial class HearingsGrpcService
{
    [Authorize(Roles = $"{Roles.PgaOffice},{Roles.Stakeholder}")]
    public override async Task<RegisterForHearingResponse> RegisterForHearing(RegisterForHearingRequest request, ServerCallContext context)
    {
        new FieldChecks()
            .RequireId(request.ParticipantId, "participant_id")
            .RequireNames(request.Representatives, "representatives", 1, 5)
            .ThrowIfAny();
        EnsureOrganisationActsForItself(context, request.ParticipantId);
        var dialogueId = Dialogue(request.DialogueId);
        // Eligibility comes from the local read model of the registry's lists, never from a call to
        // the registry: the hearing keeps admitting while the registry is down.
        var eligibility = await LoadEligibilityAsync(context.CancellationToken);
        var hearing = await LoadHearingAsync(dialogueId, context.CancellationToken);
        var now = clock.GetUtcNow();

        var roster = await writer.WriteAsync<HearingRoster>(
            HearingKeys.Roster(dialogueId), string.Empty, EtagRule.Optional,
            existing => HearingRoster.Admit(existing, dialogueId, request.ParticipantId, request.Representatives, eligibility, hearing?.Value.Date, Dates, now),
            (_, admitted) => [HearingMapping.Admitted(dialogueId, admitted.Find(request.ParticipantId)!)],
            context.CancellationToken);
        return new RegisterForHearingResponse { Participant = HearingMapping.ToContract(roster.Value.Find(request.ParticipantId)!) };
    }

    [Authorize(Roles = $"{Readers},{Roles.Stakeholder}")]
    public override async Task<GetHearingParticipantResponse> GetHearingParticipant(GetHearingParticipantRequest request, ServerCallContext context)
    {
        new FieldChecks().RequireId(request.ParticipantId, "participant_id").ThrowIfAny();
        EnsureOrganisationActsForItself(context, request.ParticipantId);
        var dialogueId = Dialogue(request.DialogueId);
        var roster = await repository.LoadAsync<HearingRoster>(HearingKeys.Roster(dialogueId), context.CancellationToken);
        var participant = roster?.Value.Find(request.ParticipantId)
            ?? throw new NotFoundException($"'{request.ParticipantId}' is not registered for the hearing.", "hld.hearings.v1.HearingParticipant", request.ParticipantId);
        return new GetHearingParticipantResponse { Participant = HearingMapping.ToContract(participant) };
    }

    [Authorize(Roles = Readers)]
    public override async Task<ListHearingParticipantsResponse> ListHearingParticipants(ListHearingParticipantsRequest request, ServerCallContext context)
    {
        new FieldChecks().Require(Enum.IsDefined(request.Group), "group", "must be one of the defined values").ThrowIfAny();
        var dialogueId = Dialogue(request.DialogueId);
        var roster = await repository.LoadAsync<HearingRoster>(HearingKeys.Roster(dialogueId), context.CancellationToken);
        var matching = (roster?.Value.Participants ?? [])
            .Where(p => request.Group == Contracts.Common.V1.HearingGroup.Unspecified || (int)p.Group == (int)request.Group)
            .ToList();

        var (page, next) = Paging.Page(matching, request.PageSize, request.PageToken, $"participants/{(int)request.Group}");
        return new ListHearingParticipantsResponse
        {
            Participants = { page.Select(HearingMapping.ToContract) },
            NextPageToken = next,
            TotalSize = matching.Count,
        };
    }
}
