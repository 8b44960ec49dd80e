using System.Collections.Immutable;
using Hld.Domain;

namespace Hld.Registry.Participants;

/// <summary>Where an NGO's ECOSOC consultative status (para 9) comes from: never from the NGO's own say.</summary>
public enum EcosocStatusSource
{
    Unspecified = 0,

    /// <summary>The ECOSOC NGO Branch's list of organisations in consultative status, as the reference data holds it.</summary>
    ConsultativeStatusList = 1,

    /// <summary>Verified by the Secretariat (for instance a status granted after the list's date) and registered by it.</summary>
    SecretariatVerified = 2,
}

/// <summary>Anyone who may take part in the Dialogue: a State, an observer, or an organisation.</summary>
public sealed record Participant(
    string Id,
    ParticipantCategory Category,
    IReadOnlyDictionary<string, string> Names,
    string CountryCode,
    RegionalGroup RegionalGroup,
    EcosocStatus EcosocStatus)
{
    /// <summary>Where <see cref="EcosocStatus"/> comes from (para 9).</summary>
    public EcosocStatusSource EcosocStatusSource { get; init; }

    /// <summary>The year the status was granted, as the ECOSOC list records it.</summary>
    public int? EcosocStatusSince { get; init; }

    /// <summary>Short name, for entities known by one (ILO, ECLAC).</summary>
    public string? Acronym { get; init; }

    public string? Website { get; init; }

    public string? ContactEmail { get; init; }

    /// <summary>The organisation's expertise and involvement in migration and development (para 12).</summary>
    public string? Expertise { get; init; }

    /// <summary>Member of the Global Migration Group in 2013 (para 15 draws on its input).</summary>
    public bool GlobalMigrationGroupMember { get; init; }

    /// <summary>One of the five regional commissions (para 16).</summary>
    public bool RegionalCommission { get; init; }

    /// <summary>The reference data version it was loaded from; null when registered through a request.</summary>
    public string? ReferenceVersion { get; init; }

    public DateTimeOffset? RegisteredAt { get; init; }

    public bool IsOrganization => Participation.IsOrganization(Category);

    /// <summary>Same facts as <paramref name="other"/>, ignoring bookkeeping (registration time).</summary>
    public bool SameFactsAs(Participant other) =>
        Id == other.Id && Category == other.Category && CountryCode == other.CountryCode && RegionalGroup == other.RegionalGroup
        && EcosocStatus == other.EcosocStatus && EcosocStatusSource == other.EcosocStatusSource && EcosocStatusSince == other.EcosocStatusSince && Acronym == other.Acronym && Website == other.Website && ContactEmail == other.ContactEmail
        && Expertise == other.Expertise && GlobalMigrationGroupMember == other.GlobalMigrationGroupMember
        && RegionalCommission == other.RegionalCommission && ReferenceVersion == other.ReferenceVersion
        && Names.Count == other.Names.Count && Names.All(n => other.Names.TryGetValue(n.Key, out var v) && v == n.Value);
}
