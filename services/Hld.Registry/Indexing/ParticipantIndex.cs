using System.Globalization;
using System.Text;
using Hld.Domain;
using Hld.Registry.Participants;

namespace Hld.Registry.Indexing;

/// <summary>
/// The participant index: every participant is listed, at registration, at the end of four facets (all;
/// its category; its group; its category and group), in the same commit as the participant. A facet is an
/// index of the state port, so a page is one read from a position and a count is the facet's length,
/// whatever the size of the registry.
/// </summary>
public static class ParticipantIndex
{
    /// <summary>The facet that serves a filter; null means "any".</summary>
    public static string Facet(ParticipantCategory? category, RegionalGroup? group) => (category, group) switch
    {
        (null, null) => "all",
        ({ } c, null) => $"c{(int)c}",
        (null, { } g) => $"g{(int)g}",
        ({ } c, { } g) => $"c{(int)c}-g{(int)g}",
    };

    /// <summary>The four facets a participant is listed in.</summary>
    public static IReadOnlyList<string> FacetsOf(Participant participant) =>
    [
        Facet(null, null),
        Facet(participant.Category, null),
        Facet(null, participant.RegionalGroup),
        Facet(participant.Category, participant.RegionalGroup),
    ];
}

/// <summary>
/// Opaque page tokens (AIP-158): a scope naming the query and its filters, and where the next page starts.
/// A token is refused for any other query, so a caller cannot change filters halfway through.
/// </summary>
public static class PageTokens
{
    public static string Encode(string scope, long position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"v1|{scope}|{position.ToString(CultureInfo.InvariantCulture)}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position carried by <paramref name="token"/> for <paramref name="scope"/>; 0 for an empty token; null when it is not a token of this query.</summary>
    public static long? Decode(string token, string scope)
    {
        if (token.Length == 0)
        {
            return 0;
        }

        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
            return parts.Length == 3 && parts[0] == "v1" && parts[1] == scope
                && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                ? position
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The page size actually served: the default when unset, capped at the maximum.</summary>
    public static int Size(int requested, int defaultSize = 50, int maximum = 200) =>
        requested <= 0 ? defaultSize : Math.Min(requested, maximum);
}
