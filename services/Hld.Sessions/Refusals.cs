namespace Hld.Sessions;

/// <summary>The words of the sessions' refusals: Refusals.resx (English) and one catalogue per official language (decision 017).</summary>
public static class Refusals
{
    public static Domain.CatalogueMessage Text(string key, params object?[] arguments) => Domain.MessageCatalogue.Message(typeof(Refusals), key, arguments);
}
