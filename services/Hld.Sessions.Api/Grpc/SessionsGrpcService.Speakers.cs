using Grpc.Core;
using Hld.Contracts.Sessions.V1;
using Hld.Domain;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Sessions.Api.State;
using Hld.Sessions.Speakers;
using Microsoft.AspNetCore.Authorization;

namespace Hld.Sessions.Api.Grpc;

// Paras 5 and 13: the plenary speakers lists.
public sealed partial class SessionsGrpcService
{
    [Authorize(Roles = $"{Roles.MemberState},{Roles.Observer},{Roles.Secretariat}")]
    public override async Task<InscribeSpeakerResponse> InscribeSpeaker(InscribeSpeakerRequest request, ServerCallContext context)
    {
        new FieldChecks()
            .RequireNumber(request.MeetingNumber, state.Mandate.PlenaryMeetings, "meeting_number")
            .RequireId(request.ParticipantId, "participant_id")
            .ThrowIfAny();
        EnsureDelegationActsForItself(context, request.ParticipantId);
        var known = (await state.DirectoryAsync([request.ParticipantId], context.CancellationToken)).Require(request.ParticipantId, Rules.Precedence, Refusals.Text("ToBeInscribedADelegation")).OrThrow();
        var acceptedOn = known.Category == ParticipantCategory.OtherIgo ? (await state.FinalListsAsync(context.CancellationToken)).Para8ListOf(known.Id) : null;
        var delegation = new Delegation(known.Id, known.Category, known.RegionalGroup, known.Name, acceptedOn);
        var programme = (await state.ProgrammeAsync(context.CancellationToken)).Value;
        var now = state.Now;
        SpeakersListOrder? order = null;
        await state.ChangeAsync(state.SpeakersListKey(request.MeetingNumber), PlenarySpeakersList.Open(request.MeetingNumber), async (list, _) =>
        {
            var next = list.Inscribe(delegation, now, OtherIgosListed).OrThrow();
            var directory = await state.DirectoryAsync(next, [], context.CancellationToken);
            order = SessionsState.Order(next, directory, programme);
            var position = order.Of(delegation.ParticipantId)!;
            return new Change<PlenarySpeakersList>(next, [.. SessionsEvents.WithFigures(state.Dialogue.Id, request.MeetingNumber, order, SessionsEvents.Inscribed(state.Dialogue.Id, request.MeetingNumber, position))]);
        }, context.CancellationToken);
        return new InscribeSpeakerResponse
        {
            Position = Mapping.ToContract(order!.Of(delegation.ParticipantId)!),
            Figures = Mapping.ToContract(request.MeetingNumber, order.Figures),
        };
    }

    [Authorize(Roles = $"{Roles.MemberState},{Roles.Observer},{Roles.Secretariat}")]
    public override async Task<WithdrawInscriptionResponse> WithdrawInscription(WithdrawInscriptionRequest request, ServerCallContext context)
    {
        new FieldChecks()
            .RequireNumber(request.MeetingNumber, state.Mandate.PlenaryMeetings, "meeting_number")
            .RequireId(request.ParticipantId, "participant_id")
            .ThrowIfAny();
        EnsureDelegationActsForItself(context, request.ParticipantId);
        var revision = AggregateRepository.ParseEtag(request.Etag);
        var programme = (await state.ProgrammeAsync(context.CancellationToken)).Value;
        var now = state.Now;
        SpeakersListOrder? order = null;
        await state.ChangeAsync(state.SpeakersListKey(request.MeetingNumber), PlenarySpeakersList.Open(request.MeetingNumber), async (list, _) =>
        {
            var inscription = list.Find(request.ParticipantId)
                ?? throw new NotFoundException($"'{request.ParticipantId}' is not inscribed for plenary meeting {request.MeetingNumber}.", "hld.sessions.v1.SpeakerPosition", $"{request.MeetingNumber}/{request.ParticipantId}");
            if (inscription.Revision != revision)
            {
                throw new ConcurrencyConflictException();
            }

            var directory = await state.DirectoryAsync(list, [], context.CancellationToken);
            var previous = SessionsState.Order(list, directory, programme).Of(inscription.ParticipantId)!;
            var next = list.Withdraw(inscription.ParticipantId).OrThrow();
            order = SessionsState.Order(next, directory, programme);
            return new Change<PlenarySpeakersList>(next, [.. SessionsEvents.WithFigures(state.Dialogue.Id, request.MeetingNumber, order, SessionsEvents.Withdrawn(state.Dialogue.Id, request.MeetingNumber, previous, now))]);
        }, context.CancellationToken);
        return new WithdrawInscriptionResponse { Figures = Mapping.ToContract(request.MeetingNumber, order!.Figures) };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<GetSpeakersListResponse> GetSpeakersList(GetSpeakersListRequest request, ServerCallContext context)
    {
        new FieldChecks()
            .RequireNumber(request.MeetingNumber, state.Mandate.PlenaryMeetings, "meeting_number")
            .RequireLanguages(request.Languages, "languages")
            .ThrowIfAny();
        var (list, _) = await state.LoadAsync(state.SpeakersListKey(request.MeetingNumber), PlenarySpeakersList.Open(request.MeetingNumber), context.CancellationToken);
        var directory = await state.DirectoryAsync(list, [], context.CancellationToken);
        var programme = (await state.ProgrammeAsync(context.CancellationToken)).Value;
        var order = SessionsState.Order(list, directory, programme);
        var (page, next) = Paging.Page(order.Positions, request.PageSize, request.PageToken, $"speakers-list/{request.MeetingNumber}", defaultSize: 100, maximum: 500);
        var response = new GetSpeakersListResponse
        {
            NextPageToken = next,
            Figures = Mapping.ToContract(request.MeetingNumber, order.Figures),
        };
        IReadOnlySet<string>? languages = request.Languages.Count == 0 ? null : request.Languages.ToHashSet(StringComparer.Ordinal);
        response.Positions.AddRange(page.Select(p => Mapping.ToContract(p, languages)));
        return response;
    }
}
