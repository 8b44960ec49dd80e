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
    /// <param name="paragraph">The paragraph of the resolution, e.g. "3(d)".</param>
    /// <param name="text">A sentence a person can act on: the catalogue's key and its arguments.</param>
    public RuleViolation(string reason, string paragraph, CatalogueMessage text)
    {
        Reason = reason;
        Paragraph = paragraph;
        _text = text;
        Message = text.ToString();
    }

    public string Reason { get; }

    public string Paragraph { get; }

    /// <summary>The sentence in English: the status message (AIP-193's developer-facing message).</summary>
    public string Message { get; }

    /// <summary>The sentence in a culture's language, its dates and numbers by that culture (the caller's google.rpc.LocalizedMessage).</summary>
    public string In(CultureInfo culture) => _text.In(culture);
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
        : throw new InvalidOperationException($"Refused under para {Violation!.Paragraph}: {Violation.Message}");

    public static Decision<T> Accept(T value) => new(value, null);

    public static Decision<T> Refuse(RuleViolation violation) => new(default, violation);

    public static implicit operator Decision<T>(T value) => Accept(value);

    public static implicit operator Decision<T>(RuleViolation violation) => Refuse(violation);
}
