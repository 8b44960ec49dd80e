using Hld.Domain;

namespace Hld.Registry.Reference;

/// <summary>How a State belongs to a regional group.</summary>
public enum GroupStanding
{
    Unspecified = 0,
    Member = 1,
    Observer = 2,
}

/// <summary>
/// A State's place in a regional group over a period. <paramref name="CountsHere"/> marks the one group
/// the State counts in for elections and every geographic-balance rule; a State may take part in a
/// second group without counting there (Türkiye), or count in a group it attends as an observer
/// (the United States in WEOG).
/// </summary>
public sealed record GroupMembership(
    RegionalGroup Group,
    GroupStanding Standing,
    bool CountsHere,
    DateOnly? From = null,
    DateOnly? Until = null,
    string? Note = null)
{
    /// <summary>True on <paramref name="day"/>; an open start means "since before the source's period".</summary>
    public bool HeldOn(DateOnly day) => (From is null || From <= day) && (Until is null || day < Until);
}

/// <summary>Where a reference file comes from.</summary>
public sealed record ReferenceSource(string File, string Version, string Source);

/// <summary>A Member State or an observer State, as the reference data lists it.</summary>
public sealed record ReferenceState(
    string Code,
    ParticipantCategory Category,
    IReadOnlyDictionary<string, string> Names,
    IReadOnlyList<GroupMembership> Groups,
    string? Note = null);

/// <summary>An organisation the resolution invites by name or kind (paras 6, 7): the EU, UN entities, IOM, a rapporteur.</summary>
public sealed record ReferenceEntity(
    string Id,
    ParticipantCategory Category,
    IReadOnlyDictionary<string, string> Names,
    string? Acronym,
    string CountryCode,
    bool GlobalMigrationGroupMember = false,
    bool RegionalCommission = false,
    string? Note = null);

/// <summary>
/// An organisation on the ECOSOC NGO Branch's list of non-governmental organisations in consultative status
/// with the Economic and Social Council (para 9): its name as listed, its status, and the year it was granted.
/// </summary>
public sealed record ConsultativeStatusEntry(string Name, EcosocStatus Status, int? YearGranted);

/// <summary>One parsed reference file; <paramref name="Consultative"/> is the list of organisations in consultative status, when the file is that list.</summary>
public sealed record ReferenceFile(ReferenceSource Source, IReadOnlyList<ReferenceState> States, IReadOnlyList<ReferenceEntity> Entities, IReadOnlyList<ConsultativeStatusEntry>? Consultative = null);
