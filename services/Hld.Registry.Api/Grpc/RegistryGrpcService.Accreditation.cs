using Grpc.Core;
using Hld.Contracts.Registry.V1;
using Hld.Domain;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Registry.Accreditation;
using Hld.Registry.Api.Storage;
using Hld.Registry.Indexing;
using Microsoft.AspNetCore.Authorization;
using Model = Hld.Registry.Participants;

namespace Hld.Registry.Api.Grpc;

/// <summary>Accreditation of representatives: by a State or observer delegation, or an organisation on a final list.</summary>
public sealed partial class RegistryGrpcService
{
    private const string Accreditors = $"{Roles.Secretariat},{Roles.MemberState},{Roles.Observer},{Roles.Stakeholder}";

    [Authorize(Roles = Accreditors)]
    public override async Task<AccreditRepresentativeResponse> AccreditRepresentative(AccreditRepresentativeRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        RequireId(checks, request.ParticipantId, "participant_id");
        checks.RequireText(request.GivenName, "given_name", 100)
            .RequireText(request.FamilyName, "family_name", 100)
            .RequireText(request.Function, "function", 200)
            .ThrowIfAny();
        EnsureActsFor(context, request.ParticipantId, Roles.Secretariat);

        var participant = await participants.LoadAsync(request.ParticipantId, context.CancellationToken)
            ?? throw new NotFoundException($"No participant '{request.ParticipantId}' is registered.", ParticipantResource, request.ParticipantId);
        var standing = await StandingOfAsync(participant.Value, context.CancellationToken);
        if (Accreditations.Eligibility(participant.Value, standing, routes) is { } refused)
        {
            throw new RuleViolationException(refused);
        }

        // The badge number is drawn once the participant may accredit, from one counter per dialogue,
        // so it is unique; a lost race below retries with the same number.
        var sequence = await repository.UpdateAsync<long>(RegistryKeys.Badges(options.Value.DialogueId), n => n + 1, context.CancellationToken);
        var badge = Accreditations.BadgeNumber(options.Value.DialogueId, sequence);
        var nominee = new Nominee(request.GivenName.Trim(), request.FamilyName.Trim(), request.Function.Trim());
        // Another representative of the same participant may be accredited meanwhile: decided again.
        Hld.Registry.Accreditation.Representative? accredited = null;
        await repository.ChangeAsync<ParticipantAccreditation>(RegistryKeys.Accreditation(request.ParticipantId), current =>
        {
            var (accreditation, representative) = Accreditations.Accredit(current?.Value, participant.Value, standing, nominee, badge, Now, routes).OrThrow();
            accredited = representative;
            return new Change<ParticipantAccreditation>(accreditation, [RegistryEvents.Accredited(participant.Value, representative)]);
        }, AggregateRepository.UntilCommitted, context.CancellationToken);
        return new AccreditRepresentativeResponse { Representative = RegistryMapping.ToContract(accredited!, participant.Value.Id) };
    }

    [Authorize(Roles = $"{Accreditors},{Roles.PgaOffice}")]
    public override async Task<ListRepresentativesResponse> ListRepresentatives(ListRepresentativesRequest request, ServerCallContext context)
    {
        var scope = $"representatives/{request.ParticipantId.ToUpperInvariant()}";
        var checks = new FieldChecks();
        var size = checks.Size(request.PageSize);
        var offset = (int)checks.Position(request.PageToken, scope);
        RequireId(checks, request.ParticipantId, "participant_id");
        checks.ThrowIfAny();
        EnsureActsFor(context, request.ParticipantId, Roles.Secretariat, Roles.PgaOffice);
        var stored = await repository.LoadAsync<ParticipantAccreditation>(RegistryKeys.Accreditation(request.ParticipantId), context.CancellationToken);
        var all = stored?.Value.Representatives ?? [];
        var end = Math.Min(all.Count, offset + size);
        return new ListRepresentativesResponse
        {
            Representatives = { all.Skip(offset).Take(size).Select(r => RegistryMapping.ToContract(r, stored!.Value.ParticipantId)) },
            NextPageToken = end < all.Count ? Paging.Token(scope, end) : string.Empty,
        };
    }

    [Authorize(Roles = Accreditors)]
    public override async Task<WithdrawRepresentativeResponse> WithdrawRepresentative(WithdrawRepresentativeRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        RequireId(checks, request.ParticipantId, "participant_id");
        RequireId(checks, request.RepresentativeId, "representative_id");
        checks.ThrowIfAny();
        EnsureActsFor(context, request.ParticipantId, Roles.Secretariat);
        // Another change to the same participant's representatives may come first: decided again.
        Hld.Registry.Accreditation.Representative? answer = null;
        var stored = await repository.ChangeAsync<ParticipantAccreditation>(RegistryKeys.Accreditation(request.ParticipantId), current =>
        {
            if ((current is null ? null : Accreditations.Withdraw(current.Value, request.RepresentativeId, Now)) is not { } withdrawal)
            {
                throw new NotFoundException($"No representative '{request.RepresentativeId}' is accredited for '{request.ParticipantId}'.", "hld.registry.v1.Representative", $"{request.ParticipantId}/{request.RepresentativeId}");
            }

            if (withdrawal.Withdrawn is not { } withdrawn)
            {
                answer = current!.Value.Representatives.Single(r => r.Id == request.RepresentativeId);
                return null;
            }

            answer = withdrawn;
            return new Change<ParticipantAccreditation>(withdrawal.Accreditation, [RegistryEvents.Withdrawn(current!.Value.ParticipantId, withdrawn)]);
        }, AggregateRepository.UntilCommitted, context.CancellationToken);
        return new WithdrawRepresentativeResponse { Representative = RegistryMapping.ToContract(answer!, stored!.Value.ParticipantId) };
    }

    /// <summary>What entitles a participant to accredit: its delegation (States, observers) or a final list it stands on (organisations).</summary>
    private async Task<AccreditationStanding> StandingOfAsync(Model.Participant participant, CancellationToken cancellationToken)
    {
        if (routes.HasDelegation(participant.Category))
        {
            var delegation = await repository.LoadAsync<Delegations.Delegation>(RegistryKeys.Delegation(participant.Id), cancellationToken);
            return new AccreditationStanding(delegation is not null, StandsOnFinalList: false);
        }

        var kind = routes.ListFor(participant.Category);
        var standsOnFinalList = kind is { } k && (await lists.OfKindAsync(k, cancellationToken)).Any(l => l.Value.Admits(participant.Id));
        return new AccreditationStanding(HasDelegation: false, standsOnFinalList);
    }
}
