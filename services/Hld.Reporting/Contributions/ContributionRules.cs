using System.Collections.Immutable;
using Hld.Domain;

namespace Hld.Reporting.Contributions;

/// <summary>What the reporting service knows of a contributor, from registry events (the GMG flag is the registry's reference data).</summary>
public sealed record KnownContributor(string Id, ParticipantCategory Category, bool GlobalMigrationGroupMember = false);

/// <summary>
/// The inputs the dialogue definition in force owes, which this service records: under which paragraph
/// each is owed (null where the definition owes none of that kind), and the session the follow-up
/// item goes to. The host reads them from the definition's reports by id (<see cref="ReportIds"/>); in
/// hld-2013 they are paras 15, 16, 17 and the sixty-ninth session (para 18).
/// </summary>
public sealed record OwedInputs(string? Overview, string? RegionalInputs, string? MemberStateContributions, int? FollowUpSession)
{
    /// <summary>The paragraphs a contribution may be recorded under, in that order.</summary>
    public IReadOnlyList<string> Paragraphs => [.. new[] { Overview, RegionalInputs, MemberStateContributions }.OfType<string>()];
}

/// <summary>The rules of the inputs, documents and follow-up the Secretariat records (in hld-2013, paras 1 and 15-18).</summary>
public static class ContributionRules
{
    /// <summary>Records an expected contribution (para 15, 16 or 17).</summary>
    /// <param name="regionalCommissions">The five regional commissions' ids, from reference data.</param>
    /// <param name="contributor">The contributor as the registry announced it, or null if unknown.</param>
    /// <param name="owed">The paragraphs the definition owes inputs under.</param>
    public static Decision<ContributionRegister> Record(ContributionRegister register, Contribution candidate, IReadOnlySet<string> regionalCommissions, KnownContributor? contributor, OwedInputs owed)
    {
        if (register.Contributions.ContainsKey(candidate.Id))
        {
            return new RuleViolation("CONTRIBUTION_ALREADY_RECORDED", Rules.Paragraph(candidate.Paragraph), Refusals.Text("ContributionAlreadyRecorded", candidate.Id));
        }

        var refusal = candidate.Paragraph switch
        {
            var p when p == owed.Overview => OverviewInput(candidate, contributor),
            var p when p == owed.RegionalInputs => RegionalInput(register, candidate, regionalCommissions),
            var p when p == owed.MemberStateContributions => StateContribution(candidate, contributor),
            _ => new RuleViolation("NOT_A_CONTRIBUTION_PARAGRAPH", Rules.Paragraph(candidate.Paragraph), Refusals.Text("NotAContributionParagraph", string.Join(", ", owed.Paragraphs))),
        };
        if (refusal is not null)
        {
            return refusal;
        }

        return register with { Contributions = register.Contributions.Add(candidate.Id, candidate with { ReceivedAt = null, Version = 1 }) };
    }

    /// <summary>
    /// A Member State submits its own contribution at <paramref name="now"/> (para 17): under para 17,
    /// with its channel, from a State the registry knows. That the caller is this State is the host's
    /// check; the Secretariat then acknowledges receipt with <see cref="Receive"/>.
    /// </summary>
    public static Decision<ContributionRegister> Submit(ContributionRegister register, Contribution candidate, KnownContributor? contributor, DateTimeOffset now, OwedInputs owed)
    {
        if (owed.MemberStateContributions is null || candidate.Paragraph != owed.MemberStateContributions || candidate.Kind != ContributorKind.MemberState)
        {
            return new RuleViolation("STATE_SUBMITS_UNDER_PARA_17", Rules.Report(ReportIds.MemberStateContributions), Refusals.Text("StateSubmitsUnderPara17", Rules.Report(ReportIds.MemberStateContributions), Rules.Report(ReportIds.Overview), Rules.Report(ReportIds.RegionalInputs)));
        }

        if (register.Contributions.ContainsKey(candidate.Id))
        {
            return new RuleViolation("CONTRIBUTION_ALREADY_RECORDED", Rules.Report(ReportIds.MemberStateContributions), Refusals.Text("ContributionAlreadyRecorded", candidate.Id));
        }

        if (StateContribution(candidate, contributor) is { } refusal)
        {
            return refusal;
        }

        var submitted = candidate with { ReceivedAt = null, SubmittedAt = now, Version = 1 };
        return register with { Contributions = register.Contributions.Add(candidate.Id, submitted) };
    }

