using Hld.Registry.Participants;

namespace Hld.Registry.Api.Storage;

/// <summary>What one load of the reference data did.</summary>
public sealed record ReferenceLoadReport(int Registered, int Unchanged, IReadOnlyList<string> Differing);

/// <summary>
/// Loads the reference data into the registry: each State and organisation is registered if absent and
/// left alone otherwise, so loading again (at every start-up, on every replica) changes nothing.
/// </summary>
public sealed class ReferenceDataLoader(ParticipantDirectory participants, ILogger<ReferenceDataLoader> logger)
{
    public async Task<ReferenceLoadReport> LoadAsync(CancellationToken cancellationToken)
    {
        var outcomes = new List<(string Id, ReferenceLoadOutcome Outcome)>();
        foreach (var participant in participants.Catalogue.Participants())
        {
            outcomes.Add((participant.Id, await participants.LoadReferenceAsync(participant, cancellationToken)));
        }

        var report = new ReferenceLoadReport(
            outcomes.Count(o => o.Outcome == ReferenceLoadOutcome.Registered),
            outcomes.Count(o => o.Outcome == ReferenceLoadOutcome.Unchanged),
            [.. outcomes.Where(o => o.Outcome == ReferenceLoadOutcome.Differs).Select(o => o.Id)]);
        logger.LogInformation(
            "Reference data loaded: {Registered} registered, {Unchanged} unchanged, {Differing} differing ({Ids})",
            report.Registered, report.Unchanged, report.Differing.Count, string.Join(", ", report.Differing));
        return report;
    }
}
