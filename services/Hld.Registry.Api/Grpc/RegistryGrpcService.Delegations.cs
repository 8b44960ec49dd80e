using Grpc.Core;
using Hld.Contracts.Registry.V1;
using Hld.Domain;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Registry.Api.Storage;
using Microsoft.AspNetCore.Authorization;
using Common = Hld.Contracts.Common.V1;
using Model = Hld.Registry.Delegations;

namespace Hld.Registry.Api.Grpc;

/// <summary>Para 5: one delegation per State or observer, with its level of representation.</summary>
public sealed partial class RegistryGrpcService
{
    private const int MaxDelegationMembers = 50;

    [Authorize(Roles = $"{Roles.PgaOffice},{Roles.Secretariat},{Roles.ReportingReader},{Roles.MemberState},{Roles.Observer}")]
    public override async Task<GetDelegationResponse> GetDelegation(GetDelegationRequest request, ServerCallContext context)
    {
        new FieldChecks().RequireId(request.ParticipantId, "participant_id").ThrowIfAny();
        EnsureActsFor(context, request.ParticipantId, Roles.PgaOffice, Roles.Secretariat, Roles.ReportingReader);
        var stored = await repository.LoadAsync<Model.Delegation>(RegistryKeys.Delegation(request.ParticipantId), context.CancellationToken)
            ?? throw new NotFoundException($"'{request.ParticipantId}' has no delegation yet.", "hld.registry.v1.Delegation", request.ParticipantId);
        return new GetDelegationResponse { Delegation = RegistryMapping.ToContract(stored.Value, stored.Etag) };
    }

    [Authorize(Roles = $"{Roles.MemberState},{Roles.Observer}")]
    public override async Task<UpdateDelegationResponse> UpdateDelegation(UpdateDelegationRequest request, ServerCallContext context)
    {
        var d = request.Delegation;
        var checks = new FieldChecks().Require(d is not null, "delegation", "is required");
        checks.ThrowIfAny();
        RequireId(checks, d!.ParticipantId, "delegation.participant_id");
        checks.RequireText(d.Head?.Name, "delegation.head.name", 200)
            .Require(d.Head is null || d.Head.Title.Length <= 200, "delegation.head.title", "must be at most 200 characters")
            .Require(d.Level != Common.LevelOfRepresentation.Unspecified && System.Enum.IsDefined(d.Level), "delegation.level", "must be one of the levels of representation")
            .Require(d.Members.Count <= MaxDelegationMembers, "delegation.members", $"must be at most {MaxDelegationMembers}");
        // Members are checked one by one only when there are not too many of them to begin with.
        for (var i = 0; d.Members.Count <= MaxDelegationMembers && i < d.Members.Count; i++)
        {
            checks.RequireText(d.Members[i].Name, $"delegation.members[{i}].name", 200)
                .Require(d.Members[i].Function.Length <= 200, $"delegation.members[{i}].function", "must be at most 200 characters");
        }

        checks.ThrowIfAny();
        var expected = d.Etag.Length == 0 ? 0 : AggregateRepository.ParseEtag(d.Etag, "delegation.etag");

        // A State or observer edits only its own delegation: checked before anything is read.
        EnsureActsFor(context, d.ParticipantId);
        var participant = await participants.LoadAsync(d.ParticipantId, context.CancellationToken)
            ?? throw new NotFoundException($"'{d.ParticipantId}' is not registered.", ParticipantResource, d.ParticipantId);

        // The caller acts for this participant, so reading it told them nothing new; the role must also
        // be the participant's: a Member State's delegation is not an observer's to set, nor the reverse.
        if (!RoleFits(Caller.From(context), participant.Value.Category))
        {
            throw new PermissionDeniedException("The caller's role does not match the participant's category: member-state acts for a Member State, observer for an observer State or organisation.");
        }

        var key = RegistryKeys.Delegation(d.ParticipantId);
        var current = await repository.LoadAsync<Model.Delegation>(key, context.CancellationToken);
        EnsureVersion(current?.Version ?? 0, expected);
        var update = Model.Delegations.Set(
            current?.Value,
            participant.Value,
            new Model.HeadOfDelegation(d.Head!.Name, d.Head.Title),
            (LevelOfRepresentation)d.Level,
            [.. d.Members.Select(m => new Model.DelegationMember(m.Name, m.Function))],
            routes).OrThrow();
        var next = expected + 1;
        var version = await repository.CommitAsync(
            key,
            expected,
            update.Delegation,
            update.LevelChange is { } change ? [RegistryEvents.LevelChanged(change, next)] : [],
            context.CancellationToken);
        return new UpdateDelegationResponse { Delegation = RegistryMapping.ToContract(update.Delegation, version.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
    }

    // Other categories have no delegation at all, which the domain refuses under para 5.
    private static bool RoleFits(Caller caller, Hld.Domain.ParticipantCategory category) => category switch
    {
        Hld.Domain.ParticipantCategory.MemberState => caller.Is(Roles.MemberState),
        Hld.Domain.ParticipantCategory.ObserverState or Hld.Domain.ParticipantCategory.ObserverOrganization => caller.Is(Roles.Observer),
        _ => true,
    };
}
