namespace Hld.Registry.Api.Storage;

/// <summary>Every key the registry writes: one aggregate per key, all under <c>registry/</c>.</summary>
internal static class RegistryKeys
{
    public static string Participant(string participantId) => $"registry/participant/{participantId.ToUpperInvariant()}";

    public static string Delegation(string participantId) => $"registry/delegation/{participantId.ToUpperInvariant()}";

    public static string Accreditation(string participantId) => $"registry/accreditation/{participantId.ToUpperInvariant()}";

    public static string List(string listId) => $"registry/list/{listId.ToUpperInvariant()}";

    public const string ListCatalogue = "registry/lists";

    /// <summary>The index of one facet of the participants (an index of the state port, not an aggregate).</summary>
    public static string ParticipantIndex(string facet) => $"registry/participants/{facet}";

    public static string Badges(string dialogueId) => $"registry/badges/{dialogueId}";

    public static string Hearing(string dialogueId) => $"registry/hearing/{dialogueId}";
}
