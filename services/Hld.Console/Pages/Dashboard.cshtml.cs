using System.Text;
using Grpc.Core;
using Hld.Console.Api;
using Hld.Console.Charts;
using Hld.Console.Texts;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Reporting.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hld.Console.Pages;

/// <summary>
/// The reporting dashboard: participation as the reporting service counts it, by category, by regional
/// group and by level, each chart with its table; the same figures as CSV from the API's export; and the
/// implementation report (para 19) in the reader's language.
/// </summary>
public sealed class DashboardModel(ConsoleApi api, Labels labels) : PageModel
{
    public IReadOnlyList<BarChart> Charts { get; private set; } = [];
    public IReadOnlyList<ParticipationCount> Cells { get; private set; } = [];
    public long Total { get; private set; }
    public GetImplementationReportResponse? Report { get; private set; }
    public Refusal? Refusal { get; private set; }

    public async Task OnGetAsync()
    {
        var call = await HttpContext.CallerAsync();
        var language = Languages.Current;
        try
        {
            var counts = await api.Reporting.GetParticipationCountsAsync(new GetParticipationCountsRequest(), call);
            Cells = counts.Counts;
            Total = counts.Total;
            Charts =
            [
                Chart("by-category", "dash.byCategory", counts.Counts, c => c.Category),
                Chart("by-group", "dash.byGroup", counts.Counts, c => c.RegionalGroup),
                Chart("by-level", "dash.byLevel", counts.Counts, c => c.Level),
            ];
            Report = await api.Reporting.GetImplementationReportAsync(new GetImplementationReportRequest { Languages = { language } }, call);
        }
        catch (RpcException refusal)
        {
            Refusal = Refusal.Of(refusal);
        }
    }

    /// <summary>The API's own export of the same figures, passed through as it comes.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        try
        {
            var export = await api.Reporting.ExportCsvAsync(new ExportCsvRequest { Table = CsvTable.Participation }, await HttpContext.CallerAsync());
            return File(Encoding.UTF8.GetBytes(export.Csv), "text/csv; charset=utf-8", "participation.csv");
        }
        catch (RpcException refusal)
        {
            var said = Refusal.Of(refusal);
            return StatusCode(refusal.StatusCode == Grpc.Core.StatusCode.PermissionDenied ? 403 : 502, $"{said.Code}: {said.Message}");
        }
    }

    private BarChart Chart<TEnum>(string id, string title, IEnumerable<ParticipationCount> cells, Func<ParticipationCount, TEnum> by) where TEnum : struct, Enum =>
        new(id, labels[title], cells.GroupBy(by).OrderBy(g => g.Key)
            .Select(g => new Bar(Labels.ProtoName(g.Key), labels.Of(g.Key), g.Sum(c => c.Count))).ToList());
}
