using Grpc.Core;
using Hld.Contracts.Sessions.V1;
using Hld.Domain;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Sessions.Api.State;
using Hld.Sessions.RoundTables;
using Microsoft.AspNetCore.Authorization;

namespace Hld.Sessions.Api.Grpc;

// Paras 3(b) and 13: who takes part in each round table.
public sealed partial class SessionsGrpcService
{
    [Authorize(Roles = $"{Roles.MemberState},{Roles.Observer},{Roles.Secretariat},{Roles.PgaOffice}")]
    public override async Task<AssignRoundTableParticipantResponse> AssignRoundTableParticipant(AssignRoundTableParticipantRequest request, ServerCallContext context)
    {
        new FieldChecks()
            .RequireNumber(request.RoundTable, state.Mandate.RoundTables, "round_table")
            .RequireId(request.ParticipantId, "participant_id")
            .ThrowIfAny();
        EnsureDelegationActsForItself(context, request.ParticipantId);
        var candidate = await SeatCandidateAsync(request.ParticipantId, context.CancellationToken);
        if (RoundTableParticipation.IsStakeholder(candidate.Category) && !CallerOf(context).Is(Roles.PgaOffice))
        {
            // Para 13: the PGA, consulting Member States, fixes which organisations take part in each round table.
            throw new PermissionDeniedException("Only the PGA office seats NGOs, civil society and the private sector at the round tables (para 13).");
        }

        var programme = (await state.ProgrammeAsync(context.CancellationToken)).Value;
        var table = programme.RoundTableNumbered(request.RoundTable)!;
        var now = state.Now;
        var (participation, _) = await state.ChangeAsync(state.ParticipationKey, RoundTableParticipation.None, (current, _) =>
        {
            var next = current.Assign(table, candidate, programme, now, OtherIgosListed).OrThrow();
            return new Change<RoundTableParticipation>(next, [SessionsEvents.Assigned(state.Dialogue.Id, next.Seats[^1], next.Spread(table))]);
        }, context.CancellationToken);
        return new AssignRoundTableParticipantResponse
        {
            Participant = Mapping.ToContract(participation.Seats[^1]),
            Spread = Mapping.ToContract(participation.Spread(table)),
        };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<ListRoundTableParticipantsResponse> ListRoundTableParticipants(ListRoundTableParticipantsRequest request, ServerCallContext context)
    {
        new FieldChecks().RequireNumber(request.RoundTable, state.Mandate.RoundTables, "round_table").ThrowIfAny();
        var programme = (await state.ProgrammeAsync(context.CancellationToken)).Value;
        var table = programme.RoundTableNumbered(request.RoundTable)!;
        var (participation, _) = await state.LoadAsync(state.ParticipationKey, RoundTableParticipation.None, context.CancellationToken);
        var (page, next) = Paging.Page(participation.At(table.Number), request.PageSize, request.PageToken, $"round-table/{table.Number}", defaultSize: 100, maximum: 500);
        var response = new ListRoundTableParticipantsResponse { NextPageToken = next, Spread = Mapping.ToContract(participation.Spread(table)) };
        response.Participants.AddRange(page.Select(Mapping.ToContract));
        return response;
    }

    /// <summary>
    /// What the read models know of a participant: an organisation as it stands on a final list (para
    /// 13), a State or observer as the registry announced it; one known to neither is refused.
    /// </summary>
    private async Task<SeatCandidate> SeatCandidateAsync(string participantId, CancellationToken cancellationToken)
    {
        if ((await state.FinalListsAsync(cancellationToken)).Find(participantId) is var (entry, list))
        {
            return new SeatCandidate(entry.ParticipantId, entry.Category, entry.RegionalGroup, entry.Name, list.ListId);
        }

        var known = (await state.DirectoryAsync([participantId], cancellationToken)).Require(participantId, Rules.MeetingCounts, Refusals.Text("ToTakePartInARoundTableAParticipant")).OrThrow();
        return new SeatCandidate(known.Id, known.Category, known.RegionalGroup, known.Name, null);
    }
}
