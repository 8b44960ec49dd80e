using System.Collections.Immutable;
using Hld.Domain;
using Hld.Reporting.Projections;
using Hld.Reporting.Report;
using Hld.Testing;
using Xunit;

namespace Hld.Reporting.Tests;

public sealed class ImplementationReportTests
{
    private static readonly DateTimeOffset June = new(2013, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly MessageCatalogue Text = Catalogues.For<ReportMarkdown>();
    private static readonly FigureLabels Labels = new(ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty
        .Add("category:ObserverState", ImmutableDictionary<string, string>.Empty.Add("en", "observer States").Add("zh", "观察员国")));

    private static ParagraphRule Rule(string paragraph, ImmutableDictionary<string, long> done, DateTimeOffset? due = null, ImmutableDictionary<string, long>? overdueWhen = null, params string[] progress) =>
        new(paragraph, ImmutableDictionary<string, string>.Empty.Add("en", $"para {paragraph}").Add("zh", $"第{paragraph}段"), done, [.. progress],
            overdueWhen ?? ImmutableDictionary<string, long>.Empty, due, ["registry.participant-registered", "reporting.contribution-recorded"]);

    private static ParticipantRegisteredFact Observer(string id, DateTimeOffset at) =>
        new($"e-{id}", "registry.participant-registered", $"registry/participant/{id}", at, id, ParticipantCategory.ObserverState, RegionalGroup.None, string.Empty);

    private static ReportSection Section(ReportingProjection projection, ParagraphRule rule, DateTimeOffset asOf) =>
        ImplementationReport.Build(projection, [rule], Labels, Text, asOf).Single();

    [Fact]
    public void A_paragraph_is_not_started_in_progress_then_done_as_its_figures_grow_para19()
    {
        var rule = Rule("6", ImmutableDictionary<string, long>.Empty.Add("category:ObserverState", 2));
        var none = ReportingProjection.Empty;
        var one = none.Apply(Observer("VAT", June));
        var two = one.Apply(Observer("PSE", June.AddDays(1)));

        Assert.Equal(ImplementationStatus.NotStarted, Section(none, rule, June).Status);
        Assert.Equal(ImplementationStatus.InProgress, Section(one, rule, June).Status);
        var done = Section(two, rule, June.AddDays(2));
        Assert.Equal(ImplementationStatus.Done, done.Status);
        Assert.Equal("observer States: 2 of 2", done.Explanation["en"]);
        Assert.Equal("观察员国：2/2", done.Explanation["zh"]);
        Assert.Equal(2, done.EvidenceCount);
        Assert.Equal(["e-VAT", "e-PSE"], done.Evidence.Select(e => e.Item.EventId));
    }

    [Fact]
    public void A_paragraph_not_done_by_its_date_is_overdue_and_done_wins_over_late_para19()
    {
        var due = June.AddDays(10);
        var rule = Rule("6", ImmutableDictionary<string, long>.Empty.Add("category:ObserverState", 2), due);
        var one = ReportingProjection.Empty.Apply(Observer("VAT", June));
        var two = one.Apply(Observer("PSE", June.AddDays(20)));

        Assert.Equal(ImplementationStatus.InProgress, Section(one, rule, due).Status);
        Assert.Equal(ImplementationStatus.Overdue, Section(one, rule, due.AddTicks(1)).Status);
        Assert.Equal(ImplementationStatus.Done, Section(two, rule, due.AddDays(30)).Status);
    }

    [Fact]
    public void A_contribution_past_its_due_date_makes_the_paragraph_overdue_para16()
    {
        var rule = Rule("16", ImmutableDictionary<string, long>.Empty.Add("contribution:16:received", 5),
            overdueWhen: ImmutableDictionary<string, long>.Empty.Add("contribution:16:late", 1), progress: "contribution:16:expected");
        var dueAt = June.AddMonths(2);
        var projection = ReportingProjection.Empty
            .Apply(new ContributionFact("c1", "reporting.contribution-recorded", "reporting/contribution-register", June, "p16-ECA", "16", "ECA", dueAt, false));

        Assert.Equal(ImplementationStatus.InProgress, Section(projection, rule, dueAt).Status);
        Assert.Equal(ImplementationStatus.Overdue, Section(projection, rule, dueAt.AddDays(1)).Status);
        var received = projection.Apply(new ContributionFact("c2", "reporting.contribution-recorded", "reporting/contribution-register", dueAt.AddDays(2), "p16-ECA", "16", "ECA", dueAt, true));
        Assert.Equal(ImplementationStatus.InProgress, Section(received, rule, dueAt.AddDays(3)).Status);
    }

    private static readonly ParagraphRule Para12 = Rule("12", ImmutableDictionary<string, long>.Empty.Add("list:OtherStakeholders:Final", 1),
        new DateTimeOffset(2013, 6, 16, 4, 0, 0, TimeSpan.Zero), progress: "list:OtherStakeholders:Circulated") with
    {
        Breaches = ImmutableDictionary<string, long>.Empty.Add("list:OtherStakeholders:HearingConflict", 1),
        DueBeforeHearing = new DueBeforeHearing(1, TimeSpan.FromHours(-4)),
    };

    private static HearingScheduledFact HearingOn(DateOnly day, DateTimeOffset at) =>
        new($"h-{day:MMdd}", "hearings.hearing-scheduled", "hearings/hearing/hld-2013", at, day);

    private static ListHearingConflictFact Conflict(string listId, bool stands, long version) =>
        new($"c-{listId}-{version}", stands ? "registry.hearing-date-conflict-recorded" : "registry.hearing-date-conflict-resolved", $"registry/list/{listId}", June, listId, stands, version);

    [Fact]
    public void Para_12_is_due_one_month_before_the_hearing_in_force_at_the_end_of_the_venue_s_day_para12()
    {
        var circulated = ReportingProjection.Empty.Apply(new ListStatusFact("l1", "registry.list-status-changed", "registry/list/p12", June, "p12", "OtherStakeholders", "Circulated"));

        Assert.Equal(new DateTimeOffset(2013, 6, 16, 4, 0, 0, TimeSpan.Zero), Section(circulated, Para12, June).Due);
        var moved = circulated.Apply(HearingOn(new DateOnly(2013, 7, 15), June)).Apply(HearingOn(new DateOnly(2013, 7, 10), June.AddDays(1)));
        var due = new DateTimeOffset(2013, 6, 10, 23, 59, 59, TimeSpan.FromHours(-4)).AddSeconds(1);

        Assert.Equal(due, Section(moved, Para12, June).Due);
        Assert.Equal(ImplementationStatus.InProgress, Section(moved, Para12, due).Status);
        Assert.Equal(ImplementationStatus.Overdue, Section(moved, Para12, due.AddTicks(1)).Status);
    }

    [Fact]
    public void Para_12_is_overdue_while_a_list_s_conflict_with_the_hearing_stands_even_beside_a_final_list_para12()
    {
        var final = ReportingProjection.Empty.Apply(new ListFinalisedFact("f1", "registry.list-finalised", "registry/list/p12-a", June, "p12-a", "OtherStakeholders",
            ImmutableDictionary<RegionalGroup, long>.Empty.Add(RegionalGroup.AfricanStates, 1), 0));
        Assert.Equal(ImplementationStatus.Done, Section(final, Para12, June).Status);

        var inConflict = final.Apply(Conflict("p12-b", stands: true, version: 5));
        var section = Section(inConflict, Para12, June);
        Assert.Equal(ImplementationStatus.Overdue, section.Status);
        Assert.Contains("list:OtherStakeholders:HearingConflict: 1", section.Explanation["en"], StringComparison.Ordinal);

        // Resolved at a later version of the list; the recorded event of an earlier version arriving late changes nothing.
        var resolved = inConflict.Apply(Conflict("p12-b", stands: false, version: 6)).Apply(Conflict("p12-b", stands: true, version: 4));
        Assert.Equal(ImplementationStatus.Done, Section(resolved, Para12, June).Status);
        Assert.Equal(ImplementationStatus.Overdue, Section(ReportingProjection.Empty.Apply(Conflict("p12-b", stands: false, version: 6)).Apply(Conflict("p12-b", stands: true, version: 7)), Para12, June).Status);
    }

    [Fact]
    public void Markdown_renders_every_section_in_chinese_and_english_para19()
    {
        var rules = Enumerable.Range(1, 19).Select(p => Rule(p.ToString(System.Globalization.CultureInfo.InvariantCulture), ImmutableDictionary<string, long>.Empty.Add("category:ObserverState", 2)));
        var sections = ImplementationReport.Build(ReportingProjection.Empty.Apply(Observer("VAT", June)), rules, Labels, Text, June);

        var en = new ReportMarkdown(Text, "67/219").Render(sections, June, 1, "en");
        var zh = new ReportMarkdown(Text, "67/219").Render(sections, June, 1, "zh");

        Assert.Equal(19, sections.Count);
        Assert.Contains("## Paragraph 19 — in progress", en, StringComparison.Ordinal);
        Assert.Contains("## 第 18 段 — 进行中", zh, StringComparison.Ordinal);
        Assert.Contains("| 1 | in progress | observer States: 1 of 2 |", en, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paragraph_no_rule_reads_is_not_tracked_whatever_happened_and_says_so_para19()
    {
        var untracked = ParagraphRule.Untracked("73/195 49", ImmutableDictionary<string, string>.Empty.Add("en", "The Forum reviews progress."));
        var section = ImplementationReport.Build(ReportingProjection.Empty.Apply(Observer("VAT", June)), [untracked], Labels, Text, June).Single();

        Assert.Equal(ImplementationStatus.NotTracked, section.Status);
        Assert.False(untracked.Tracks);
        Assert.True(Rule("1", ImmutableDictionary<string, long>.Empty.Add("category:ObserverState", 2)).Tracks);
        Assert.Contains("## Paragraph 73/195 49 — not tracked", new ReportMarkdown(Text, "67/219").Render([section], June, 1, "en"), StringComparison.Ordinal);
    }

    private static SpeakerInscribedFact Inscribed(string id, LevelOfRepresentation level = LevelOfRepresentation.Unspecified) =>
        new($"i-{id}", "sessions.speaker-inscribed", "sessions/dialogue", June, id, ParticipantCategory.MemberState, level);

    private static DelegationLevelFact Level(string id) =>
        new($"l-{id}", "registry.delegation-level-changed", $"registry/delegation/{id}", June, id, ParticipantCategory.MemberState, RegionalGroup.AfricanStates, LevelOfRepresentation.Minister, 1);

    [Fact]
    public void Para_5_is_done_when_every_inscribed_member_state_has_its_level_and_says_so_in_those_terms_para5()
    {
        var labels = new FigureLabels(ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty.Add("inscribed:MemberState:level",
            ImmutableDictionary<string, string>.Empty.Add("en", "levels recorded for {0} of the {1} inscribed Member States").Add("zh", "已登记发言的 {1} 个会员国中有 {0} 个记录了代表级别")));
        var rule = Rule("5", ImmutableDictionary<string, long>.Empty) with { DoneOf = ImmutableDictionary<string, string>.Empty.Add("inscribed:MemberState:level", "inscribed:MemberState") };
        var none = ReportingProjection.Empty;

        // GHA's level reaches reporting after its inscription; KEN was inscribed at a known level.
        var half = none.Apply(Inscribed("KEN", LevelOfRepresentation.HeadOfState)).Apply(Inscribed("GHA")).Apply(Inscribed("KEN", LevelOfRepresentation.HeadOfState) with { EventId = "i-KEN-2" });
        var all = half.Apply(Level("GHA"));

        Assert.Equal(ImplementationStatus.NotStarted, ImplementationReport.Build(none, [rule], labels, Text, June).Single().Status);
        var inProgress = ImplementationReport.Build(half, [rule], labels, Text, June).Single();
        Assert.Equal(ImplementationStatus.InProgress, inProgress.Status);
        Assert.Equal("levels recorded for 1 of the 2 inscribed Member States", inProgress.Explanation["en"]);
        var done = ImplementationReport.Build(all, [rule], labels, Text, June).Single();
        Assert.Equal(ImplementationStatus.Done, done.Status);
        Assert.Equal("levels recorded for 2 of the 2 inscribed Member States", done.Explanation["en"]);
        Assert.Equal("已登记发言的 2 个会员国中有 2 个记录了代表级别", done.Explanation["zh"]);
    }

    [Fact]
    public void Para_19_is_in_progress_once_the_report_has_events_to_draw_on_para19()
    {
        var rule = Rule("19", ImmutableDictionary<string, long>.Empty.Add("document:A/69/207", 1), progress: "events:considered");

        Assert.Equal(ImplementationStatus.NotStarted, Section(ReportingProjection.Empty, rule, June).Status);
        Assert.Equal(ImplementationStatus.InProgress, Section(ReportingProjection.Empty.Apply(Observer("VAT", June)), rule, June).Status);
    }

    [Fact]
    public void A_figure_measured_against_an_expected_figure_of_zero_is_not_done_para19()
    {
        var rule = Rule("17", ImmutableDictionary<string, long>.Empty) with { DoneOf = ImmutableDictionary<string, string>.Empty.Add("contribution:17:received", "contribution:17:expected") };

        var section = Section(ReportingProjection.Empty.Apply(Observer("VAT", June)), rule, June);

        Assert.Equal(ImplementationStatus.NotStarted, section.Status);
        Assert.Equal("contribution:17:received: 0 of 0", section.Explanation["en"]);
    }
}
