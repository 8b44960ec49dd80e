using Hld.Testing;
using Xunit;

namespace Hld.Registry.Tests;

/// <summary>The registry's refusals in the six official languages (issue 13, decision 017).</summary>
public sealed class RefusalCatalogueTests
{
    [Fact]
    public void Every_refusal_text_is_in_all_six_languages_with_the_same_placeholders() =>
        Assert.Empty(Catalogues.Defects(typeof(Refusals).Assembly));

    [Fact]
    public void A_phrase_inside_a_refusal_is_written_in_the_refusals_language_para9()
    {
        var text = Refusals.Text("EcosocStatusNotListed", Refusals.Text("NoneLoaded"));

        Assert.Contains("in the NGO Branch's list (none loaded);", text.ToString(), StringComparison.Ordinal);
        Assert.Contains("liste du Service des ONG (aucune chargée) ;", text.In(System.Globalization.CultureInfo.GetCultureInfo("fr")), StringComparison.Ordinal);
    }
}
