// Linked into every pure domain project: the vocabulary of the modalities resolutions that more than one
// mandate uses. The numbering matches hld.common.v1 so hosts translate by value.
namespace Hld.Domain;

/// <summary>The five regional groups of the General Assembly.</summary>
public enum RegionalGroup
{
    Unspecified = 0,
    AfricanStates = 1,
    AsiaPacificStates = 2,
    EasternEuropeanStates = 3,
    LatinAmericanAndCaribbeanStates = 4,
    WesternEuropeanAndOtherStates = 5,
    None = 6,
}

/// <summary>Participant categories under General Assembly practice (paras 4-9, 12).</summary>
public enum ParticipantCategory
{
    Unspecified = 0,
    MemberState = 1,
    ObserverState = 2,
    ObserverOrganization = 3,
    UnSystemEntity = 4,
    SpecialProcedure = 5,
    IgoStandingInvitation = 6,
    OtherIgo = 7,
    EcosocNgo = 8,
    OtherNgo = 9,
    CivilSocietyOrganization = 10,
    AcademicInstitution = 11,
    PrivateSectorEntity = 12,
}

/// <summary>ECOSOC consultative status (para 9).</summary>
public enum EcosocStatus
{
    Unspecified = 0,
    None = 1,
    General = 2,
    Special = 3,
    Roster = 4,
}

/// <summary>Level of representation (para 5); lower value speaks earlier.</summary>
public enum LevelOfRepresentation
{
    Unspecified = 0,
    HeadOfState = 1,
    VicePresidentOrCrownPrince = 2,
    HeadOfGovernment = 3,
    DeputyPrimeMinister = 4,
    Minister = 5,
    ViceMinister = 6,
    PermanentRepresentative = 7,
    Other = 8,
}

/// <summary>The three lists the President of the General Assembly draws up (paras 8, 9, 12).</summary>
public enum ListKind
{
    Unspecified = 0,
    OtherIgos = 1,
    EcosocNgos = 2,
    OtherStakeholders = 3,
}

/// <summary>Where a list stands; it only ever moves forward.</summary>
public enum ListStatus
{
    Unspecified = 0,
    Draft = 1,
    Circulated = 2,
    Final = 3,
}

/// <summary>The three groups the hearing selects one plenary speaker each from (paras 11, 13).</summary>
public enum HearingGroup
{
    Unspecified = 0,
    EcosocNgo = 1,
    CivilSociety = 2,
    PrivateSector = 3,
}
