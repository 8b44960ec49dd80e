using Hld.Domain;

namespace Hld.Registry.Participants;

/// <summary>Registration of a participant under the category rules of paras 4-9 and 12.</summary>
public static class ParticipantRegistration
{
    /// <summary>Decides whether <paramref name="candidate"/> may be registered, given what is stored under its id.</summary>
    public static Decision<Participant> Register(Participant? existing, Participant candidate)
    {
        if (existing is not null)
        {
            return new RuleViolation("PARTICIPANT_ALREADY_REGISTERED", "4", $"Participant '{candidate.Id}' is already registered; a participant is registered once.");
        }

        if (candidate.Category == ParticipantCategory.EcosocNgo
            && candidate.EcosocStatus is not (EcosocStatus.General or EcosocStatus.Special or EcosocStatus.Roster))
        {
            return new RuleViolation("ECOSOC_STATUS_REQUIRED", "9", "An NGO registered under para 9 must hold ECOSOC consultative status (general, special or roster).");
        }

        if (candidate.Category == ParticipantCategory.MemberState && candidate.RegionalGroup == RegionalGroup.Unspecified)
        {
            return new RuleViolation("REGIONAL_GROUP_REQUIRED", "5", "A Member State is registered with its regional group (or None where it belongs to none).");
        }

        return candidate;
    }
}
