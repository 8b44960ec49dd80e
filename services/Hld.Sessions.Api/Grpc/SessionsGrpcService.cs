using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Sessions.V1;
using Hld.Platform.Errors;
using Hld.Platform.State;
using Hld.Sessions.Api.Handlers;
using Hld.Sessions.Dialogues;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Hld.Sessions.Api.Grpc;

/// <summary>The sessions service's gRPC surface.</summary>
public sealed class SessionsGrpcService(IOptions<DialogueOptions> dialogue, AggregateRepository repository) : SessionsService.SessionsServiceBase
{
    [Authorize]
    public override async Task<GetDialogueResponse> GetDialogue(GetDialogueRequest request, ServerCallContext context)
    {
        var d = dialogue.Value.ToDialogue();
        if (request.DialogueId.Length > 0 && request.DialogueId != d.Id)
        {
            throw new NotFoundException($"No dialogue '{request.DialogueId}'.");
        }

        var known = await repository.LoadAsync<KnownParticipants>(ParticipantRegisteredHandler.Key, context.CancellationToken);
        return new GetDialogueResponse
        {
            Dialogue = new Contracts.Sessions.V1.Dialogue
            {
                DialogueId = d.Id,
                OpensAt = Timestamp.FromDateTimeOffset(d.OpensAt),
                ClosesAt = Timestamp.FromDateTimeOffset(d.ClosesAt),
                Venue = new LocalizedText { Texts = { d.Venue.ToDictionary(StringComparer.Ordinal) } },
                FollowsGeneralDebateOfSession = d.FollowsGeneralDebateOfSession,
                Theme = new LocalizedText { Texts = { d.Theme.ToDictionary(StringComparer.Ordinal) } },
                KnownParticipants = known?.Value.Count ?? 0,
            },
        };
    }
}
