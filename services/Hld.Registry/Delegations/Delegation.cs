using System.Collections.Immutable;
using Hld.Domain;
using Hld.Registry.Participants;

namespace Hld.Registry.Delegations;

/// <summary>Who leads a delegation, by name and title.</summary>
public sealed record HeadOfDelegation(string Name, string Title);

/// <summary>A member of a delegation.</summary>
public sealed record DelegationMember(string Name, string Function);

/// <summary>The one delegation of a State or observer (para 5), with its level of representation.</summary>
public sealed record Delegation(
    string ParticipantId,
    ParticipantCategory Category,
    RegionalGroup RegionalGroup,
    HeadOfDelegation Head,
    LevelOfRepresentation Level,
    ImmutableList<DelegationMember> Members);

/// <summary>The level of a delegation was set or changed: the plenary speakers list orders on it (para 5).</summary>
public sealed record DelegationLevelChange(Delegation Delegation, LevelOfRepresentation PreviousLevel);

/// <summary>The outcome of setting a delegation: the delegation, and the level change to publish when there is one.</summary>
public sealed record DelegationUpdate(Delegation Delegation, DelegationLevelChange? LevelChange);

/// <summary>Para 5: Member States and observers take part at the highest possible level, one delegation each.</summary>
public static class Delegations
{
    public static Decision<DelegationUpdate> Set(
        Delegation? current,
        Participant participant,
        HeadOfDelegation head,
        LevelOfRepresentation level,
        IReadOnlyList<DelegationMember> members,
        ParticipationRoutes routes)
    {
        if (!routes.HasDelegation(participant.Category))
        {
            return new RuleViolation("DELEGATION_NOT_APPLICABLE", Rules.Participation(ParticipantCategory.MemberState), Refusals.Text("DelegationNotApplicable", Rules.List(ListKind.OtherIgos), Rules.List(ListKind.EcosocNgos), Rules.List(ListKind.OtherStakeholders)));
        }

        if (level == LevelOfRepresentation.Unspecified)
        {
            return new RuleViolation("LEVEL_OF_REPRESENTATION_REQUIRED", Rules.Precedence, Refusals.Text("LevelOfRepresentationRequired"));
        }

        var next = new Delegation(participant.Id, participant.Category, participant.RegionalGroup, head, level, [.. members]);
        var previous = current?.Level ?? LevelOfRepresentation.Unspecified;
        return new DelegationUpdate(next, previous == level ? null : new DelegationLevelChange(next, previous));
    }
}
