// The shape in which a domain says yes or no to a command.
namespace Hld.Domain;

/// <summary>A command refused because it would break a rule of resolution 67/219.</summary>
/// <param name="Reason">UPPER_SNAKE reason, stable for partners to branch on.</param>
/// <param name="Paragraph">The paragraph of the resolution, e.g. "3(d)".</param>
/// <param name="Message">A sentence a person can act on.</param>
public sealed record RuleViolation(string Reason, string Paragraph, string Message);

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
