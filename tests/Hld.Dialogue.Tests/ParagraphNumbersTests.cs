using System.Globalization;
using Hld.Domain;
using Xunit;

namespace Hld.Modalities.Tests;

/// <summary>A refusal writes its rule's paragraph the way its language writes paragraph numbers in UN documents.</summary>
public sealed class ParagraphNumbersTests
{
    [Theory]
    [InlineData("3(d)", "en", "3(d)")]
    [InlineData("3(d)", "zh", "3(d)")]
    [InlineData("3(d)", "fr", "3 d)")]
    [InlineData("3(b)(iii)", "es", "3 b) iii)")]
    [InlineData("3(b)(iii)", "ru", "3 b) iii)")]
    [InlineData("3(d)", "ar", "3 (د)")]
    [InlineData("3(b)(iii)", "ar", "3 (ب) '3'")]
    [InlineData("3(b)(iv)", "ar", "3 (ب) '4'")]
    [InlineData("12", "fr", "12")]
    [InlineData("73/195 49(e)", "fr", "73/195 49 e)")]
    [InlineData("73/195 49(e)", "ar", "73/195 49 (هـ)")]
    public void Each_language_writes_a_paragraph_as_the_United_Nations_does(string number, string language, string written) =>
        Assert.Equal(written, ParagraphNumbers.Write(number, CultureInfo.GetCultureInfo(language)));
}
