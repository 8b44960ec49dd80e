using System.Collections.Immutable;
using Hld.Domain;
using Hld.Reporting.Contributions;
using Hld.Testing;
using Xunit;

namespace Hld.Reporting.Tests;

public sealed class ContributionRulesTests
{
    // What hld-2013 owes: paras 15, 16 and 17, and the follow-up item on the sixty-ninth session's agenda (para 18).
    private static readonly OwedInputs Owed2013 = new("15", "16", "17", 69);
    private static readonly DateTimeOffset Due = new(2013, 8, 31, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2013, 6, 3, 15, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlySet<string> Commissions = new HashSet<string>(["ECA", "ECE", "ECLAC", "ESCAP", "ESCWA"], StringComparer.Ordinal);

    private static Contribution Contribution(string id, string paragraph, string contributor, ContributorKind kind, ContributionChannel channel = ContributionChannel.Unspecified, string channelName = "") =>
        new(id, paragraph, contributor, kind, channel, channelName, ImmutableDictionary<string, string>.Empty.Add("en", id), Due, null, 0);

    private static RuleViolation Refused(Decision<ContributionRegister> decision)
    {
        Assert.False(decision.IsAccepted);
        return decision.Violation!;
    }

    [Fact]
    public void Another_meeting_s_inputs_are_recorded_under_the_paragraphs_its_definition_owes_them_under_and_not_under_67_219_s()
    {
        var forum = new OwedInputs(null, "73/195 50", null, null);
        var regional = Contribution("rr-eca", "73/195 50", "ECA", ContributorKind.RegionalCommission);

        var recorded = ContributionRules.Record(ContributionRegister.Empty, regional, Commissions, null, forum);
        var again = Refused(ContributionRules.Record(recorded.Value, regional with { Id = "rr-eca-2" }, Commissions, null, forum));
        var under16 = Refused(ContributionRules.Record(ContributionRegister.Empty, Contribution("p16-eca", "16", "ECA", ContributorKind.RegionalCommission), Commissions, null, forum));
        var overview = Refused(ContributionRules.AssembleOverview(recorded.Value, "A/76/642", Texts, Texts, Now, forum));
        var submitted = Refused(ContributionRules.Submit(ContributionRegister.Empty, Contribution("p17-mex", "17", "MEX", ContributorKind.MemberState, ContributionChannel.GlobalForum), new KnownContributor("MEX", ParticipantCategory.MemberState), Now, forum));

        Assert.True(recorded.IsAccepted);
        Assert.Equal("REGIONAL_COMMISSION_INPUT_ALREADY_RECORDED", again.Reason);
        Assert.Equal(("NOT_A_CONTRIBUTION_PARAGRAPH", Hld.Domain.Rules.Paragraph("16")), (under16.Reason, under16.Rule));
        Assert.Contains("73/195 50", under16.Message, StringComparison.Ordinal);
        Assert.Equal("OVERVIEW_NOT_OWED", overview.Reason);
        Assert.Equal("STATE_SUBMITS_UNDER_PARA_17", submitted.Reason);
    }

    private static readonly ImmutableDictionary<string, string> Texts = ImmutableDictionary<string, string>.Empty.Add("en", "Overview").Add("zh", "综述");

    [Fact]
    public void A_regional_commission_input_is_recorded_once_per_commission_para16()
    {
        var first = ContributionRules.Record(ContributionRegister.Empty, Contribution("p16-eca", "16", "ECA", ContributorKind.RegionalCommission), Commissions, null, Owed2013).Value;

        var second = Refused(ContributionRules.Record(first, Contribution("p16-eca-2", "16", "ECA", ContributorKind.RegionalCommission), Commissions, null, Owed2013));

        Assert.Equal("REGIONAL_COMMISSION_INPUT_ALREADY_RECORDED", second.Reason);
        Assert.Equal("16", second.Paragraph);
    }

    [Fact]
    public void Only_the_five_regional_commissions_give_para_16_inputs_para16()
    {
        var refusal = Refused(ContributionRules.Record(ContributionRegister.Empty, Contribution("p16-iom", "16", "IOM", ContributorKind.RegionalCommission), Commissions, null, Owed2013));

        Assert.Equal("CONTRIBUTOR_NOT_A_REGIONAL_COMMISSION", refusal.Reason);
    }

    [Fact]
    public void A_gmg_member_must_be_a_registered_un_entity_or_igo_para15()
    {
        var unknown = Refused(ContributionRules.Record(ContributionRegister.Empty, Contribution("p15-x", "15", "ACME", ContributorKind.GmgMember), Commissions, null, Owed2013));
        var state = Refused(ContributionRules.Record(ContributionRegister.Empty, Contribution("p15-x", "15", "FRA", ContributorKind.GmgMember), Commissions, new KnownContributor("FRA", ParticipantCategory.MemberState), Owed2013));
        var iom = ContributionRules.Record(ContributionRegister.Empty, Contribution("p15-iom", "15", "IOM", ContributorKind.GmgMember), Commissions, new KnownContributor("IOM", ParticipantCategory.IgoStandingInvitation, GlobalMigrationGroupMember: true), Owed2013);

        Assert.Equal("CONTRIBUTOR_NOT_A_GMG_MEMBER", unknown.Reason);
        Assert.Equal("15", state.Paragraph);
        Assert.True(iom.IsAccepted);
    }

    [Fact]
    public void A_member_state_contribution_names_its_channel_para17()
    {
        var mexico = new KnownContributor("MEX", ParticipantCategory.MemberState);
        var noChannel = Refused(ContributionRules.Record(ContributionRegister.Empty, Contribution("p17-mex", "17", "MEX", ContributorKind.MemberState), Commissions, mexico, Owed2013));
        var unnamedProcess = Refused(ContributionRules.Record(ContributionRegister.Empty, Contribution("p17-mex", "17", "MEX", ContributorKind.MemberState, ContributionChannel.RegionalConsultativeProcess), Commissions, mexico, Owed2013));
        var puebla = ContributionRules.Record(ContributionRegister.Empty, Contribution("p17-mex", "17", "MEX", ContributorKind.MemberState, ContributionChannel.RegionalConsultativeProcess, "Puebla Process"), Commissions, mexico, Owed2013);
        var gfmd = ContributionRules.Record(ContributionRegister.Empty, Contribution("p17-mex", "17", "MEX", ContributorKind.MemberState, ContributionChannel.GlobalForum), Commissions, mexico, Owed2013);

        Assert.Equal("CHANNEL_REQUIRED", noChannel.Reason);
        Assert.Equal("CHANNEL_NAME_REQUIRED", unnamedProcess.Reason);
        Assert.True(puebla.IsAccepted);
        Assert.True(gfmd.IsAccepted);
    }

    [Fact]
    public void Only_member_states_contribute_under_para17()
    {
        var refusal = Refused(ContributionRules.Record(ContributionRegister.Empty,
            Contribution("p17-vat", "17", "VAT", ContributorKind.MemberState, ContributionChannel.GlobalForum), Commissions, new KnownContributor("VAT", ParticipantCategory.ObserverState), Owed2013));

        Assert.Equal("CONTRIBUTOR_NOT_A_MEMBER_STATE", refusal.Reason);
        Assert.Equal("17", refusal.Paragraph);
    }

    [Fact]
    public void Receiving_takes_the_version_last_read_and_happens_once_para15()
    {
        var register = ContributionRules.Record(ContributionRegister.Empty, Contribution("p16-ece", "16", "ECE", ContributorKind.RegionalCommission), Commissions, null, Owed2013).Value;
        var at = Due.AddDays(-3);

        var received = ContributionRules.Receive(register, "p16-ece", 1, at).Value;
        var again = Refused(ContributionRules.Receive(received, "p16-ece", 2, at));
        var stale = Refused(ContributionRules.Receive(register with { }, "p16-ece", 7, at));

        Assert.Equal(at, received.Contributions["p16-ece"].ReceivedAt);
        Assert.Equal(2, received.Contributions["p16-ece"].Version);
        Assert.Equal("CONTRIBUTION_ALREADY_RECEIVED", again.Reason);
        Assert.Equal("CONTRIBUTION_CHANGED", stale.Reason);
    }

    [Fact]
    public void The_follow_up_item_belongs_to_the_sixty_ninth_session_para18()
    {
        var item = new AgendaItem(68, ImmutableDictionary<string, string>.Empty.Add("en", "Globalization and interdependence"), ImmutableDictionary<string, string>.Empty.Add("en", "International migration and development"));

        var wrong = Refused(ContributionRules.RecordAgendaItem(ContributionRegister.Empty, item, Owed2013));
        var right = ContributionRules.RecordAgendaItem(ContributionRegister.Empty, item with { Session = 69 }, Owed2013).Value;
        var twice = Refused(ContributionRules.RecordAgendaItem(right, item with { Session = 69 }, Owed2013));

        Assert.Equal("18", wrong.Paragraph);
        Assert.Equal("AGENDA_ITEM_WRONG_SESSION", wrong.Reason);
        Assert.Equal(69, right.AgendaItem!.Session);
        Assert.Equal("AGENDA_ITEM_ALREADY_RECORDED", twice.Reason);
    }

    [Fact]
    public void A_document_symbol_is_recorded_once_para1()
    {
        var document = new Document("A/67/254", ImmutableDictionary<string, string>.Empty.Add("en", "International migration and development"), ["en", "zh"], "1");
        var recorded = ContributionRules.RecordDocument(ContributionRegister.Empty, document, Now).Value;

        Assert.Equal("DOCUMENT_ALREADY_RECORDED", Refused(ContributionRules.RecordDocument(recorded, document, Now)).Reason);
    }

    private static Document Document(string symbol, string paragraph, DateOnly? issuedOn = null) =>
        new(symbol, ImmutableDictionary<string, string>.Empty.Add("en", symbol).Add("zh", symbol), ["en", "zh"], paragraph, issuedOn);

    [Fact]
    public void A_recorded_document_keeps_its_date_and_when_it_was_recorded_and_a_date_to_come_is_refused_para1()
    {
        var issued = new DateOnly(2012, 8, 3);
        var recorded = ContributionRules.RecordDocument(ContributionRegister.Empty, Document("A/67/254", "1", issued), Now).Value;

        Assert.Equal(issued, recorded.Documents["A/67/254"].IssuedOn);
        Assert.Equal(Now, recorded.Documents["A/67/254"].RecordedAt);
        var future = Refused(ContributionRules.RecordDocument(recorded, Document("A/69/207", "19", new DateOnly(2014, 7, 30)), Now));
        Assert.Equal("DOCUMENT_DATE_IN_FUTURE", future.Reason);
        Assert.Equal("19", future.Paragraph);
    }

    [Fact]
    public void Documents_are_listed_by_symbol_a_page_at_a_time_and_by_paragraph_para1()
    {
        var register = ContributionRegister.Empty;
        foreach (var (symbol, paragraph) in new[] { ("A/69/207", "19"), ("A/67/254", "1"), ("A/68/190", "15"), ("A/RES/67/219", "1") })
        {
            register = ContributionRules.RecordDocument(register, Document(symbol, paragraph), Now).Value;
        }

        var first = ContributionRules.ListDocuments(register, string.Empty, string.Empty, 3);
        var rest = ContributionRules.ListDocuments(register, string.Empty, first.NextAfter!, 3);
        var para1 = ContributionRules.ListDocuments(register, "1", string.Empty, 10);

        Assert.Equal(["A/67/254", "A/68/190", "A/69/207"], first.Items.Select(d => d.Symbol));
        Assert.Equal("A/69/207", first.NextAfter);
        Assert.Equal(["A/RES/67/219"], rest.Items.Select(d => d.Symbol));
        Assert.Null(rest.NextAfter);
        Assert.Equal(["A/67/254", "A/RES/67/219"], para1.Items.Select(d => d.Symbol));
    }

    private static ImmutableDictionary<string, string> Both(string en, string zh) => ImmutableDictionary<string, string>.Empty.Add("en", en).Add("zh", zh);

    [Fact]
    public void A_un_entity_outside_the_global_migration_group_cannot_give_a_gmg_input_para15()
    {
        var input = Contribution("p15-unu", "15", "UNU", ContributorKind.GmgMember);

        var outside = Refused(ContributionRules.Record(ContributionRegister.Empty, input, Commissions, new KnownContributor("UNU", ParticipantCategory.UnSystemEntity), Owed2013));
        var asOther = ContributionRules.Record(ContributionRegister.Empty, input with { Kind = ContributorKind.OtherEntity }, Commissions, new KnownContributor("UNU", ParticipantCategory.UnSystemEntity), Owed2013);
        var member = ContributionRules.Record(ContributionRegister.Empty, input with { Id = "p15-ilo", ContributorId = "ILO" }, Commissions, new KnownContributor("ILO", ParticipantCategory.UnSystemEntity, GlobalMigrationGroupMember: true), Owed2013);

        Assert.Equal("CONTRIBUTOR_NOT_A_GMG_MEMBER", outside.Reason);
        Assert.Equal("15", outside.Paragraph);
        Assert.True(asOther.IsAccepted);
        Assert.True(member.IsAccepted);
    }

    [Theory]
    [InlineData("en", "Input 'p15-iom' from IOM is due by 2013-08-31 00:00 UTC;")]
    [InlineData("fr", "L'apport « p15-iom » de IOM est attendu au plus tard le 31 août 2013 à 00:00 UTC ;")]
    [InlineData("es", "La aportación «p15-iom» de IOM debe presentarse a más tardar el 31 de agosto de 2013 a las 00:00 UTC;")]
    [InlineData("ru", "Материал «p15-iom» от IOM ожидается не позднее 31 августа 2013 г. 00:00 UTC;")]
    [InlineData("zh", "IOM 的投入“p15-iom”应于 2013年8月31日 00:00（UTC）前提交；")]
    [InlineData("ar", "موعد تقديم المُدخل \"p15-iom\" من IOM هو 31 أغسطس 2013 الساعة 00:00 بالتوقيت العالمي؛")]
    public void An_input_still_due_is_refused_in_each_official_language_with_its_date_in_that_culture_para15(string language, string expected)
    {
        var iom = new KnownContributor("IOM", ParticipantCategory.IgoStandingInvitation, true);
        var register = ContributionRules.Record(ContributionRegister.Empty, Contribution("p15-iom", "15", "IOM", ContributorKind.GmgMember), Commissions, iom, Owed2013).Value;

        var stillDue = Refused(ContributionRules.AssembleOverview(register, "A/68/190", Both("Overview", "综述"), Both("Summary", "摘要"), Now, Owed2013));

        Assert.StartsWith(expected, stillDue.In(System.Globalization.CultureInfo.GetCultureInfo(language)), StringComparison.Ordinal);
        Assert.Equal(stillDue.Message, stillDue.In(DocumentLanguage.Culture("en")));
    }

    [Fact]
    public void Every_catalogue_of_reporting_is_in_all_six_languages_with_the_same_placeholders() =>
        Assert.Empty(Hld.Testing.Catalogues.Defects(typeof(Refusals).Assembly));

    [Fact]
    public void The_overview_is_assembled_once_from_the_inputs_received_in_chinese_and_english_para15()
    {
        var ilo = new KnownContributor("ILO", ParticipantCategory.UnSystemEntity, true);
        var iom = new KnownContributor("IOM", ParticipantCategory.IgoStandingInvitation, true);
        var title = Both("Comprehensive overview", "全面综述");
        var summary = Both("Studies and analysis on migration and development.", "关于移徙与发展的研究与分析。");
        var empty = Refused(ContributionRules.AssembleOverview(ContributionRegister.Empty, "A/68/190", title, summary, Now, Owed2013));

        var register = ContributionRules.Record(ContributionRegister.Empty, Contribution("p15-ilo", "15", "ILO", ContributorKind.GmgMember), Commissions, ilo, Owed2013).Value;
        register = ContributionRules.Record(register, Contribution("p15-iom", "15", "IOM", ContributorKind.GmgMember), Commissions, iom, Owed2013).Value;
        register = ContributionRules.Receive(register, "p15-ilo", 1, Now).Value;
        var stillDue = Refused(ContributionRules.AssembleOverview(register, "A/68/190", title, summary, Now, Owed2013));
        var afterDue = Due.AddDays(1);
        var englishOnly = Refused(ContributionRules.AssembleOverview(register, "A/68/190", ImmutableDictionary<string, string>.Empty.Add("en", "Overview"), summary, afterDue, Owed2013));
        var assembled = ContributionRules.AssembleOverview(register, "A/68/190", title, summary, afterDue, Owed2013).Value;
        var again = Refused(ContributionRules.AssembleOverview(assembled, "A/68/191", title, summary, afterDue, Owed2013));

        Assert.Equal("OVERVIEW_WITHOUT_INPUTS", empty.Reason);
        Assert.Equal("OVERVIEW_INPUT_STILL_DUE", stillDue.Reason);
        Assert.Equal("OVERVIEW_NEEDS_CHINESE_AND_ENGLISH", englishOnly.Reason);
        Assert.Equal("OVERVIEW_ALREADY_ASSEMBLED", again.Reason);
        Assert.All(new[] { empty, stillDue, englishOnly, again }, v => Assert.Equal("15", v.Paragraph));
        Assert.Equal(["p15-ilo"], assembled.Overview!.Inputs);
        Assert.Equal(afterDue, assembled.Overview.AssembledAt);
        Assert.Equal(["en", "zh"], assembled.Documents["A/68/190"].Languages);
        Assert.Equal("15", assembled.Documents["A/68/190"].Paragraph);
    }

    [Fact]
    public void A_member_state_submits_its_own_contribution_under_para_17_and_the_secretariat_acknowledges_it_para17()
    {
        var philippines = new KnownContributor("PHL", ParticipantCategory.MemberState);
        var own = Contribution("p17-phl", "17", "PHL", ContributorKind.MemberState, ContributionChannel.RegionalConsultativeProcess, "Colombo Process");

        var submitted = ContributionRules.Submit(ContributionRegister.Empty, own, philippines, Now, Owed2013).Value;
        var underPara15 = Refused(ContributionRules.Submit(ContributionRegister.Empty, own with { Paragraph = "15" }, philippines, Now, Owed2013));
        var noChannelName = Refused(ContributionRules.Submit(ContributionRegister.Empty, own with { ChannelName = string.Empty }, philippines, Now, Owed2013));
        var unknown = Refused(ContributionRules.Submit(ContributionRegister.Empty, own, null, Now, Owed2013));
        var acknowledged = ContributionRules.Receive(submitted, "p17-phl", 1, Now.AddDays(1)).Value;

        Assert.Equal(Now, submitted.Contributions["p17-phl"].SubmittedAt);
        Assert.False(submitted.Contributions["p17-phl"].Received);
        Assert.Equal("STATE_SUBMITS_UNDER_PARA_17", underPara15.Reason);
        Assert.Equal("CHANNEL_NAME_REQUIRED", noChannelName.Reason);
        Assert.Equal("CONTRIBUTOR_NOT_A_MEMBER_STATE", unknown.Reason);
        Assert.All(new[] { underPara15, noChannelName, unknown }, v => Assert.Equal("17", v.Paragraph));
        Assert.True(acknowledged.Contributions["p17-phl"].Received);
        Assert.True(acknowledged.Contributions["p17-phl"].Submitted);
    }
}
