using Hld.Modalities;

namespace Hld.Registry.Api.Hosting;

/// <summary>
/// The registry's settings: the dialogue's facts it needs, filled from the dialogue definition the
/// host serves (<see cref="DefinedBy"/>), and its own operational ones. Configuration section
/// <c>Registry</c> may override any of them.
/// </summary>
public sealed class RegistryOptions
{
    /// <summary>The dialogue whose lists and badges this registry keeps.</summary>
    public string DialogueId { get; set; } = string.Empty;

    /// <summary>The hearing day until the hearings service announces one: the definition's.</summary>
    public DateOnly HearingDate { get; set; }

    /// <summary>
    /// The venue's offset from UTC: the days of a non-objection procedure are the venue's days, as the
    /// hearing's is. The hearings and sessions services read the same definition, so they agree.
    /// </summary>
    public TimeSpan VenueUtcOffset { get; set; }

    public Hld.Domain.VenueClock Venue => new(VenueUtcOffset);

    /// <summary>The day regional-group memberships are read on: the meeting's opening.</summary>
    public DateOnly ReferenceDate { get; set; }

    /// <summary>How often the non-objection deadlines of para 12 lists are checked.</summary>
    public TimeSpan DeadlineSweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    public ReferenceDataOptions ReferenceData { get; set; } = new();

    public void DefinedBy(DialogueDefinition definition)
    {
        DialogueId = definition.Id;
        HearingDate = definition.Hearing.On;
        VenueUtcOffset = definition.Venue.Offset;
        ReferenceDate = definition.Dates.OpensOn;
    }
}

/// <summary>Configuration section <c>Registry:ReferenceData</c>.</summary>
public sealed class ReferenceDataOptions
{
    /// <summary>Load the reference data into the registry when the service starts (idempotent).</summary>
    public bool LoadOnStartup { get; set; } = true;

    /// <summary>Folder of the reference files, relative to the application's directory.</summary>
    public string Directory { get; set; } = "ReferenceData";

    /// <summary>
    /// The ECOSOC NGO Branch's list of organisations in consultative status (para 9), as CSV, relative to the
    /// application's directory or absolute: the sample shipped, or the full export from esango.un.org. Empty: none
    /// (then only the Secretariat can register an NGO under para 9, with a status it verified).
    /// </summary>
    public string ConsultativeStatusFile { get; set; } = "ReferenceData/ecosoc-consultative-status.csv";
}
