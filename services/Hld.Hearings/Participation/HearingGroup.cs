using Hld.Domain;

namespace Hld.Hearings.Participation;

/// <summary>The three groups of the hearing's public (paras 11 and 13), numbered like hld.common.v1.HearingGroup.</summary>
public enum HearingGroup
{
    Unspecified = 0,
    EcosocNgo = 1,
    CivilSociety = 2,
    PrivateSector = 3,
}

public static class HearingGroups
{
    /// <summary>
    /// The group an organisation belongs to by its category; null for categories that are not the
    /// hearing's public (States, observers, IGOs). Academia and other NGOs count as civil society.
    /// </summary>
    public static HearingGroup? Of(ParticipantCategory category) => category switch
    {
        ParticipantCategory.EcosocNgo => HearingGroup.EcosocNgo,
        ParticipantCategory.OtherNgo or ParticipantCategory.CivilSocietyOrganization or ParticipantCategory.AcademicInstitution => HearingGroup.CivilSociety,
        ParticipantCategory.PrivateSectorEntity => HearingGroup.PrivateSector,
        _ => null,
    };
}
