using Hld.Platform.Errors;
using Xunit;

namespace Hld.Platform.Tests.Security;

public sealed class PlainTextTests
{
    [Theory]
    [InlineData("France")]
    [InlineData("法国")]
    [InlineData("فرنسا\u200F (A/67/254)")]
    [InlineData("Line one\nline two\tand a tab")]
    [InlineData("")]
    public void Text_a_person_reads_is_plain(string text) => Assert.True(PlainText.IsPlain(text));

    [Theory]
    [InlineData("Fr\0ance")]
    [InlineData("bell\u0007")]
    [InlineData("\u202Eecnarf")]
    [InlineData("isolate \u2067x\u2069")]
    [InlineData("c1 control \u0085")]
    public void Control_and_bidirectional_override_characters_are_not(string text) => Assert.False(PlainText.IsPlain(text));

    [Fact]
    public void Field_checks_name_the_field_of_text_that_is_not_plain()
    {
        var error = Assert.Throws<InvalidArgumentException>(() => new FieldChecks().RequireText("Fr\0ance", "participant.acronym").ThrowIfAny());

        Assert.Equal(["participant.acronym"], error.Violations.Select(v => v.Field));
    }
}
