using Grpc.Core;
using Hld.Contracts.Hearings.V1;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using SummaryState = Hld.Hearings.Summary.HearingSummary;
using VersionStatus = Hld.Hearings.Summary.SummaryVersionStatus;

namespace Hld.Hearings.Api.Grpc;

/// <summary>The PGA's summary of the hearing (para 11): drafted with versions kept, published by its deadline.</summary>
public sealed partial class HearingsGrpcService
{
    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<DraftSummaryResponse> DraftSummary(DraftSummaryRequest request, ServerCallContext context)
    {
        new FieldChecks()
            .RequireTexts(request.Text, "text", 100_000, "zh", "en")
            .Require(request.RevisionNote.Length <= 2000, "revision_note", "must be at most 2000 characters")
            .ThrowIfAny();
        var dialogueId = Dialogue(request.DialogueId);
        var now = clock.GetUtcNow();

        var summary = await writer.WriteAsync<SummaryState>(
            HearingKeys.Summary(dialogueId), request.Etag, EtagRule.RequiredOnceStored,
            existing => SummaryState.SaveDraft(existing, dialogueId, request.Text.Texts, request.RevisionNote, now),
            (_, drafted) => [HearingMapping.Drafted(dialogueId, drafted.CurrentDraft()!, Dates)],
            context.CancellationToken);
        return new DraftSummaryResponse { Summary = HearingMapping.ToContract(dialogueId, summary, withDraft: true, Dates) };
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<PublishSummaryResponse> PublishSummary(PublishSummaryRequest request, ServerCallContext context)
    {
        new FieldChecks().Require(request.Etag.Length > 0, "etag", "is required: publish exactly the version you read").ThrowIfAny();
        var dialogueId = Dialogue(request.DialogueId);
        var hearingDate = (await LoadHearingAsync(dialogueId, context.CancellationToken))?.Value.Date;
        var now = clock.GetUtcNow();

        var summary = await writer.WriteAsync<SummaryState>(
            HearingKeys.Summary(dialogueId), request.Etag, EtagRule.Optional,
            existing => SummaryState.Publish(existing, hearingDate, Dates, now),
            (_, published) => [HearingMapping.Published(dialogueId, published.LatestPublished()!, hearingDate!.Value, Dates)],
            context.CancellationToken);
        return new PublishSummaryResponse { Summary = HearingMapping.ToContract(dialogueId, summary, withDraft: true, Dates) };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<GetSummaryResponse> GetSummary(GetSummaryRequest request, ServerCallContext context)
    {
        var dialogueId = Dialogue(request.DialogueId);
        var summary = await repository.LoadAsync<SummaryState>(HearingKeys.Summary(dialogueId), context.CancellationToken);
        return new GetSummaryResponse { Summary = HearingMapping.ToContract(dialogueId, summary, SeesDrafts(context), Dates) };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<ListSummaryVersionsResponse> ListSummaryVersions(ListSummaryVersionsRequest request, ServerCallContext context)
    {
        var dialogueId = Dialogue(request.DialogueId);
        var summary = await repository.LoadAsync<SummaryState>(HearingKeys.Summary(dialogueId), context.CancellationToken);
        var drafts = SeesDrafts(context);
        var visible = (summary?.Value.Versions ?? [])
            .Where(v => drafts || v.Status == VersionStatus.Published)
            .ToList();

        var (page, next) = Paging.Page(visible, request.PageSize, request.PageToken, drafts ? "summary/all" : "summary/published");
        return new ListSummaryVersionsResponse
        {
            Versions = { page.Select(HearingMapping.ToContract) },
            NextPageToken = next,
            TotalSize = visible.Count,
        };
    }
}
