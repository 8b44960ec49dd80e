using System.Globalization;
using Hld.Domain;

namespace Hld.Sessions.Speakers;

/// <summary>
/// The words of the speakers list's explanations in the six official languages, from the catalogues
/// beside this class (SpeakersListWording.resx in English, one per other language; decision 017).
/// </summary>
public static class SpeakersListWording
{
    private static readonly MessageCatalogue Catalogue = MessageCatalogue.For(typeof(SpeakersListWording));

    /// <summary>A key's text in <paramref name="culture"/>'s language, its placeholders filled by that culture.</summary>
    public static string In(CultureInfo culture, string key, params object?[] arguments) => Catalogue.In(culture, key, arguments);

    public static string Level(LevelOfRepresentation level, CultureInfo culture) =>
        In(culture, "Level." + (Enum.IsDefined(level) ? level : LevelOfRepresentation.Unspecified));

    public static string Category(ParticipantCategory category, CultureInfo culture) =>
        In(culture, "Category." + (Enum.IsDefined(category) ? category : ParticipantCategory.Unspecified));

    public static string Group(HearingGroup group, CultureInfo culture) =>
        In(culture, "Group." + (Enum.IsDefined(group) ? group : HearingGroup.Unspecified));
}
