using System.Collections.Immutable;
using Hld.Domain;

namespace Hld.Registry;

/// <summary>What a category of participant is, whatever the meeting: States and observers, or organisations with a seat.</summary>
public static class Participation
{
    /// <summary>An organisation (an IGO without a standing invitation, an NGO, civil society, academia, the private sector): it has a country of its seat.</summary>
    public static bool IsOrganization(ParticipantCategory category) => category is
        ParticipantCategory.OtherIgo or ParticipantCategory.EcosocNgo or ParticipantCategory.OtherNgo
        or ParticipantCategory.CivilSocietyOrganization or ParticipantCategory.AcademicInstitution or ParticipantCategory.PrivateSectorEntity;
}

/// <summary>How one category takes part in the meeting: through a delegation, or through one of the PGA's lists.</summary>
public sealed record ParticipationRoute(ParticipantCategory Category, bool Delegation, ListKind? List);

/// <summary>
/// How each category takes part in the meeting in force, as its dialogue definition says
/// (<c>$.participation</c>): in 2013 other IGOs through the PGA's para 8 list, at the Forum of 2022 with
/// a delegation as IGOs with a standing invitation. The host builds it from the definition; a category
/// the definition does not route takes part neither way.
/// </summary>
public sealed class ParticipationRoutes(IEnumerable<ParticipationRoute> routes)
{
    private readonly ImmutableDictionary<ParticipantCategory, ParticipationRoute> _routes = routes.ToImmutableDictionary(r => r.Category);

    /// <summary>The category takes part through a delegation with a level of representation.</summary>
    public bool HasDelegation(ParticipantCategory category) => _routes.TryGetValue(category, out var route) && route.Delegation;

    /// <summary>The list of the PGA the category needs to be on to take part; null when it takes part otherwise.</summary>
    public ListKind? ListFor(ParticipantCategory category) => _routes.TryGetValue(category, out var route) ? route.List : null;
}
