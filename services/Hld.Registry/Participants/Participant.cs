using Hld.Domain;

namespace Hld.Registry.Participants;

/// <summary>Anyone who may take part in the Dialogue: a State, an observer, or an organisation.</summary>
public sealed record Participant(
    string Id,
    ParticipantCategory Category,
    IReadOnlyDictionary<string, string> Names,
    string CountryCode,
    RegionalGroup RegionalGroup,
    EcosocStatus EcosocStatus);
