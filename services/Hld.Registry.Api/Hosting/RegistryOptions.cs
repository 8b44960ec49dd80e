namespace Hld.Registry.Api.Hosting;

/// <summary>Configuration section <c>Registry</c>.</summary>
public sealed class RegistryOptions
{
    /// <summary>The dialogue whose lists and badges this registry keeps.</summary>
    public string DialogueId { get; set; } = "hld-2013";

    /// <summary>
    /// The hearing day (para 11) until the hearings service announces one: the informal interactive
    /// hearing of the 2013 Dialogue was held on 15 July 2013.
    /// </summary>
    public DateOnly HearingDate { get; set; } = new(2013, 7, 15);

    /// <summary>
    /// The venue's offset from UTC (New York keeps daylight time from March to November 2013): the days of
    /// the para 12 procedure are the venue's days, as the hearing's is (the same value as the hearings
    /// service's MeetingUtcOffset and the sessions service's UtcOffset; a deploy test keeps them equal).
    /// </summary>
    public TimeSpan VenueUtcOffset { get; set; } = TimeSpan.FromHours(-4);

    public Hld.Domain.VenueClock Venue => new(VenueUtcOffset);

    /// <summary>The day regional-group memberships are read on: the Dialogue's opening (para 2).</summary>
    public DateOnly ReferenceDate { get; set; } = new(2013, 10, 3);

    /// <summary>How often the non-objection deadlines of para 12 lists are checked.</summary>
    public TimeSpan DeadlineSweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    public ReferenceDataOptions ReferenceData { get; set; } = new();
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
