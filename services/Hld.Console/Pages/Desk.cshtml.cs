using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hld.Console.Api;
using Hld.Console.Texts;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Hearings.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Sessions.V1;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Hld.Console.Pages;

/// <summary>
/// The Secretariat's desk (PGA office, Secretariat): the PGA's lists and the para 12 deadline, objections,
/// the hearing's selections, the co-chairs and their balance; and the actions, each one RPC with the
/// signed-in person's token, whose refusal is shown with its paragraph as the API gave it.
/// </summary>
public sealed class DeskModel(ConsoleApi api, Labels labels) : PageModel
{
    public IReadOnlyList<ParticipantList> Lists { get; private set; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<ListEntry>> Objections { get; private set; } = new Dictionary<string, IReadOnlyList<ListEntry>>();
    public Hearing? Hearing { get; private set; }
    public GetCoChairBalanceResponse? CoChairs { get; private set; }
    public Hld.Contracts.Sessions.V1.Programme? Programme { get; private set; }
    public DateTimeOffset Now { get; private set; }
    public string? UtcOffset { get; private set; }
    public string? Done { get; private set; }
    public Refusal? Refused { get; private set; }
    public Refusal? Unreadable { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public Task<IActionResult> OnPostCirculateAsync(string listId, string etag, string? deadline) => ActAsync(async call =>
    {
        var request = new CirculateListRequest { ListId = listId, Etag = etag, RequestId = RequestId() };
        if (!string.IsNullOrWhiteSpace(deadline))
        {
            request.ObjectionDeadline = Timestamp.FromDateTimeOffset(await VenueInstantAsync(deadline, call));
        }

        var list = (await api.Registry.CirculateListAsync(request, call)).List;
        return $"{list.ListId}: {labels.Of(list.Status)}";
    });

    public Task<IActionResult> OnPostAppointAsync(int roundTable, string participantId, string representativeName) => ActAsync(async call =>
    {
        var appointed = await api.Sessions.AppointCoChairAsync(new AppointCoChairRequest
        {
            RoundTable = roundTable, ParticipantId = participantId.Trim(), RepresentativeName = representativeName.Trim(), RequestId = RequestId(),
        }, call);
        return $"{string.Format(CultureInfo.CurrentCulture, labels["hall.roundTable"], roundTable)}: {Languages.Pick(appointed.CoChair.StateName, Languages.Current)} ({appointed.CoChair.RepresentativeName})";
    });

    public Task<IActionResult> OnPostConsultGroupAsync(RegionalGroup regionalGroup, string heldOn, string note) => ActAsync(async call =>
    {
        var recorded = await api.Sessions.RecordRegionalGroupConsultationAsync(new RecordRegionalGroupConsultationRequest
        {
            RegionalGroup = regionalGroup, HeldOn = Day(heldOn), Note = note ?? "", RequestId = RequestId(),
        }, call);
        return labels.Of(recorded.Consultation.RegionalGroup);
    });

    public Task<IActionResult> OnPostConsultListAsync(string listId, string heldOn, string summary) => ActAsync(async call =>
    {
        // A consultation adds to the record whatever else changed, so it goes on the list as it is now.
        var list = (await api.Registry.GetListAsync(new GetListRequest { ListId = listId }, call)).List;
        var recorded = await api.Registry.RecordListConsultationAsync(new RecordListConsultationRequest
        {
            ListId = listId, HeldOn = Day(heldOn), Summary = summary ?? "", Etag = list.Etag, RequestId = RequestId(),
        }, call);
        return $"{recorded.List.ListId}: {recorded.List.Consultations.Count}";
    });

    private async Task<IActionResult> ActAsync(Func<CallOptions, Task<string>> action)
    {
        try
        {
            Done = await action(await HttpContext.CallerAsync());
        }
        catch (RpcException refusal)
        {
            Refused = Refusal.Of(refusal);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
        catch (FormatException)
        {
            Refused = new Refusal("INVALID_ARGUMENT", labels["desk.badDate"], null, null);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var call = await HttpContext.CallerAsync();
        try
        {
            Now = (await api.Clock.GetClockAsync(new GetClockRequest(), call)).Now.ToDateTimeOffset();
            UtcOffset = (await api.Sessions.GetDialogueAsync(new GetDialogueRequest(), call)).Dialogue.UtcOffset;
            Lists = await ListsAsync(call);
            var objections = new Dictionary<string, IReadOnlyList<ListEntry>>();
            foreach (var list in Lists.Where(l => l.Kind == ListKind.OtherStakeholders))
            {
                objections[list.ListId] = await ObjectedAsync(list.ListId, call);
            }

            Objections = objections;
            Hearing = (await api.Hearings.GetHearingAsync(new GetHearingRequest(), call)).Hearing;
            CoChairs = await api.Sessions.GetCoChairBalanceAsync(new GetCoChairBalanceRequest(), call);
            Programme = (await api.Sessions.GetProgrammeAsync(new Hld.Contracts.Sessions.V1.GetProgrammeRequest(), call)).Programme;
        }
        catch (RpcException refusal)
        {
            Unreadable = Refusal.Of(refusal);
        }
    }

    private Task<IReadOnlyList<ParticipantList>> ListsAsync(CallOptions call) => Paging.AllAsync(async token =>
    {
        var page = await api.Registry.ListListsAsync(new ListListsRequest { PageSize = 200, PageToken = token }, call);
        return (page.Lists.AsEnumerable(), page.NextPageToken);
    });

    private async Task<IReadOnlyList<ListEntry>> ObjectedAsync(string listId, CallOptions call) => (await Paging.AllAsync(async token =>
    {
        var page = await api.Registry.ListListEntriesAsync(new ListListEntriesRequest { ListId = listId, PageSize = 200, PageToken = token }, call);
        return (page.Entries.AsEnumerable(), page.NextPageToken);
    })).Where(e => e.Objected).ToList();

    /// <summary>A deadline typed at the desk is venue time, as the room reads it.</summary>
    private async Task<DateTimeOffset> VenueInstantAsync(string local, CallOptions call)
    {
        var offset = VenueTime.OffsetOf((await api.Sessions.GetDialogueAsync(new GetDialogueRequest(), call)).Dialogue.UtcOffset);
        var at = DateTime.ParseExact(local, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None);
        return new DateTimeOffset(at, offset);
    }

    private static CalendarDate Day(string date)
    {
        var day = DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new CalendarDate { Year = day.Year, Month = day.Month, Day = day.Day };
    }

    /// <summary>One id per submitted form: a browser that sends the same form twice does the write once (AIP-155).</summary>
    private string RequestId() => Request.Form.TryGetValue("requestId", out var id) && id.ToString().Length is > 0 and <= 64 ? id.ToString() : Guid.NewGuid().ToString("N");

    public string TimeLeft(ParticipantList list)
    {
        if (list.ObjectionDeadline is null)
        {
            return "";
        }

        var left = list.ObjectionDeadline.ToDateTimeOffset() - Now;
        return left <= TimeSpan.Zero ? labels["desk.passed"] : string.Format(CultureInfo.CurrentCulture, labels["desk.daysHours"], (int)left.TotalDays, left.Hours);
    }
}
