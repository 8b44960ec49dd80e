// The shape in which a domain says yes or no to a command.
using System.Globalization;

namespace Hld.Domain;

/// <summary>A command refused because it would break a rule of resolution 67/219.</summary>
/// <param name="Reason">UPPER_SNAKE reason, stable for partners to branch on.</param>
/// <param name="Paragraph">The paragraph of the resolution, e.g. "3(d)".</param>
/// <param name="Message">A sentence a person can act on, in English (the status message, AIP-193).</param>
public sealed record RuleViolation(string Reason, string Paragraph, string Message)
{
    private readonly CatalogueMessage? _text;

    /// <summary>A refusal worded by its domain's message catalogue, so it can be written in any official language.</summary>
    public RuleViolation(string reason, string paragraph, CatalogueMessage text)
        : this(reason, paragraph, text.ToString()) => _text = text;

    /// <summary>The message in a culture's language (the caller's, for google.rpc.LocalizedMessage); English where no catalogue words it.</summary>
    public string In(CultureInfo culture) => _text?.In(culture) ?? Message;
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
