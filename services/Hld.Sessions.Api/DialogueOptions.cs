using Hld.Sessions.Dialogues;

namespace Hld.Sessions.Api;

/// <summary>Configuration section <c>Sessions:Dialogue</c>: the Dialogue's data (paras 2, 3(a)).</summary>
public sealed class DialogueOptions
{
    public string Id { get; set; } = "hld-2013";

    public DateTimeOffset OpensAt { get; set; }

    public DateTimeOffset ClosesAt { get; set; }

    public Dictionary<string, string> Venue { get; set; } = [];

    public int FollowsGeneralDebateOfSession { get; set; }

    public Dictionary<string, string> Theme { get; set; } = [];

    /// <summary>Where the values come from.</summary>
    public string Source { get; set; } = string.Empty;

    public Dialogue ToDialogue() => new(Id, OpensAt, ClosesAt, Venue, FollowsGeneralDebateOfSession, Theme);
}
