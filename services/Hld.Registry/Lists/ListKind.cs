namespace Hld.Registry.Lists;

/// <summary>Where one entry of a list stands.</summary>
public enum ListEntryStatus
{
    Unspecified = 0,
    Proposed = 1,
    Standing = 2,
    Dropped = 3,
}
