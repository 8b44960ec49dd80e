using System.Globalization;
using Hld.Domain;
using Hld.Sessions.Panels;
using Hld.Sessions.Participants;
using Hld.Testing;
using Xunit;
using static Hld.Sessions.Tests.Resolution;

namespace Hld.Sessions.Tests;

/// <summary>The sessions' refusals in the six official languages (issue 13, decision 017): the English unchanged, dates by each culture, phrases in the sentence's language.</summary>
public sealed class RefusalLanguagesTests
{
    [Fact]
    public void Every_catalogue_of_the_sessions_is_in_all_six_languages_with_the_same_placeholders() =>
        Assert.Empty(Catalogues.Defects(typeof(Refusals).Assembly));

    [Theory]
    [InlineData("en", "which opens on 2013-10-03; 2013-10-10 is not before it")]
    [InlineData("fr", "qui s'ouvre le 3 octobre 2013 ; le 10 octobre 2013 n'est pas antérieur")]
    [InlineData("es", "que se inaugura el 3 de octubre de 2013; el 10 de octubre de 2013 no es anterior")]
    [InlineData("ru", "который открывается 3 октября 2013 г.; 10 октября 2013 г. не раньше")]
    [InlineData("zh", "对话于 2013年10月3日 开幕；2013年10月10日 不在此之前")]
    [InlineData("ar", "الذي يُفتتح في 3 أكتوبر 2013؛ و10 أكتوبر 2013 ليس قبله")]
    public void A_panel_after_the_opening_is_refused_in_each_language_with_its_dates_in_that_culture_para14(string language, string expected)
    {
        var refused = PanelDiscussion.Schedule(Hld2013, null, new DateOnly(2013, 10, 10), Texts("Panel", "小组讨论"), new DateTimeOffset(2013, 6, 1, 0, 0, 0, TimeSpan.Zero)).Violation!;

        Assert.Contains(expected, refused.In(CultureInfo.GetCultureInfo(language)), StringComparison.Ordinal);
        Assert.Equal(refused.Message, refused.In(DocumentLanguage.Culture("en")));
    }

    [Fact]
    public void The_phrase_a_refusal_takes_from_its_caller_is_written_in_the_sentences_language_para3d()
    {
        var unknown = ParticipantDirectory.Empty.Require("ATL", Rules.CoChairs, Refusals.Text("ToCoChairARoundTableAState")).Violation!;

        Assert.Contains("to co-chair a round table a State, it must first be registered", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("pour coprésider une table ronde, un État, il doit d'abord", unknown.In(CultureInfo.GetCultureInfo("fr")), StringComparison.Ordinal);
        Assert.Contains("(п. 3 d))", unknown.In(CultureInfo.GetCultureInfo("ru"), Hld2013Paragraphs.Book.ParagraphOf), StringComparison.Ordinal);
    }
}
