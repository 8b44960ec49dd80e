using Hld.Domain;

namespace Hld.Hearings.Participation;

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
