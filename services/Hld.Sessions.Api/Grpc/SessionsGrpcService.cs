using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hld.Contracts.Sessions.V1;
using Hld.Domain;
using Hld.Modalities;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Sessions.Api.State;
using Hld.Sessions.Participants;
using Hld.Sessions.Programmes;
using Hld.Sessions.Wording;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Hld.Sessions.Api.Grpc;

/// <summary>
/// The sessions service's gRPC surface: check fields and caller, load, let the domain decide, commit
/// state and events together. One class over several files, one file per area of the mandate.
/// </summary>
public sealed partial class SessionsGrpcService(SessionsState state, IOptions<SessionsOptions> options, SessionsWording wording, DialogueDefinition definition) : SessionsService.SessionsServiceBase
{
    /// <summary>The note on the organisation of work among the dialogue definition's reports.</summary>
    private const string OrganisationOfWork = "organisation-of-work";

    /// <summary>Whether the definition in force seats IGOs without a standing invitation only from a PGA list (2013), or with a delegation (2022).</summary>
    private bool OtherIgosListed => definition.ParticipationOf(ParticipantCategory.OtherIgo).List is not null;

    [Authorize(Policy = Policies.Participants)]
    public override async Task<GetDialogueResponse> GetDialogue(GetDialogueRequest request, ServerCallContext context)
    {
        var d = state.Dialogue;
        if (request.DialogueId.Length > 0 && request.DialogueId != d.Id)
        {
            throw new NotFoundException($"No dialogue '{request.DialogueId}'.", "hld.sessions.v1.Dialogue", request.DialogueId);
        }

        var known = await state.KnownParticipantsAsync(context.CancellationToken);
        return new GetDialogueResponse
        {
            Dialogue = new Dialogue
            {
                DialogueId = d.Id,
                OpensAt = Timestamp.FromDateTimeOffset(d.OpensAt),
                ClosesAt = Timestamp.FromDateTimeOffset(d.ClosesAt),
                Venue = ApiValues.Localized(d.Venue),
                FollowsGeneralDebateOfSession = d.FollowsGeneralDebateOfSession,
                Theme = ApiValues.Localized(d.Theme),
                KnownParticipants = known,
                GeneralDebateEndsOn = ApiValues.Date(d.GeneralDebateEndsOn),
                FirstDay = ApiValues.Date(d.FirstDay),
                Days = d.Days,
                UtcOffset = (d.UtcOffset < TimeSpan.Zero ? "-" : "+") + d.UtcOffset.Duration().ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture),
                Source = options.Value.Dialogue.Source,
            },
        };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<GetProgrammeResponse> GetProgramme(GetProgrammeRequest request, ServerCallContext context)
    {
        var programme = await state.ProgrammeAsync(context.CancellationToken);
        return new GetProgrammeResponse
        {
            Programme = Mapping.ToContract(programme.Value, programme.Version, state.Dialogue, state.Mandate),
            Rules = Mapping.ToContract(state.Mandate),
        };
    }

    [Authorize(Roles = Roles.Secretariat)]
    public override async Task<ConfigureProgrammeResponse> ConfigureProgramme(ConfigureProgrammeRequest request, ServerCallContext context)
    {
        var candidate = Mapping.ToDomain(request.Programme);
        var expected = AggregateRepository.ParseEtag(request.Etag);
        var current = await state.ProgrammeAsync(context.CancellationToken);
        if (current.Version != expected)
        {
            throw new ConcurrencyConflictException();
        }

        var programme = ProgrammePlanning.Configure(state.Dialogue, state.Mandate, candidate).OrThrow();
        var version = await Commit(state.ProgrammeKey, current.Version, programme,
            [SessionsEvents.ProgrammeConfigured(state, programme, current.Version + 1, fromConfiguration: false)], context);
        return new ConfigureProgrammeResponse { Programme = Mapping.ToContract(programme, version, state.Dialogue, state.Mandate) };
    }

    private static Caller CallerOf(ServerCallContext context) => Caller.From(context);

    /// <summary>A State or observer acts only for itself; checked before anything is read, so the answer never reveals what exists.</summary>
    private static void EnsureDelegationActsForItself(ServerCallContext context, string participantId)
    {
        var caller = CallerOf(context);
        if (caller.Is(Roles.MemberState) || caller.Is(Roles.Observer))
        {
            caller.EnsureActsFor(participantId);
        }
    }

    private async Task<long> Commit<T>(string key, long expectedVersion, T value, IEnumerable<Google.Protobuf.IMessage> events, ServerCallContext context)
    {
        var (_, version) = await state.ChangeAsync(key, value, (_, stored) =>
            stored == expectedVersion ? new Change<T>(value, [.. events]) : throw new ConcurrencyConflictException(), context.CancellationToken);
        return version;
    }
}
