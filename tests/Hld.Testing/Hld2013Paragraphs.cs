using Hld.Domain;
using Hld.Modalities;

namespace Hld.Testing;

/// <summary>
/// The paragraphs of resolution 67/219 as the hld-2013 definition gives them to each rule: the domain
/// tests were written against that meeting, so they read a refusal's paragraph through its book, as
/// the error interceptor does for a host that runs hld-2013 (decision 092).
/// </summary>
public static class Hld2013Paragraphs
{
    public static RuleBook Book { get; } = new(DialogueDefinitions.Load("hld-2013"));

    extension(RuleViolation violation)
    {
        /// <summary>The paragraph this refusal names when the definition in force is hld-2013.</summary>
        public string? Paragraph => Book.ParagraphOf(violation.Rule);
    }
}