    /// <summary>Marks a contribution received at <paramref name="now"/>; the version must be the one last read.</summary>
    public static Decision<ContributionRegister> Receive(ContributionRegister register, string id, long expectedVersion, DateTimeOffset now)
    {
        if (!register.Contributions.TryGetValue(id, out var contribution))
        {
            return new RuleViolation("CONTRIBUTION_NOT_RECORDED", Rules.Report(ReportIds.ImplementationReport), Refusals.Text("ContributionNotRecorded", id));
        }

        if (contribution.Version != expectedVersion)
        {
            return new RuleViolation("CONTRIBUTION_CHANGED", Rules.Paragraph(contribution.Paragraph), Refusals.Text("ContributionChanged"));
        }

        if (contribution.Received)
        {
            return new RuleViolation("CONTRIBUTION_ALREADY_RECEIVED", Rules.Paragraph(contribution.Paragraph), Refusals.Text("ContributionAlreadyReceived", id));
        }

        var received = contribution with { ReceivedAt = now, Version = contribution.Version + 1 };
        return register with { Contributions = register.Contributions.SetItem(id, received) };
    }

    /// <summary>Records a document at <paramref name="now"/>; a symbol is recorded once.</summary>
    public static Decision<ContributionRegister> RecordDocument(ContributionRegister register, Document document, DateTimeOffset now)
    {
        if (register.Documents.ContainsKey(document.Symbol))
        {
            return new RuleViolation("DOCUMENT_ALREADY_RECORDED", Rules.Paragraph(document.Paragraph), Refusals.Text("DocumentAlreadyRecorded", document.Symbol));
        }

        if (document.IssuedOn is { } issued && issued > DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)))
        {
            return new RuleViolation("DOCUMENT_DATE_IN_FUTURE", Rules.Paragraph(document.Paragraph), Refusals.Text("DocumentDateInFuture", document.Symbol));
        }

        return register with { Documents = register.Documents.Add(document.Symbol, document with { RecordedAt = now }) };
    }

    /// <summary>The documents the Dialogue refers to (para 1), by symbol, optionally only those of one paragraph.</summary>
    public static Page<Document> ListDocuments(ContributionRegister register, string paragraph, string afterSymbol, int size) =>
        KeyOrder.After(register.Documents.Values.Where(d => paragraph.Length == 0 || d.Paragraph == paragraph), d => d.Symbol, afterSymbol, size);

    /// <summary>
    /// The Secretariat assembles the comprehensive overview (para 15) at <paramref name="now"/> from the
    /// para 15 inputs received, in Chinese and English at least. It waits for an input still expected
    /// until that input's due date; after it, the overview goes ahead without it.
    /// </summary>
    public static Decision<ContributionRegister> AssembleOverview(
        ContributionRegister register, string symbol, ImmutableDictionary<string, string> title, ImmutableDictionary<string, string> summary, DateTimeOffset now, OwedInputs owed)
    {
        if (owed.Overview is not { } paragraph)
        {
            return new RuleViolation("OVERVIEW_NOT_OWED", Rules.Report(ReportIds.Overview), Refusals.Text("OverviewNotOwed"));
        }

        if (register.Overview is not null)
        {
            return new RuleViolation("OVERVIEW_ALREADY_ASSEMBLED", Rules.Report(ReportIds.Overview), Refusals.Text("OverviewAlreadyAssembled", register.Overview.Symbol));
        }

        if (!InChineseAndEnglish(title) || !InChineseAndEnglish(summary))
        {
            return new RuleViolation("OVERVIEW_NEEDS_CHINESE_AND_ENGLISH", Rules.Report(ReportIds.Overview), Refusals.Text("OverviewNeedsChineseAndEnglish"));
        }

        if (register.Documents.ContainsKey(symbol))
        {
            return new RuleViolation("DOCUMENT_ALREADY_RECORDED", Rules.Report(ReportIds.Overview), Refusals.Text("DocumentAlreadyRecorded", symbol));
        }

        var inputs = register.Contributions.Values.Where(c => c.Paragraph == paragraph).ToList();
        if (inputs.FirstOrDefault(c => !c.Received && c.DueAt > now) is { } awaited)
        {
            return new RuleViolation("OVERVIEW_INPUT_STILL_DUE", Rules.Report(ReportIds.Overview), Refusals.Text("OverviewInputStillDue", awaited.Id, awaited.ContributorId, awaited.DueAt));
        }

        var received = inputs.Where(c => c.Received).Select(c => c.Id).Order(StringComparer.Ordinal).ToImmutableList();
        if (received.IsEmpty)
        {
            return new RuleViolation("OVERVIEW_WITHOUT_INPUTS", Rules.Report(ReportIds.Overview), Refusals.Text("OverviewWithoutInputs", Rules.Report(ReportIds.Overview)));
        }

        var overview = new ComprehensiveOverview(symbol, title, summary, received, now);
        var languages = title.Keys.Intersect(summary.Keys).Order(StringComparer.Ordinal).ToImmutableList();
        var document = new Document(symbol, title, languages, paragraph, DateOnly.FromDateTime(now.UtcDateTime), now);
        return register with { Overview = overview, Documents = register.Documents.Add(symbol, document) };
    }

    /// <summary>Records the follow-up item, in the provisional agenda of the session the definition names (in hld-2013, para 18: the sixty-ninth).</summary>
    public static Decision<ContributionRegister> RecordAgendaItem(ContributionRegister register, AgendaItem item, OwedInputs owed)
    {
        if (item.Session != owed.FollowUpSession)
        {
            return new RuleViolation("AGENDA_ITEM_WRONG_SESSION", Rules.Report(ReportIds.FollowUp), Refusals.Text("AgendaItemWrongSession", Rules.Report(ReportIds.FollowUp), owed.FollowUpSession?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"));
        }

        if (register.AgendaItem is not null)
        {
            return new RuleViolation("AGENDA_ITEM_ALREADY_RECORDED", Rules.Report(ReportIds.FollowUp), Refusals.Text("AgendaItemAlreadyRecorded"));
        }

        return register with { AgendaItem = item };
    }

    private static bool InChineseAndEnglish(ImmutableDictionary<string, string> text) =>
        text.TryGetValue("zh", out var zh) && zh.Trim().Length > 0 && text.TryGetValue("en", out var en) && en.Trim().Length > 0;

    private static RuleViolation? OverviewInput(Contribution c, KnownContributor? contributor)
    {
        if (c.Kind is not (ContributorKind.GmgMember or ContributorKind.OtherEntity))
        {
            return new RuleViolation("CONTRIBUTOR_NOT_AN_ENTITY", Rules.Report(ReportIds.Overview), Refusals.Text("ContributorNotAnEntity", Rules.Report(ReportIds.Overview)));
        }

        if (c.Kind == ContributorKind.GmgMember && contributor?.Category is not (ParticipantCategory.UnSystemEntity or ParticipantCategory.IgoStandingInvitation))
        {
            return new RuleViolation("CONTRIBUTOR_NOT_A_GMG_MEMBER", Rules.Report(ReportIds.Overview), Refusals.Text("ContributorNotRegisteredAsGmgMember", c.ContributorId));
        }

        // Being a UN entity is not enough: the registry's reference data says who was in the Group in 2013.
        if (c.Kind == ContributorKind.GmgMember && !contributor!.GlobalMigrationGroupMember)
        {
            return new RuleViolation("CONTRIBUTOR_NOT_A_GMG_MEMBER", Rules.Report(ReportIds.Overview), Refusals.Text("ContributorNotAGmgMember", c.ContributorId));
        }

        return c.Channel != ContributionChannel.Unspecified
            ? new RuleViolation("CHANNEL_ONLY_FOR_MEMBER_STATES", Rules.Report(ReportIds.Overview), Refusals.Text("ChannelOnlyForMemberStates", Rules.Report(ReportIds.MemberStateContributions)))
            : null;
    }

    private static RuleViolation? RegionalInput(ContributionRegister register, Contribution c, IReadOnlySet<string> regionalCommissions)
    {
        if (c.Kind != ContributorKind.RegionalCommission || !regionalCommissions.Contains(c.ContributorId))
        {
            return new RuleViolation("CONTRIBUTOR_NOT_A_REGIONAL_COMMISSION", Rules.Report(ReportIds.RegionalInputs), Refusals.Text("ContributorNotARegionalCommission", string.Join(", ", regionalCommissions.Order(StringComparer.Ordinal)), Rules.Report(ReportIds.RegionalInputs)));
        }

        return register.Contributions.Values.Any(x => x.Paragraph == c.Paragraph && x.ContributorId == c.ContributorId)
            ? new RuleViolation("REGIONAL_COMMISSION_INPUT_ALREADY_RECORDED", Rules.Report(ReportIds.RegionalInputs), Refusals.Text("RegionalCommissionInputAlreadyRecorded", c.ContributorId, Rules.Report(ReportIds.RegionalInputs)))
            : null;
    }

    private static RuleViolation? StateContribution(Contribution c, KnownContributor? contributor)
    {
        if (c.Kind != ContributorKind.MemberState || contributor?.Category != ParticipantCategory.MemberState)
        {
            return new RuleViolation("CONTRIBUTOR_NOT_A_MEMBER_STATE", Rules.Report(ReportIds.MemberStateContributions), Refusals.Text("ContributorNotAMemberState", c.ContributorId, Rules.Report(ReportIds.MemberStateContributions)));
        }

        if (c.Channel == ContributionChannel.Unspecified)
        {
            return new RuleViolation("CHANNEL_REQUIRED", Rules.Report(ReportIds.MemberStateContributions), Refusals.Text("ChannelRequired"));
        }

        return c.Channel is ContributionChannel.RegionalConsultativeProcess or ContributionChannel.Other && string.IsNullOrWhiteSpace(c.ChannelName)
            ? new RuleViolation("CHANNEL_NAME_REQUIRED", Rules.Report(ReportIds.MemberStateContributions), Refusals.Text("ChannelNameRequired"))
            : null;
    }
}
