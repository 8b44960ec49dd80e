using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Hearings.V1;
using Hld.Hearings.Api.Handlers;
using Hld.Hearings.Hearings;
using Hld.Platform.State;
using Microsoft.AspNetCore.Authorization;
using Model = Hld.Hearings.Hearings;

namespace Hld.Hearings.Api.Grpc;

/// <summary>The hearings service's gRPC surface.</summary>
public sealed class HearingsGrpcService(AggregateRepository repository, IConfiguration configuration) : HearingsService.HearingsServiceBase
{
    [Authorize]
    public override async Task<GetHearingResponse> GetHearing(GetHearingRequest request, ServerCallContext context)
    {
        var dialogueId = request.DialogueId.Length > 0 ? request.DialogueId : configuration["Hld:DialogueId"] ?? "hld-2013";
        var hearing = (await repository.LoadAsync<Model.Hearing>($"hearings/hearing/{dialogueId}", context.CancellationToken))?.Value;
        var known = await repository.LoadAsync<KnownOrganizations>(ParticipantRegisteredHandler.Key, context.CancellationToken);
        var response = new Contracts.Hearings.V1.Hearing { DialogueId = dialogueId, EligibleOrganizations = known?.Value.Eligible ?? 0 };
        if (hearing?.Date is { } date)
        {
            response.Date = new CalendarDate { Year = date.Year, Month = date.Month, Day = date.Day };
        }

        return new GetHearingResponse { Hearing = response };
    }
}
