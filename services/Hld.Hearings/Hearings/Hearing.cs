using Hld.Domain;

namespace Hld.Hearings.Hearings;

/// <summary>The one-day informal interactive hearing (para 11) of a dialogue.</summary>
public sealed record Hearing(string DialogueId, DateOnly? Date);

/// <summary>Organisations the hearing knows of from registry events, and which of them may attend.</summary>
public sealed record KnownOrganizations(long Eligible)
{
    /// <summary>Organisations of the para 9 and para 12 categories are the hearing's public (para 11).</summary>
    public static bool IsHearingCategory(ParticipantCategory category) => category is
        ParticipantCategory.EcosocNgo or ParticipantCategory.OtherNgo or ParticipantCategory.CivilSocietyOrganization
        or ParticipantCategory.AcademicInstitution or ParticipantCategory.PrivateSectorEntity;

    public KnownOrganizations Learn(ParticipantCategory category) => IsHearingCategory(category) ? this with { Eligible = Eligible + 1 } : this;
}
