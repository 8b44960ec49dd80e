namespace Hld.Deploy.Tests.Checks;

/// <summary>
/// One broken rule. <see cref="Rule"/> is stable (the broken-manifest tests name it);
/// <see cref="Subject"/> says which object; <see cref="Detail"/> says what to fix.
/// </summary>
public sealed record Violation(string Rule, string Subject, string Detail)
{
    public override string ToString() => $"{Rule} [{Subject}] {Detail}";
}

/// <summary>Collects violations as the rules run.</summary>
public sealed class Findings
{
    private readonly List<Violation> violations = [];

    public IReadOnlyList<Violation> All => violations;

    public void Add(string rule, object subject, string detail) =>
        violations.Add(new Violation(rule, subject.ToString() ?? string.Empty, detail));

    public void Require(bool holds, string rule, object subject, string detail)
    {
        if (!holds)
        {
            Add(rule, subject, detail);
        }
    }

    public static string Describe(IEnumerable<Violation> violations) =>
        string.Join(Environment.NewLine, violations.Select(v => "  - " + v));
}
