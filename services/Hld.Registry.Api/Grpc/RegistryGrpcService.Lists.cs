using Grpc.Core;
using Hld.Contracts.Registry.V1;
using Hld.Domain;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Registry.Api.Storage;
using Hld.Registry.Indexing;
using Microsoft.AspNetCore.Authorization;
using Common = Hld.Contracts.Common.V1;
using ListModel = Hld.Registry.Lists.ParticipantList;
using NonObjectionProcedure = Hld.Registry.Lists.NonObjectionProcedure;
using PgaLists = Hld.Registry.Lists.PgaLists;

namespace Hld.Registry.Api.Grpc;

/// <summary>The PGA's lists (paras 8, 9, 12) and the non-objection procedure (para 12).</summary>
public sealed partial class RegistryGrpcService
{
    /// <summary>Attempts at an objection when other States object at the same moment (no etag: objections never conflict).</summary>
    private const int ObjectionAttempts = 20;

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<CreateListResponse> CreateList(CreateListRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks()
            .Require(request.Kind != Common.ListKind.Unspecified && System.Enum.IsDefined(request.Kind), "kind", "must be one of the three lists (paras 8, 9, 12)");
        RequireId(checks, request.ListId, "list_id");
        ParticipantMapping.CheckName(checks, request.Title, "title");
        checks.ThrowIfAny();
        var existing = await lists.LoadAsync(request.ListId, context.CancellationToken);
        var change = PgaLists.Create(existing?.Value, request.ListId, (Hld.Domain.ListKind)request.Kind, request.Title.Texts.ToDictionary(StringComparer.Ordinal), Now).OrThrow();
        var created = await lists.CommitAsync(0, change, context.CancellationToken);
        await lists.AddToCatalogueAsync(new ListReference(created.Value.Id, created.Value.Kind, created.Value.CreatedAt), context.CancellationToken);
        return new CreateListResponse { List = RegistryMapping.ToContract(created.Value, created.Etag) };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<GetListResponse> GetList(GetListRequest request, ServerCallContext context)
    {
        var stored = await LoadListAsync(request.ListId, "list_id", context);
        return new GetListResponse { List = RegistryMapping.ToContract(stored.Value, stored.Etag) };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<ListListsResponse> ListLists(ListListsRequest request, ServerCallContext context)
    {
        var scope = $"lists/{(int)request.Kind}/{(int)request.Status}";
        var checks = new FieldChecks();
        var size = checks.Size(request.PageSize);
        var offset = (int)checks.Position(request.PageToken, scope);
        checks
            .Require(System.Enum.IsDefined(request.Kind), "kind", "must be a known list kind")
            .Require(System.Enum.IsDefined(request.Status), "status", "must be a known list status")
            .ThrowIfAny();
        var references = (await lists.CatalogueAsync(context.CancellationToken)).Lists
            .Where(l => request.Kind == Common.ListKind.Unspecified || (int)l.Kind == (int)request.Kind)
            .ToList();

        // Lists are few (a handful per dialogue): filtering by status reads them, which stays small.
        var page = new List<Loaded<ListModel>>();
        var position = offset;
        for (; position < references.Count && page.Count < size; position++)
        {
            var list = await lists.LoadAsync(references[position].Id, context.CancellationToken);
            if (list is not null && (request.Status == Common.ListStatus.Unspecified || (int)list.Value.Status == (int)request.Status))
            {
                page.Add(list);
            }
        }

        return new ListListsResponse
        {
            Lists = { page.Select(l => RegistryMapping.ToContract(l.Value, l.Etag)) },
            NextPageToken = position < references.Count ? Paging.Token(scope, position) : string.Empty,
        };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<ListListEntriesResponse> ListListEntries(ListListEntriesRequest request, ServerCallContext context)
    {
        var scope = $"entries/{request.ListId.ToUpperInvariant()}/{(int)request.Status}/{(int)request.Category}/{(int)request.RegionalGroup}";
        var checks = new FieldChecks();
        var size = checks.Size(request.PageSize);
        var offset = (int)checks.Position(request.PageToken, scope);
        checks
            .Require(System.Enum.IsDefined(request.Status), "status", "must be a known entry status")
            .Require(System.Enum.IsDefined(request.Category), "category", "must be a known category")
            .Require(System.Enum.IsDefined(request.RegionalGroup), "regional_group", "must be a known regional group")
            .ThrowIfAny();
        var stored = await LoadListAsync(request.ListId, "list_id", context);
        var caller = Caller.From(context);
        var showObjectors = caller.Is(Roles.PgaOffice) || caller.Is(Roles.Secretariat);
        var matching = stored.Value.Entries.Where(e =>
            (request.Status == ListEntryStatus.Unspecified || (int)e.Status == (int)request.Status)
            && (request.Category == Common.ParticipantCategory.Unspecified || (int)e.Category == (int)request.Category)
            && (request.RegionalGroup == Common.RegionalGroup.Unspecified || (int)e.RegionalGroup == (int)request.RegionalGroup)).ToList();
        var end = Math.Min(matching.Count, offset + size);
        return new ListListEntriesResponse
        {
            Entries = { matching.Skip(offset).Take(size).Select(e => RegistryMapping.ToContract(e, showObjectors)) },
            NextPageToken = end < matching.Count ? Paging.Token(scope, end) : string.Empty,
        };
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<AddListEntryResponse> AddListEntry(AddListEntryRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        RequireId(checks, request.ParticipantId, "participant_id");
        checks.ThrowIfAny();
        var (stored, expected) = await LoadListForChangeAsync(request.ListId, request.Etag, context);
        var participant = await participants.LoadAsync(request.ParticipantId, context.CancellationToken)
            ?? throw new NotFoundException($"No participant '{request.ParticipantId}' is registered; register it before listing it.", ParticipantResource, request.ParticipantId);
        var change = PgaLists.AddEntry(stored.Value, participant.Value, Now, routes).OrThrow();
        var committed = await lists.CommitAsync(expected, change, context.CancellationToken);
        return new AddListEntryResponse { List = RegistryMapping.ToContract(committed.Value, committed.Etag) };
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<RemoveListEntryResponse> RemoveListEntry(RemoveListEntryRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        RequireId(checks, request.ParticipantId, "participant_id");
        checks.ThrowIfAny();
        var (stored, expected) = await LoadListForChangeAsync(request.ListId, request.Etag, context);
        var change = PgaLists.RemoveEntry(stored.Value, request.ParticipantId).OrThrow();
        var committed = await lists.CommitAsync(expected, change, context.CancellationToken);
        return new RemoveListEntryResponse { List = RegistryMapping.ToContract(committed.Value, committed.Etag) };
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<RecordListConsultationResponse> RecordListConsultation(RecordListConsultationRequest request, ServerCallContext context)
    {
        var heldOn = RegistryMapping.ToDate(request.HeldOn, "held_on");
        new FieldChecks().RequireText(request.Summary, "summary", 2000).ThrowIfAny();
        var (stored, expected) = await LoadListForChangeAsync(request.ListId, request.Etag, context);
        var change = NonObjectionProcedure.RecordConsultation(stored.Value, heldOn, request.Summary, Now, options.Value.Venue).OrThrow();
        var committed = await lists.CommitAsync(expected, change, context.CancellationToken);
        return new RecordListConsultationResponse { List = RegistryMapping.ToContract(committed.Value, committed.Etag) };
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<CirculateListResponse> CirculateList(CirculateListRequest request, ServerCallContext context)
    {
        var (stored, expected) = await LoadListForChangeAsync(request.ListId, request.Etag, context);
        new FieldChecks()
            .Require(request.ObjectionDeadline is null || stored.Value.Kind == Hld.Domain.ListKind.OtherStakeholders, "objection_deadline", "only a para 12 list has a non-objection deadline")
            .ThrowIfAny();
        var hearingDate = await hearing.HearingDateAsync(context.CancellationToken);
        var change = PgaLists.Circulate(stored.Value, Now, request.ObjectionDeadline?.ToDateTimeOffset(), hearingDate, options.Value.Venue).OrThrow();
        var committed = await lists.CommitAsync(expected, change, context.CancellationToken);
        return new CirculateListResponse { List = RegistryMapping.ToContract(committed.Value, committed.Etag) };
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<RecirculateListResponse> RecirculateList(RecirculateListRequest request, ServerCallContext context)
    {
        new FieldChecks().Require(request.ObjectionDeadline is not null, "objection_deadline", "is required: the new non-objection deadline").ThrowIfAny();
        var (stored, expected) = await LoadListForChangeAsync(request.ListId, request.Etag, context);
        var hearingDate = await hearing.HearingDateAsync(context.CancellationToken);
        var change = NonObjectionProcedure.Recirculate(stored.Value, Now, request.ObjectionDeadline?.ToDateTimeOffset(), hearingDate, options.Value.Venue).OrThrow();
        var committed = await lists.CommitAsync(expected, change, context.CancellationToken);
        return new RecirculateListResponse { List = RegistryMapping.ToContract(committed.Value, committed.Etag) };
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<FinaliseListResponse> FinaliseList(FinaliseListRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks().Require(request.DecisionReference.Length <= 200, "decision_reference", "must be at most 200 characters");
        for (var i = 0; i < request.NotAcceptedParticipantIds.Count; i++)
        {
            RequireId(checks, request.NotAcceptedParticipantIds[i], $"not_accepted_participant_ids[{i}]");
        }

        checks.ThrowIfAny();
        var (stored, expected) = await LoadListForChangeAsync(request.ListId, request.Etag, context);
        var change = PgaLists.Finalise(stored.Value, Now, [.. request.NotAcceptedParticipantIds], ParticipantMapping.Optional(request.DecisionReference)).OrThrow();
        var committed = await lists.CommitAsync(expected, change, context.CancellationToken);
        return new FinaliseListResponse { List = RegistryMapping.ToContract(committed.Value, committed.Etag) };
    }

    [Authorize(Roles = Roles.MemberState)]
    public override async Task<ObjectToListEntryResponse> ObjectToListEntry(ObjectToListEntryRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        RequireId(checks, request.ListId, "list_id");
        RequireId(checks, request.ParticipantId, "participant_id");
        checks.ThrowIfAny();

        // The objecting State is the caller, and it must be a Member State of the registry (para 12).
        var caller = Caller.From(context);
        var state = caller.ParticipantId is { Length: > 0 } code ? await participants.LoadAsync(code, context.CancellationToken) : null;
        if (state?.Value.Category != ParticipantCategory.MemberState)
        {
            throw new PermissionDeniedException("Only a registered Member State objects, for itself.");
        }

        // Another State may object at the same moment: decided again on the list as it then is.
        Hld.Registry.Lists.ListChange? lodged = null;
        await lists.ChangeAsync(request.ListId, list =>
        {
            lodged = NonObjectionProcedure.LodgeObjection(list ?? throw new NotFoundException($"No list '{request.ListId}'.", ListResource, request.ListId), state.Value.Id, request.ParticipantId, Now, options.Value.Venue).OrThrow();
            return lodged.Events.IsEmpty ? null : lodged; // the same objection again changes nothing
        }, ObjectionAttempts, context.CancellationToken);
        return new ObjectToListEntryResponse
        {
            ListId = lodged!.List.Id,
            ParticipantId = lodged.List.Entry(request.ParticipantId)!.ParticipantId,
            ObjectionDeadline = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(lodged.List.ObjectionDeadline!.Value),
        };
    }

    private async Task<Loaded<ListModel>> LoadListAsync(string listId, string field, ServerCallContext context)
    {
        var checks = new FieldChecks();
        RequireId(checks, listId, field);
        checks.ThrowIfAny();
        return await lists.LoadAsync(listId, context.CancellationToken)
            ?? throw new NotFoundException($"No list '{listId}'.", ListResource, listId);
    }

    /// <summary>Loads a list to change it at the etag the caller read: stale is ABORTED, nothing decided.</summary>
    private async Task<(Loaded<ListModel> List, long Expected)> LoadListForChangeAsync(string listId, string etag, ServerCallContext context)
    {
        var checks = new FieldChecks();
        RequireId(checks, listId, "list_id");
        checks.ThrowIfAny();
        var expected = AggregateRepository.ParseEtag(etag);
        var stored = await LoadListAsync(listId, "list_id", context);
        EnsureVersion(stored.Version, expected);
        return (stored, expected);
    }
}
