using System.Globalization;
using Hld.Domain;
using Hld.Hearings.Hearings;
using Hld.Testing;
using Xunit;
using static Hld.Hearings.Tests.Given;

namespace Hld.Hearings.Tests;

/// <summary>The hearings' refusals in the six official languages (issue 13, decision 017): the English unchanged, dates by each culture.</summary>
public sealed class RefusalLanguagesTests
{
    [Fact]
    public void Every_refusal_text_is_in_all_six_languages_with_the_same_placeholders() =>
        Assert.Empty(Catalogues.Defects(typeof(Refusals).Assembly));

    [Theory]
    [InlineData("en", "already scheduled for 2013-07-15;")]
    [InlineData("fr", "déjà programmée le 15 juillet 2013 ;")]
    [InlineData("es", "ya programada para el 15 de julio de 2013;")]
    [InlineData("ru", "уже назначенные на 15 июля 2013 г.;")]
    [InlineData("zh", "已安排在 2013年7月15日；")]
    [InlineData("ar", "حُدد موعدها بالفعل في 15 يوليو 2013؛")]
    public void A_second_hearing_is_refused_in_each_language_with_its_date_in_that_culture_para11(string language, string expected)
    {
        var refused = HearingSchedule.Schedule(Hearing(), "hld-2013", new DateOnly(2013, 7, 20), "Vuk Jeremić", [], Year2013, At(6, 2)).Violation!;

        Assert.Contains(expected, refused.In(CultureInfo.GetCultureInfo(language)), StringComparison.Ordinal);
        Assert.Equal("The Dialogue has one hearing, already scheduled for 2013-07-15; move it instead of scheduling another.", refused.Message);
        Assert.Equal(refused.Message, refused.In(DocumentLanguage.Culture("en")));
    }
}
