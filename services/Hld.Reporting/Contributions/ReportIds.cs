namespace Hld.Reporting.Contributions;

/// <summary>
/// The reports and inputs the contribution rules keep, by their id in the dialogue definition's
/// <c>$.reports</c>: the definition says under which paragraph each is owed (decision 092). A meeting
/// whose definition owes none of them has no paragraph to name for these refusals.
/// </summary>
public static class ReportIds
{
    /// <summary>The Secretary-General's overview of studies, prepared with the Global Migration Group's inputs.</summary>
    public const string Overview = "overview-of-studies";

    /// <summary>The regional commissions' inputs.</summary>
    public const string RegionalInputs = "regional-inputs";

    /// <summary>Member States' own contributions.</summary>
    public const string MemberStateContributions = "member-state-contributions";

    /// <summary>The follow-up sub-item on the General Assembly's agenda.</summary>
    public const string FollowUp = "follow-up-agenda-item";

    /// <summary>The Secretary-General's report on the implementation of the resolution.</summary>
    public const string ImplementationReport = "implementation-report";
}
