using Grpc.Core;
using Hld.Contracts.Sessions.V1;
using Hld.Domain;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Sessions.Api.State;
using Hld.Sessions.CoChairs;
using Microsoft.AspNetCore.Authorization;
using Common = Hld.Contracts.Common.V1;

namespace Hld.Sessions.Api.Grpc;

// Para 3(d): consultations with the regional groups and the co-chairs the PGA appoints.
public sealed partial class SessionsGrpcService
{
    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<RecordRegionalGroupConsultationResponse> RecordRegionalGroupConsultation(RecordRegionalGroupConsultationRequest request, ServerCallContext context)
    {
        var heldOn = ApiValues.Date(request.HeldOn);
        new FieldChecks()
            .Require(request.RegionalGroup != Common.RegionalGroup.Unspecified && Enum.IsDefined(request.RegionalGroup), "regional_group", "must be a regional group")
            .Require(heldOn is not null, "held_on", "must be a valid date")
            .Require(request.Note.Length <= 2000, "note", "must be at most 2000 characters")
            .ThrowIfAny();
        var now = state.Now;
        var (chairs, _) = await state.ChangeAsync(state.ChairsKey, RoundTableChairs.None, (current, _) =>
        {
            var next = current.RecordConsultation((RegionalGroup)request.RegionalGroup, heldOn!.Value, request.Note, now).OrThrow();
            var recorded = next.Consultations.Find(c => c.RegionalGroup == (RegionalGroup)request.RegionalGroup)!;
            return new Change<RoundTableChairs>(next, [SessionsEvents.Consulted(state.Dialogue.Id, recorded, next)]);
        }, context.CancellationToken);
        var response = new RecordRegionalGroupConsultationResponse
        {
            Consultation = Mapping.ToContract(chairs.Consultations.Find(c => c.RegionalGroup == (RegionalGroup)request.RegionalGroup)!),
        };
        response.GroupsNotConsulted.AddRange(chairs.Balance(state.Mandate).GroupsNotConsulted.Select(g => (Common.RegionalGroup)g));
        return response;
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<AppointCoChairResponse> AppointCoChair(AppointCoChairRequest request, ServerCallContext context)
    {
        new FieldChecks()
            .RequireNumber(request.RoundTable, state.Mandate.RoundTables, "round_table")
            .RequireId(request.ParticipantId, "participant_id")
            .RequireText(request.RepresentativeName, "representative_name", 200)
            .ThrowIfAny();
        long? expected = request.Etag.Length > 0 ? AggregateRepository.ParseEtag(request.Etag) : null;
        var known = (await state.DirectoryAsync([request.ParticipantId], context.CancellationToken)).Require(request.ParticipantId, Rules.CoChairs, Refusals.Text("ToCoChairARoundTableAState")).OrThrow();
        var candidate = new CoChairCandidate(known.Id, known.Category, known.RegionalGroup, known.CountryCode, known.Name, request.RepresentativeName.Trim());
        var now = state.Now;
        Appointment? appointment = null;
        var (_, version) = await state.ChangeAsync(state.ChairsKey, RoundTableChairs.None, (current, stored) =>
        {
            if (expected is { } etag && etag != stored)
            {
                throw new ConcurrencyConflictException();
            }

            appointment = current.Appoint(request.RoundTable, candidate, state.Mandate, now).OrThrow();
            return new Change<RoundTableChairs>(appointment.Chairs, [SessionsEvents.Appointed(state.Dialogue.Id, appointment)]);
        }, context.CancellationToken);
        return new AppointCoChairResponse
        {
            CoChair = Mapping.ToContract(appointment!.CoChair),
            Balance = Mapping.ToContract(appointment.Balance),
            Etag = ApiValues.Etag(version),
        };
    }

    [Authorize(Roles = Roles.PgaOffice)]
    public override async Task<ReplaceCoChairResponse> ReplaceCoChair(ReplaceCoChairRequest request, ServerCallContext context)
    {
        new FieldChecks()
            .RequireNumber(request.RoundTable, state.Mandate.RoundTables, "round_table")
            .RequireId(request.ParticipantId, "participant_id")
            .RequireId(request.SuccessorParticipantId, "successor_participant_id")
            .RequireText(request.RepresentativeName, "representative_name", 200)
            .RequireText(request.Reason, "reason", 500)
            .ThrowIfAny();
        var expected = AggregateRepository.ParseEtag(request.Etag);
        var known = (await state.DirectoryAsync([request.SuccessorParticipantId], context.CancellationToken)).Require(request.SuccessorParticipantId, Rules.CoChairs, Refusals.Text("ToCoChairARoundTableAState")).OrThrow();
        var successor = new CoChairCandidate(known.Id, known.Category, known.RegionalGroup, known.CountryCode, known.Name, request.RepresentativeName.Trim());
        var now = state.Now;
        Replacement? replacement = null;
        var (_, version) = await state.ChangeAsync(state.ChairsKey, RoundTableChairs.None, (current, stored) =>
        {
            if (expected != stored)
            {
                throw new ConcurrencyConflictException();
            }

            replacement = current.Replace(request.RoundTable, request.ParticipantId, successor, request.Reason.Trim(), state.Mandate, now).OrThrow();
            return new Change<RoundTableChairs>(replacement.Chairs, [SessionsEvents.Replaced(state.Dialogue.Id, replacement)]);
        }, context.CancellationToken);
        return new ReplaceCoChairResponse
        {
            CoChair = Mapping.ToContract(replacement!.CoChair),
            Replaced = Mapping.ToContract(replacement.Replaced),
            Balance = Mapping.ToContract(replacement.Balance),
            Etag = ApiValues.Etag(version),
        };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<GetCoChairBalanceResponse> GetCoChairBalance(GetCoChairBalanceRequest request, ServerCallContext context)
    {
        var (chairs, version) = await state.LoadAsync(state.ChairsKey, RoundTableChairs.None, context.CancellationToken);
        var response = new GetCoChairBalanceResponse
        {
            Balance = Mapping.ToContract(chairs.Balance(state.Mandate)),
            // An empty board has no etag yet; an appointment then needs none.
            Etag = version > 0 ? ApiValues.Etag(version) : string.Empty,
        };
        response.CoChairs.AddRange(chairs.CoChairs.OrderBy(c => c.RoundTable).ThenBy(c => c.AppointedAt).Select(Mapping.ToContract));
        response.Consultations.AddRange(chairs.Consultations.OrderBy(c => c.RegionalGroup).Select(Mapping.ToContract));
        response.FormerCoChairs.AddRange(chairs.FormerCoChairs().Select(Mapping.ToContract));
        return response;
    }
}
