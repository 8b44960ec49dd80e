using Hld.Domain;
using Hld.Sessions.Dialogues;

namespace Hld.Sessions.Wording;

/// <summary>
/// The words the sessions service writes in its documents (the note on the organisation of work), from
/// the message catalogues beside this class: SessionsWording.resx (English) and one .resx per official
/// language. Each reads the current UI culture, which <see cref="DocumentLanguage.In{T}"/> sets.
/// The resolution's own texts (theme, round-table themes) are data, not here.
/// </summary>
public sealed class SessionsWording(MessageCatalogue text)
{
    public string this[string key] => text[key];

    public string this[string key, params object[] arguments] => text[key, arguments];

    public string Level(LevelOfRepresentation level) => Named("Level", level);

    public string Category(ParticipantCategory category) => Named("Category", category);

    public string HearingGroupName(HearingGroup group) => Named("HearingGroup", group);

    public string RegionalGroupName(RegionalGroup group) => Named("RegionalGroup", group);

    public string HalfDayName(HalfDay half) => Named("HalfDay", half);

    /// <summary>A day in the current language's long form.</summary>
    public string Day(DateOnly date) => date.ToString(text["DateFormat"], System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>
    /// The General Assembly's session by its number, "68th": English ordinals take one of four forms by the
    /// number's last digits (CLDR's ordinal categories for English); the other catalogues give one form four times.
    /// </summary>
    public string Session(int number) => text[(number % 100, number % 10) switch
    {
        ( >= 11 and <= 13, _) => "SessionOrdinal",
        (_, 1) => "SessionOrdinalOne",
        (_, 2) => "SessionOrdinalTwo",
        (_, 3) => "SessionOrdinalFew",
        _ => "SessionOrdinal",
    }, number];

    // Every value of the enums named here has its own key (a test walks them); an unknown value reads as Unspecified.
    private string Named<T>(string prefix, T value)
        where T : struct, Enum
    {
        var named = text[prefix + value];
        return named.ResourceNotFound ? text[prefix + "Unspecified"] : named;
    }
}
