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
