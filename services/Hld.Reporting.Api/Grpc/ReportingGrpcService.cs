using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Reporting.Api.Projections;
using Hld.Reporting.Api.ReportData;
using Hld.Reporting.Projections;
using Hld.Reporting.Report;
using Microsoft.AspNetCore.Authorization;

namespace Hld.Reporting.Api.Grpc;

/// <summary>Aggregates for reporting teams, answered from projections without calling anyone.</summary>
public sealed partial class ReportingGrpcService(Projector projector, AggregateRepository repository, ReportReferenceData reference, ReportMarkdown markdown, TimeProvider clock) : ReportingService.ReportingServiceBase
{
    private const string Readers = $"{Roles.ReportingReader},{Roles.Secretariat},{Roles.PgaOffice}";

    [Authorize(Roles = Readers)]
    public override async Task<GetParticipationCountsResponse> GetParticipationCounts(GetParticipationCountsRequest request, ServerCallContext context)
    {
        var projection = (await projector.LoadAsync(context.CancellationToken)).Projection;
        var response = new GetParticipationCountsResponse();
        response.Counts.AddRange(AggregatesView.Participation(projection));
        response.Total = response.Counts.Sum(c => c.Count);
        return response;
    }

    [Authorize(Roles = $"{Readers},{Roles.Operator}")]
    public override async Task<GetProjectionStatusResponse> GetProjectionStatus(GetProjectionStatusRequest request, ServerCallContext context)
    {
        var stored = await projector.LoadAsync(context.CancellationToken);
        return new GetProjectionStatusResponse { EventsApplied = stored.Projection.FactsApplied, Position = stored.Position };
    }

    [Authorize(Roles = Roles.Operator)]
    public override async Task<RebuildProjectionsResponse> RebuildProjections(RebuildProjectionsRequest request, ServerCallContext context)
    {
        var (replayed, matched, position) = await projector.RebuildAsync(context.CancellationToken);
        return new RebuildProjectionsResponse { EventsReplayed = replayed, MatchedLive = matched, Position = position };
    }
}
