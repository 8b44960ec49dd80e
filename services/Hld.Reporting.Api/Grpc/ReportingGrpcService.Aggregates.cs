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
    // A safety net only: a watch is woken by the projector when the projection moves.
    private static readonly TimeSpan WatchFallback = TimeSpan.FromSeconds(5);

    [Authorize(Roles = Readers)]
    public override async Task<GetAggregatesResponse> GetAggregates(GetAggregatesRequest request, ServerCallContext context) =>
        new() { Aggregates = AggregatesView.From(await projector.LoadAsync(context.CancellationToken)) };

    // Pushed by the projector's Advanced signal, which also fires when this replica reads a projection
    // another replica committed; the fallback wait only bounds how long a missed signal could delay.
    [Authorize(Roles = Readers)]
    public override async Task WatchAggregates(WatchAggregatesRequest request, IServerStreamWriter<WatchAggregatesResponse> responseStream, ServerCallContext context)
    {
        using var moved = new SemaphoreSlim(0, 1);
        void OnAdvanced()
        {
            try
            {
                moved.Release();
            }
            catch (Exception ex) when (ex is SemaphoreFullException or ObjectDisposedException)
            {
                // Already signalled (the watch reads the latest projection either way), or the watch
                // has just ended: nothing of the projector's may fail for a watcher's sake.
            }
        }

        projector.Advanced += OnAdvanced;
        try
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

                await moved.WaitAsync(WatchFallback, context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The watcher went away.
        }
        finally
        {
            projector.Advanced -= OnAdvanced;
        }
    }

    [Authorize(Roles = Readers)]
    public override async Task<ExportCsvResponse> ExportCsv(ExportCsvRequest request, ServerCallContext context)
    {
        new FieldChecks().Require(request.Table != CsvTable.Unspecified && Enum.IsDefined(request.Table), "table", "must name a table").ThrowIfAny();
        var aggregates = AggregatesView.From(await projector.LoadAsync(context.CancellationToken));
        var contributions = request.Table == CsvTable.Contributions
            ? await LoadRegisterAsync(context)
            : ContributionRegister.Empty;
        return new ExportCsvResponse { Csv = AggregatesView.Csv(request.Table, aggregates, contributions) };
    }
}
