namespace Hld.Registry.Lists;

/// <summary>The three lists the President of the General Assembly draws up; numbered like hld.common.v1.ListKind.</summary>
public enum ListKind
{
    Unspecified = 0,
    OtherIgos = 1,
    EcosocNgos = 2,
    OtherStakeholders = 3,
}

/// <summary>Where a list stands; numbered like hld.common.v1.ListStatus.</summary>
public enum ListStatus
{
    Unspecified = 0,
    Draft = 1,
    Circulated = 2,
    Final = 3,
}

/// <summary>Where one entry of a list stands.</summary>
public enum ListEntryStatus
{
    Unspecified = 0,
    Proposed = 1,
    Standing = 2,
    Dropped = 3,
}
