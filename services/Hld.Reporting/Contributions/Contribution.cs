using System.Collections.Immutable;

namespace Hld.Reporting.Contributions;

/// <summary>Who a contribution comes from (paras 15-17).</summary>
public enum ContributorKind
{
    Unspecified = 0,
    GmgMember = 1,
    OtherEntity = 2,
    RegionalCommission = 3,
    MemberState = 4,
}

/// <summary>Through which process a Member State contributes (para 17).</summary>
public enum ContributionChannel
{
    Unspecified = 0,
    RegionalConsultativeProcess = 1,
    GlobalForum = 2,
    Other = 3,
}

/// <summary>An input to the Dialogue's preparations, tracked with its due date; a State may submit its own (para 17).</summary>
public sealed record Contribution(
    string Id,
    string Paragraph,
    string ContributorId,
    ContributorKind Kind,
    ContributionChannel Channel,
    string ChannelName,
    ImmutableDictionary<string, string> Title,
    DateTimeOffset DueAt,
    DateTimeOffset? ReceivedAt,
    long Version,
    DateTimeOffset? SubmittedAt = null)
{
    public bool Received => ReceivedAt is not null;

    /// <summary>Submitted by the Member State itself (para 17) rather than recorded by the Secretariat.</summary>
    public bool Submitted => SubmittedAt is not null;
}

/// <summary>A document of the process (para 1: A/67/254), with the date it bears where known and when it was recorded.</summary>
public sealed record Document(
    string Symbol,
    ImmutableDictionary<string, string> Title,
    ImmutableList<string> Languages,
    string Paragraph,
    DateOnly? IssuedOn = null,
    DateTimeOffset? RecordedAt = null);

/// <summary>The follow-up agenda item (para 18).</summary>
public sealed record AgendaItem(int Session, ImmutableDictionary<string, string> Item, ImmutableDictionary<string, string> SubItem);

/// <summary>
/// The Secretary-General's comprehensive overview (para 15), assembled by the Secretariat from the
/// para 15 inputs received: it is also a document of the register, under its symbol.
/// </summary>
public sealed record ComprehensiveOverview(
    string Symbol,
    ImmutableDictionary<string, string> Title,
    ImmutableDictionary<string, string> Summary,
    ImmutableList<string> Inputs,
    DateTimeOffset AssembledAt);

/// <summary>Everything the Secretariat has recorded for paras 1 and 15-18: one aggregate, few entries.</summary>
public sealed record ContributionRegister(
    ImmutableDictionary<string, Contribution> Contributions,
    ImmutableDictionary<string, Document> Documents,
    AgendaItem? AgendaItem,
    ComprehensiveOverview? Overview = null)
{
    public static ContributionRegister Empty { get; } = new(
        ImmutableDictionary<string, Contribution>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, Document>.Empty.WithComparers(StringComparer.Ordinal),
        null);
}
