namespace Hld.Hearings.Api.Grpc;

/// <summary>
/// The hearing's aggregates, one key each. They are split by who writes them and when, so that
/// organisations registering do not make the PGA office's etags stale: the hearing (schedule,
/// consultations, selections), the roster, the programme, the summary, and the registry read model.
/// </summary>
internal static class HearingKeys
{
    public const string Eligibility = "hearings/read-model/eligibility";

    /// <summary>The index of the organisations of the hearing's categories the registry registered.</summary>
    public const string KnownOrganizations = "hearings/known-organisations";

    public static string Hearing(string dialogueId) => $"hearings/hearing/{dialogueId}";

    public static string Roster(string dialogueId) => $"hearings/roster/{dialogueId}";

    public static string Programme(string dialogueId) => $"hearings/programme/{dialogueId}";

    public static string Summary(string dialogueId) => $"hearings/summary/{dialogueId}";
}
