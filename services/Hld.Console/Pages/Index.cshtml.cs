using Hld.Console.Hall;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hld.Console.Pages;

/// <summary>The Hall display: anyone may look, so it shows only the programme, the speakers and the co-chairs.</summary>
[AllowAnonymous]
public sealed class IndexModel(HallWatch watch) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Meeting { get; set; }

    public HallView View { get; private set; } = HallView.Of(HallSnapshot.Empty, null);

    public async Task OnGetAsync(CancellationToken cancellationToken) => View = HallView.Of(await FirstSnapshotAsync(cancellationToken), Meeting);

    /// <summary>The board alone, which the page's script swaps in when the event stream says it changed.</summary>
    public async Task<IActionResult> OnGetBoardAsync(CancellationToken cancellationToken)
    {
        View = HallView.Of(await FirstSnapshotAsync(cancellationToken), Meeting);
        return Partial("_HallBoard", View);
    }

    /// <summary>The first screen after the console starts waits (briefly) for the first read rather than show nothing.</summary>
    private async Task<HallSnapshot> FirstSnapshotAsync(CancellationToken cancellationToken) =>
        watch.Snapshot.Version > 0 ? watch.Snapshot : await watch.NextAsync(0, TimeSpan.FromSeconds(3), cancellationToken);
}
