using Hld.Hearings.Summary;
using Xunit;
using static Hld.Hearings.Tests.Given;

namespace Hld.Hearings.Tests;

public sealed class SummaryTests
{
    private static readonly Dictionary<string, string> FirstText = new() { ["en"] = "Summary of the hearing.", ["zh"] = "听证会摘要。" };
    private static readonly Dictionary<string, string> Corrected = new() { ["en"] = "Summary of the hearing, corrected.", ["zh"] = "听证会摘要（更正）。" };

    private static HearingSummary Drafted() => HearingSummary.SaveDraft(null, "hld-2013", FirstText, "", At(7, 16)).Value;

    [Fact]
    public void Every_draft_is_kept_as_a_version_para11()
    {
        var summary = HearingSummary.SaveDraft(Drafted(), "hld-2013", Corrected, "", At(7, 17)).Value;

        Assert.Equal([SummaryVersionStatus.Superseded, SummaryVersionStatus.Draft], summary.Versions.Select(v => v.Status));
        Assert.Equal(2, summary.CurrentDraft()!.Number);
        Assert.Equal("听证会摘要。", summary.Versions[0].Text["zh"]);
        Assert.Null(summary.LatestPublished());
    }

    [Fact]
    public void The_summary_is_published_after_the_hearing_and_before_its_deadline_para11()
    {
        var published = HearingSummary.Publish(Drafted(), HearingDay, Year2013, At(9, 30, 23)).Value;

        Assert.Equal(1, published.LatestPublished()!.Number);
        Assert.Equal(At(9, 30, 23), published.LatestPublished()!.PublishedAt);
        Assert.Null(published.CurrentDraft());
    }

    [Fact]
    public void Publishing_the_summary_after_its_deadline_is_refused_para11() =>
        Refused(HearingSummary.Publish(Drafted(), HearingDay, Year2013, new DateTimeOffset(2013, 10, 1, 0, 0, 0, NewYork)), "SUMMARY_DEADLINE_PASSED", "11");

    [Fact]
    public void The_refusal_shows_the_deadline_on_the_venue_s_clock_with_its_offset_para11()
    {
        var refused = HearingSummary.Publish(Drafted(), HearingDay, Year2013, new DateTimeOffset(2013, 10, 1, 0, 0, 0, NewYork)).Violation!;

        // 23:59 in New York, not 23:59 UTC (which would be four hours earlier).
        Assert.Contains("2013-09-30 23:59 (UTC-04:00)", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("23:59 UTC", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Publishing_the_summary_once_the_Dialogue_has_opened_is_refused_even_with_a_later_deadline_para11()
    {
        var lateDeadline = Year2013 with { SummaryDeadline = new DateTimeOffset(2013, 10, 31, 0, 0, 0, NewYork) };

        Assert.True(HearingSummary.Publish(Drafted(), HearingDay, lateDeadline, At(10, 3, 9)).IsAccepted);
        Refused(HearingSummary.Publish(Drafted(), HearingDay, lateDeadline, At(10, 3, 10)), "SUMMARY_DEADLINE_PASSED", "11");
    }

    [Fact]
    public void A_summary_is_not_published_before_the_hearing_is_held_para11()
    {
        Refused(HearingSummary.Publish(Drafted(), HearingDay, Year2013, At(7, 14)), "HEARING_NOT_HELD", "11");
        Refused(HearingSummary.Publish(Drafted(), null, Year2013, At(7, 14)), "HEARING_NOT_SCHEDULED", "11");
        Refused(HearingSummary.Publish(null, HearingDay, Year2013, At(7, 16)), "NO_DRAFT_TO_PUBLISH", "11");
        Assert.True(HearingSummary.Publish(Drafted(), HearingDay, Year2013, OnHearingDay(18)).IsAccepted);
    }

    [Fact]
    public void Publishing_with_no_draft_pending_is_refused_para11()
    {
        var published = HearingSummary.Publish(Drafted(), HearingDay, Year2013, At(7, 20)).Value;

        Refused(HearingSummary.Publish(published, HearingDay, Year2013, At(7, 21)), "NO_DRAFT_TO_PUBLISH", "11");
    }

    [Fact]
    public void A_published_summary_changes_only_through_a_new_version_that_says_why_para11()
    {
        var published = HearingSummary.Publish(Drafted(), HearingDay, Year2013, At(7, 20)).Value;

        Refused(HearingSummary.SaveDraft(published, "hld-2013", Corrected, "  ", At(7, 21)), "REVISION_NOTE_REQUIRED", "11");
        var revision = HearingSummary.SaveDraft(published, "hld-2013", Corrected, "Corrects the name of a panellist.", At(7, 21)).Value;
        var revised = HearingSummary.Publish(revision, HearingDay, Year2013, At(7, 22)).Value;

        Assert.Equal([SummaryVersionStatus.Published, SummaryVersionStatus.Published], revised.Versions.Select(v => v.Status));
        Assert.Equal("Summary of the hearing.", revised.Versions[0].Text["en"]);
        Assert.Equal(At(7, 20), revised.Versions[0].PublishedAt);
        Assert.Equal("Corrects the name of a panellist.", revised.LatestPublished()!.RevisionNote);
        Assert.Equal(2, revised.LatestPublished()!.Number);
    }
}
