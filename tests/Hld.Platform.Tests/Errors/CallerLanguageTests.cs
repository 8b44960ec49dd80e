using Hld.Platform.Errors;
using Xunit;

namespace Hld.Platform.Tests.Errors;

/// <summary>The caller's language from its accept-language (AIP-193): one of the six, by primary subtag and weight, else English.</summary>
public sealed class CallerLanguageTests
{
    [Theory]
    [InlineData("fr-CH", "fr")]
    [InlineData("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "fr")]
    [InlineData("de-DE, es;q=0.5, ru;q=0.8", "ru")]
    [InlineData("en;q=0.2, ar-EG", "ar")]
    [InlineData("zh-Hant-TW", "zh")]
    [InlineData("ES", "es")]
    [InlineData("ru;q=0, fr;q=0.1", "fr")]
    [InlineData("es, fr", "es")]
    public void The_first_official_language_by_weight_wins(string header, string expected) =>
        Assert.Equal(expected, CallerLanguage.Of(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("de-DE, ja;q=0.8")]
    [InlineData("fr;q=0")]
    [InlineData("not a header;;;q=x")]
    public void Without_an_official_language_the_caller_reads_English(string? header) =>
        Assert.Equal("en", CallerLanguage.Of(header));
}
