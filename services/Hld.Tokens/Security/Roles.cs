namespace Hld.Platform.Security;

/// <summary>The actors of MANDATES.md, as the values of the <c>role</c> claim.</summary>
public static class Roles
{
    public const string PgaOffice = "pga-office";
    public const string Secretariat = "secretariat";
    public const string MemberState = "member-state";
    public const string Observer = "observer";
    public const string Stakeholder = "stakeholder";
    public const string ReportingReader = "reporting-reader";
    public const string Operator = "operator";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        PgaOffice, Secretariat, MemberState, Observer, Stakeholder, ReportingReader, Operator,
    };
}

/// <summary>The claim types our tokens carry.</summary>
public static class HldClaims
{
    public const string Role = "role";
    public const string Participant = "participant";
    public const string Subject = "sub";
}
