using System.Collections.Immutable;
using Hld.Domain;

namespace Hld.Sessions.Participants;

/// <summary>A participant as the sessions service knows it from registry events.</summary>
public sealed record KnownParticipant(
    string Id,
    ParticipantCategory Category,
    RegionalGroup RegionalGroup,
    ImmutableDictionary<string, string> Name,
    string CountryCode,
    LevelOfRepresentation Level,
    long LevelVersion,
    string HeadOfDelegation)
{
    public bool IsMemberState => Category == ParticipantCategory.MemberState;
}

public sealed record Registration(string Id, ParticipantCategory Category, RegionalGroup RegionalGroup, ImmutableDictionary<string, string> Name, string CountryCode);

/// <summary>What the registry announced about a delegation's level (DelegationLevelChanged), with the delegation's version.</summary>
public sealed record LevelChange(
    string Id,
    ParticipantCategory Category,
    RegionalGroup RegionalGroup,
    LevelOfRepresentation Level,
    string HeadOfDelegation,
    long DelegationVersion);

/// <summary>
/// The local read model of participants and their delegations' levels (para 5), fed by registry
/// events so the service answers while the registry is down. Ids are matched without regard to case,
/// as the registry keys them. The host keeps each participant in a key of its own and builds a
/// directory of just the participants a decision needs (<see cref="Of"/>); the rules read it the same.
/// </summary>
public sealed record ParticipantDirectory(ImmutableDictionary<string, KnownParticipant> Participants)
{
    public static ParticipantDirectory Empty { get; } = new(ImmutableDictionary<string, KnownParticipant>.Empty);

    /// <summary>A directory of the participants given (a part of the whole, loaded for one decision).</summary>
    public static ParticipantDirectory Of(IEnumerable<KnownParticipant> participants) =>
        new(participants.ToImmutableDictionary(p => Normalise(p.Id), p => p, StringComparer.Ordinal));

    public int Count => Participants.Count;

    public KnownParticipant? Find(string id) => Participants.GetValueOrDefault(Normalise(id));

    public LevelOfRepresentation LevelOf(string id) => Find(id)?.Level ?? LevelOfRepresentation.Unspecified;

    /// <summary>
    /// The participant a request names, which the registry must have announced: the service acts on
    /// no one it does not know, so categories and regional groups always come from the registry.
    /// </summary>
    public Decision<KnownParticipant> Require(string id, Rule rule, CatalogueMessage purpose) =>
        Find(id) is { } known
            ? known
            : new RuleViolation("PARTICIPANT_UNKNOWN", rule,
                Refusals.Text("ParticipantUnknown", id, purpose, rule));

    /// <summary>Learns a registration; names and country complete what a level change may have taught first.</summary>
    public ParticipantDirectory Learn(Registration registration)
    {
        var known = Find(registration.Id);
        var next = known is null
            ? new KnownParticipant(registration.Id, registration.Category, registration.RegionalGroup, registration.Name, registration.CountryCode, LevelOfRepresentation.Unspecified, 0, string.Empty)
            : known with { Category = registration.Category, RegionalGroup = registration.RegionalGroup, Name = registration.Name, CountryCode = registration.CountryCode };
        return new(Participants.SetItem(Normalise(registration.Id), next));
    }

    /// <summary>
    /// Applies a level change unless one of the same or a later delegation version was applied
    /// already (events come at least once and out of order). Returns null when nothing changes.
    /// </summary>
    public ParticipantDirectory? Apply(LevelChange change)
    {
        var known = Find(change.Id);
        if (known is not null && known.LevelVersion >= change.DelegationVersion)
        {
            return null;
        }

        var next = known is null
            ? new KnownParticipant(change.Id, change.Category, change.RegionalGroup, ImmutableDictionary<string, string>.Empty, string.Empty, change.Level, change.DelegationVersion, change.HeadOfDelegation)
            : known with { Level = change.Level, LevelVersion = change.DelegationVersion, HeadOfDelegation = change.HeadOfDelegation };
        return new(Participants.SetItem(Normalise(change.Id), next));
    }

    public static string Normalise(string id) => id.ToUpperInvariant();
}
