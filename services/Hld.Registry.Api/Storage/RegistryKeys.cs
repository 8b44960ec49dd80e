namespace Hld.Registry.Api.Storage;

/// <summary>Every key the registry writes: one aggregate per key, all under <c>registry/</c>.</summary>
internal static class RegistryKeys
{
    public static string Participant(string participantId) => $"registry/participant/{participantId.ToUpperInvariant()}";

    public static string Delegation(string participantId) => $"registry/delegation/{participantId.ToUpperInvariant()}";

    public static string Accreditation(string participantId) => $"registry/accreditation/{participantId.ToUpperInvariant()}";

    public static string List(string listId) => $"registry/list/{listId.ToUpperInvariant()}";

    public const string ListCatalogue = "registry/lists";

    public static string IndexSequence(string facet) => $"registry/index/participants/{facet}/seq";

    public static string IndexChunk(string facet, long chunk) => $"registry/index/participants/{facet}/chunk/{chunk}";

    public static string Badges(string dialogueId) => $"registry/badges/{dialogueId}";

    public static string Hearing(string dialogueId) => $"registry/hearing/{dialogueId}";
}
