// The shape in which a domain says yes or no to a command.
using System.Globalization;

namespace Hld.Domain;

/// <summary>
/// A command refused because it would break a rule of the meeting's resolution, worded by its domain's
/// message catalogue so that it can be written in any official language (decision 017).
/// </summary>
public sealed record RuleViolation
{
    private readonly CatalogueMessage _text;

    /// <param name="reason">UPPER_SNAKE reason, stable for partners to branch on.</param>
    /// <param name="rule">The rule of the modalities it breaks; the dialogue definition in force gives its paragraph.</param>
    /// <param name="text">A sentence a person can act on: the catalogue's key and its arguments.</param>
    public RuleViolation(string reason, Rule rule, CatalogueMessage text)
    {
        Reason = reason;
        Rule = rule;
        _text = text;
        Message = text.ToString();
    }

    public string Reason { get; }

    public Rule Rule { get; }

    /// <summary>The sentence in English, a paragraph it names as its rule: the status message (AIP-193's developer-facing message).</summary>
    public string Message { get; }

    /// <summary>The sentence in a culture's language, its dates and numbers by that culture (the caller's google.rpc.LocalizedMessage).</summary>
    public string In(CultureInfo culture) => _text.In(culture);

    /// <summary>The sentence in a culture's language, with each rule it names written as the paragraph <paramref name="paragraphOf"/> gives.</summary>
    public string In(CultureInfo culture, Func<Rule, string?> paragraphOf) => _text.In(culture, paragraphOf);
}

/// <summary>Either the outcome of a command or the rule it breaks; never both.</summary>
public readonly record struct Decision<T>
{
    private readonly T? _value;

    private Decision(T? value, RuleViolation? violation)
    {
        _value = value;
        Violation = violation;
    }

    public RuleViolation? Violation { get; }

    public bool IsAccepted => Violation is null;

    public T Value => IsAccepted
        ? _value!
        : throw new InvalidOperationException($"Refused under {Violation!.Rule}: {Violation.Message}");

    public static Decision<T> Accept(T value) => new(value, null);

    public static Decision<T> Refuse(RuleViolation violation) => new(default, violation);

    public static implicit operator Decision<T>(T value) => Accept(value);

    public static implicit operator Decision<T>(RuleViolation violation) => Refuse(violation);
}
