namespace Hld.Sessions.Dialogues;

/// <summary>
/// The High-level Dialogue as an event (para 2): its days, venue and the general debate it follows,
/// and its overall theme (para 3(a)). Every value is data from configuration, not code.
/// </summary>
public sealed record Dialogue(
    string Id,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    IReadOnlyDictionary<string, string> Venue,
    int FollowsGeneralDebateOfSession,
    IReadOnlyDictionary<string, string> Theme);

/// <summary>What the sessions service knows of participants, learned from registry events.</summary>
public sealed record KnownParticipants(long Count)
{
    public KnownParticipants Add() => this with { Count = Count + 1 };
}
