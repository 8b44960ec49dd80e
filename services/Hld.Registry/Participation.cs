using Hld.Domain;

namespace Hld.Registry;

/// <summary>
/// How each kind of participant takes part, as General Assembly practice has it: States and observers
/// through a delegation, organisations through one of the PGA's lists. Which paragraph of the meeting's
/// resolution invites each is the dialogue definition's to say (<see cref="Rules.Participation"/>).
/// </summary>
public static class Participation
{
    /// <summary>States and observers take part through a delegation with a level of representation.</summary>
    public static bool HasDelegation(ParticipantCategory category) => category is
        ParticipantCategory.MemberState or ParticipantCategory.ObserverState or ParticipantCategory.ObserverOrganization
        or ParticipantCategory.UnSystemEntity or ParticipantCategory.SpecialProcedure or ParticipantCategory.IgoStandingInvitation;

    /// <summary>The list of the PGA an organisation needs to be on to take part; null for States and observers.</summary>
    public static ListKind? ListFor(ParticipantCategory category) => category switch
    {
        ParticipantCategory.OtherIgo => ListKind.OtherIgos,
        ParticipantCategory.EcosocNgo => ListKind.EcosocNgos,
        ParticipantCategory.OtherNgo or ParticipantCategory.CivilSocietyOrganization
            or ParticipantCategory.AcademicInstitution or ParticipantCategory.PrivateSectorEntity => ListKind.OtherStakeholders,
        _ => null,
    };
}
