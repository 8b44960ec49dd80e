using Hld.Console.Texts;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Contracts.Sessions.V1;

namespace Hld.Console.Tests;

public sealed class LabelsTests
{
    private static readonly Labels Labels = Labels.Load();

    [Fact]
    public void Every_label_is_written_in_the_six_official_languages()
    {
        var missing = Labels.Keys.SelectMany(key => Languages.All.Where(language => !Labels.Has(key, language) || Labels.Get(key, language).Length == 0)
            .Select(language => $"{key}:{language}")).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_value_of_the_enums_the_pages_show_has_a_label()
    {
        var shown = new[]
        {
            typeof(LevelOfRepresentation), typeof(ParticipantCategory), typeof(RegionalGroup), typeof(ListStatus), typeof(ListKind),
            typeof(HearingGroup), typeof(ImplementationStatus), typeof(SpeakerRank), typeof(ListEntryStatus),
        };
        var missing = shown.SelectMany(type => System.Enum.GetValues(type).Cast<System.Enum>())
            .Select(value => (string)typeof(Labels).GetMethod(nameof(Labels.ProtoName))!.MakeGenericMethod(value.GetType()).Invoke(null, [value])!)
            .Where(name => !Labels.Has(name, Languages.Fallback)).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void An_enum_value_is_named_by_its_proto_name()
    {
        Assert.Equal("LEVEL_OF_REPRESENTATION_HEAD_OF_STATE", Labels.ProtoName(LevelOfRepresentation.HeadOfState));
        Assert.Equal("Chef d'État", Labels.Get(Labels.ProtoName(LevelOfRepresentation.HeadOfState), "fr"));
    }

    [Fact]
    public void A_text_of_the_API_falls_back_to_English_and_says_so()
    {
        var text = new LocalizedText { Texts = { ["en"] = "Round table", ["zh"] = "圆桌会议" } };

        Assert.Equal("圆桌会议", Languages.Pick(text, "zh"));
        Assert.Equal("Round table", Languages.Pick(text, "ar"));
        Assert.Equal("en", Languages.LanguageOf(text, "ar"));
        Assert.Equal("rtl", Languages.DirectionOf("ar"));
    }
}
