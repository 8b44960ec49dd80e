using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Reporting.Api.Handlers;
using Hld.Reporting.Participation;
using Microsoft.AspNetCore.Authorization;

namespace Hld.Reporting.Api.Grpc;

/// <summary>Aggregates for reporting teams, answered from projections without calling anyone.</summary>
public sealed class ReportingGrpcService(AggregateRepository repository) : ReportingService.ReportingServiceBase
{
    [Authorize(Roles = $"{Roles.ReportingReader},{Roles.Secretariat},{Roles.PgaOffice}")]
    public override async Task<GetParticipationCountsResponse> GetParticipationCounts(GetParticipationCountsRequest request, ServerCallContext context)
    {
        var counts = (await repository.LoadAsync<ParticipationCounts>(ParticipantRegisteredHandler.Key, context.CancellationToken))?.Value ?? ParticipationCounts.Empty;
        var response = new GetParticipationCountsResponse { Total = counts.Total };
        foreach (var category in Enum.GetValues<Hld.Domain.ParticipantCategory>())
        {
            foreach (var group in Enum.GetValues<Hld.Domain.RegionalGroup>())
            {
                if (counts.Cells.TryGetValue(ParticipationCounts.Cell(category, group), out var count))
                {
                    response.Counts.Add(new ParticipationCount { Category = (ParticipantCategory)category, RegionalGroup = (RegionalGroup)group, Count = count });
                }
            }
        }

        return response;
    }
}
