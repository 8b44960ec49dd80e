using System.Globalization;
using Google.Rpc;
using Grpc.Core;
using Hld.Domain;
using Hld.Platform.Errors;
using Hld.Testing;
using Xunit;

namespace Hld.Platform.Tests.Errors;

/// <summary>
/// The platform's refusals in the six languages (AIP-193 LocalizedMessage): worded from the status
/// alone, counts by the language's culture, the English message unchanged, and every catalogue complete.
/// </summary>
public sealed class RefusalWordingTests
{
    private static LocalizedMessage Localized(RefusalStatus refusal) => refusal.ToStatus().GetDetail<LocalizedMessage>();

    [Fact]
    public void Every_key_of_the_platform_catalogue_is_in_all_six_languages_with_the_same_placeholders() =>
        Assert.Empty(Catalogues.Defects(typeof(RefusalStatus).Assembly));

    [Theory]
    [InlineData("ar")]
    [InlineData("zh")]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("ru")]
    [InlineData("es")]
    public void A_refusal_carries_its_message_in_the_language_asked_and_its_counts_in_that_culture(string language)
    {
        var refusal = RefusalStatus.Of(Code.ResourceExhausted, "English for developers.", "MESSAGE_TOO_LARGE",
            new Dictionary<string, string> { ["limit"] = "1048576" }).In(language);

        var localized = Localized(refusal);
        Assert.Equal(language, localized.Locale);
        Assert.Contains(language == "en" ? "English for developers." : 1048576.ToString("N0", CultureInfo.GetCultureInfo(language)), localized.Message, StringComparison.Ordinal);
        Assert.Equal("English for developers.", refusal.ToStatus().Message);
        Assert.Equal("MESSAGE_TOO_LARGE", refusal.ToStatus().GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public void Each_language_words_it_differently_English_by_the_status_message_and_Arabic_in_Arabic_script()
    {
        var texts = OfficialLanguages.All.ToDictionary(l => l, l => Localized(RefusalStatus.Of(Code.PermissionDenied, "The caller's roles do not allow this method.", "PERMISSION_DENIED").In(l)).Message);

        Assert.Equal(6, texts.Values.Distinct().Count());
        Assert.Equal("The caller's roles do not allow this method.", texts["en"]);
        Assert.Matches(@"\p{IsArabic}", texts["ar"]);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", texts["zh"]);
        Assert.Matches(@"\p{IsCyrillic}", texts["ru"]);
    }

    [Fact]
    public void Not_found_names_the_resource_in_the_language_and_a_reason_without_words_is_worded_by_its_code()
    {
        var missing = RefusalStatus.Of(Code.NotFound, "No participant 'ngo-x'.", "NOT_FOUND").Naming("hld.registry.v1.Participant", "ngo-x").In("fr");
        var unworded = RefusalStatus.Of(Code.FailedPrecondition, "The clock is not manual.", "CLOCK_NOT_MANUAL").In("es");

        Assert.Equal("Aucun objet de type hld.registry.v1.Participant ne porte le nom « ngo-x ».", Localized(missing).Message);
        Assert.Equal("La solicitud fue rechazada (FAILED_PRECONDITION).", Localized(unworded).Message);
    }

    [Fact]
    public void A_refusal_is_worded_once_and_a_rule_keeps_its_own_words()
    {
        var rule = RefusalStatus.Of(Code.FailedPrecondition, "English.", "SOME_RULE").In("fr", _ => "Les mots de la règle.").In("ru");

        var localized = Assert.Single(rule.ToStatus().Details, d => d.Is(LocalizedMessage.Descriptor)).Unpack<LocalizedMessage>();
        Assert.Equal(("fr", "Les mots de la règle."), (localized.Locale, localized.Message));
    }
}
