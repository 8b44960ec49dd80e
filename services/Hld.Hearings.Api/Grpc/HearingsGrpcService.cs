using Grpc.Core;
using Hld.Contracts.Hearings.V1;
using Hld.Hearings.Calendar;
using Hld.Hearings.Eligibility;
using Hld.Hearings.Hearings;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Platform.State;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using HearingState = Hld.Hearings.Hearings.Hearing;

namespace Hld.Hearings.Api.Grpc;

/// <summary>
/// The hearing's gRPC surface (paras 9, 11, 12, 13): check fields, check the caller before reading,
/// let the domain decide, commit state and events together. Time comes from the host's clock.
/// </summary>
public sealed partial class HearingsGrpcService(
    AggregateRepository repository,
    IAggregateStore store,
    AggregateWriter writer,
    IOptions<HearingsOptions> options,
    TimeProvider clock) : HearingsService.HearingsServiceBase
{
    private const string Readers = $"{Roles.PgaOffice},{Roles.Secretariat},{Roles.ReportingReader}";

    private MeetingCalendar Dates => options.Value.ToCalendar();

    [Authorize(Policy = Policies.Participants)]
    public override async Task<GetHearingResponse> GetHearing(GetHearingRequest request, ServerCallContext context)
    {
        var dialogueId = Dialogue(request.DialogueId);
        var hearing = await LoadHearingAsync(dialogueId, context.CancellationToken);
        var eligibility = await LoadEligibilityAsync(context.CancellationToken);
        return new GetHearingResponse { Hearing = HearingMapping.ToContract(dialogueId, hearing, eligibility, await store.IndexLengthAsync(HearingKeys.KnownOrganizations, context.CancellationToken), Dates) };
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<ScheduleHearingResponse> ScheduleHearing(ScheduleHearingRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var date = checks.RequireDate(request.Date, "date");
        checks.RequireText(request.Chair, "chair", 200).ThrowIfAny();
        var dialogueId = Dialogue(request.DialogueId);
        var eligibility = await LoadEligibilityAsync(context.CancellationToken);
        var now = clock.GetUtcNow();

        var hearing = await writer.WriteAsync<HearingState>(
            HearingKeys.Hearing(dialogueId), string.Empty, EtagRule.Optional,
            existing => HearingSchedule.Schedule(existing, dialogueId, date, request.Chair, eligibility.Para12Deadlines(), Dates, now),
            (_, scheduled) => [HearingMapping.Scheduled(scheduled)],
            context.CancellationToken);
        return new ScheduleHearingResponse { Hearing = HearingMapping.ToContract(dialogueId, hearing, eligibility, await store.IndexLengthAsync(HearingKeys.KnownOrganizations, context.CancellationToken), Dates) };
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<RescheduleHearingResponse> RescheduleHearing(RescheduleHearingRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var date = checks.RequireDate(request.Date, "date");
        checks.Require(request.Etag.Length > 0, "etag", "is required: pass the hearing's etag from the last read").ThrowIfAny();
        var dialogueId = Dialogue(request.DialogueId);
        // The registry's para 12 lists as this service knows them; the registry re-checks its own
        // rule against the HearingScheduled event this move publishes (docs/decisions/050).
        var eligibility = await LoadEligibilityAsync(context.CancellationToken);
        var now = clock.GetUtcNow();

        var hearing = await writer.WriteAsync<HearingState>(
            HearingKeys.Hearing(dialogueId), request.Etag, EtagRule.Optional,
            existing => HearingSchedule.Move(existing, date, eligibility.Para12Deadlines(), Dates, now),
            (_, moved) => [HearingMapping.Scheduled(moved)],
            context.CancellationToken);
        return new RescheduleHearingResponse { Hearing = HearingMapping.ToContract(dialogueId, hearing, eligibility, await store.IndexLengthAsync(HearingKeys.KnownOrganizations, context.CancellationToken), Dates) };
    }

    [Authorize(Roles = $"{Readers},{Roles.Stakeholder}")]
    public override async Task<GetEligibilityResponse> GetEligibility(GetEligibilityRequest request, ServerCallContext context)
    {
        new FieldChecks().RequireId(request.ParticipantId, "participant_id").ThrowIfAny();
        EnsureOrganisationActsForItself(context, request.ParticipantId);
        Dialogue(request.DialogueId);
        var eligibility = await LoadEligibilityAsync(context.CancellationToken);

        var response = new GetEligibilityResponse { ParticipantId = request.ParticipantId };
        if (eligibility.Find(request.ParticipantId) is { } eligible)
        {
            response.Eligible = true;
            response.ListKind = (Contracts.Common.V1.ListKind)eligible.List;
            response.Group = (Contracts.Common.V1.HearingGroup)eligible.Group;
            response.Name = ApiValues.Localized(eligible.Organization.Name);
            response.RegionalGroup = (Contracts.Common.V1.RegionalGroup)eligible.Organization.RegionalGroup;
        }

        return response;
    }

    /// <summary>The dialogue a request names: empty or the configured one; any other is NOT_FOUND.</summary>
    private string Dialogue(string requested)
    {
        var configured = options.Value.DialogueId;
        return requested.Length == 0 || string.Equals(requested, configured, StringComparison.Ordinal)
            ? configured
            : throw new NotFoundException($"This service holds the hearing of dialogue '{configured}'; there is no dialogue '{requested}'.", "hld.hearings.v1.Hearing", requested);
    }

    /// <summary>An organisation acts only for itself, refused before anything is read so the answer never reveals what exists.</summary>
    private static void EnsureOrganisationActsForItself(ServerCallContext context, string participantId)
    {
        var caller = Caller.From(context);
        if (caller.Is(Roles.Stakeholder))
        {
            caller.EnsureActsFor(participantId);
        }
    }

    private static bool SeesDrafts(ServerCallContext context) => Caller.From(context).Is(Roles.PgaOffice);

    private Task<Loaded<HearingState>?> LoadHearingAsync(string dialogueId, CancellationToken cancellationToken) =>
        repository.LoadAsync<HearingState>(HearingKeys.Hearing(dialogueId), cancellationToken);

    private async Task<HearingEligibility> LoadEligibilityAsync(CancellationToken cancellationToken) =>
        (await repository.LoadAsync<HearingEligibility>(HearingKeys.Eligibility, cancellationToken))?.Value ?? HearingEligibility.Empty;
}
