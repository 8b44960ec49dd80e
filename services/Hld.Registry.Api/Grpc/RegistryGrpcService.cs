using Grpc.Core;
using Hld.Contracts.Registry.V1;
using Hld.Domain;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Registry.Participants;
using Microsoft.AspNetCore.Authorization;

namespace Hld.Registry.Api.Grpc;

/// <summary>The registry's gRPC surface: translate, let the domain decide, commit with events.</summary>
public sealed class RegistryGrpcService(AggregateRepository repository) : RegistryService.RegistryServiceBase
{
    private static string Key(string participantId) => $"registry/participant/{participantId.ToUpperInvariant()}";

    [Authorize(Roles = $"{Roles.Secretariat},{Roles.PgaOffice},{Roles.Stakeholder}")]
    public override async Task<RegisterParticipantResponse> RegisterParticipant(RegisterParticipantRequest request, ServerCallContext context)
    {
        var candidate = ParticipantMapping.ToDomain(request.Participant);
        var caller = Caller.From(context);
        if (caller.Is(Roles.Stakeholder))
        {
            // An organisation registers only itself.
            caller.EnsureActsFor(candidate.Id);
        }

        var key = Key(candidate.Id);
        var existing = await repository.LoadAsync<Participants.Participant>(key, context.CancellationToken);
        var registered = ParticipantRegistration.Register(existing?.Value, candidate).OrThrow();
        var version = await repository.CommitAsync(key, existing?.Version ?? 0, registered, [ParticipantMapping.ToEvent(registered)], context.CancellationToken);
        return new RegisterParticipantResponse { Participant = ParticipantMapping.ToContract(registered, version.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
    }

    [Authorize]
    public override async Task<GetParticipantResponse> GetParticipant(GetParticipantRequest request, ServerCallContext context)
    {
        new FieldChecks().Require(ParticipantMapping.IsId(request.ParticipantId), "participant_id", "must be 2-64 characters of letters, digits, '-' or '_'").ThrowIfAny();
        var caller = Caller.From(context);
        if (caller.Is(Roles.Stakeholder))
        {
            // An organisation sees only its own registration; checked before the read so the answer
            // is the same whether or not the other registration exists.
            caller.EnsureActsFor(request.ParticipantId);
        }

        var stored = await repository.LoadAsync<Participants.Participant>(Key(request.ParticipantId), context.CancellationToken)
            ?? throw new NotFoundException($"No participant '{request.ParticipantId}' is registered.");
        return new GetParticipantResponse { Participant = ParticipantMapping.ToContract(stored.Value, stored.Etag) };
    }
}
