using Grpc.Core;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Reporting.Contributions;
using Microsoft.AspNetCore.Authorization;

namespace Hld.Reporting.Api.Grpc;

/// <summary>The aggregates reporting teams pull, watch and export.</summary>
public sealed partial class ReportingGrpcService
{
    private static readonly TimeSpan WatchPoll = TimeSpan.FromMilliseconds(250);

    [Authorize(Roles = Readers)]
    public override async Task<GetAggregatesResponse> GetAggregates(GetAggregatesRequest request, ServerCallContext context) =>
        new() { Aggregates = AggregatesView.From(await projector.LoadAsync(context.CancellationToken)) };

    // Polls the stored projection rather than an in-process signal, so a watcher on one replica sees
    // changes applied by the projector on another.
    [Authorize(Roles = Readers)]
    public override async Task WatchAggregates(WatchAggregatesRequest request, IServerStreamWriter<WatchAggregatesResponse> responseStream, ServerCallContext context)
    {
        string? sent = null;
        while (!context.CancellationToken.IsCancellationRequested)
        {
            var stored = await projector.LoadAsync(context.CancellationToken);
            if (stored.Position != sent)
            {
                await responseStream.WriteAsync(new WatchAggregatesResponse { Aggregates = AggregatesView.From(stored) }, context.CancellationToken);
                sent = stored.Position;
            }

            try
            {
                await Task.Delay(WatchPoll, clock, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [Authorize(Roles = Readers)]
    public override async Task<ExportCsvResponse> ExportCsv(ExportCsvRequest request, ServerCallContext context)
    {
        new FieldChecks().Require(request.Table != CsvTable.Unspecified && Enum.IsDefined(request.Table), "table", "must name a table").ThrowIfAny();
        var aggregates = AggregatesView.From(await projector.LoadAsync(context.CancellationToken));
        var contributions = request.Table == CsvTable.Contributions
            ? (await repository.LoadAsync<ContributionRegister>(RegisterKey, context.CancellationToken))?.Value ?? ContributionRegister.Empty
            : ContributionRegister.Empty;
        return new ExportCsvResponse { Csv = AggregatesView.Csv(request.Table, aggregates, contributions) };
    }
}
