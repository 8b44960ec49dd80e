using Hld.Domain;
using Hld.Hearings.Participation;
using Hld.Hearings.Programme;
using Xunit;
using static Hld.Hearings.Tests.Given;

namespace Hld.Hearings.Tests;

public sealed class ProgrammeTests
{
    private static readonly SegmentPlan Panel = new(
        SegmentKind.Panel,
        new Dictionary<string, string> { ["en"] = "Migration and the post-2015 agenda", ["zh"] = "移徙与2015年后议程" },
        ["Moderator One"],
        TimeSpan.FromMinutes(3));

    private static HearingProgramme WithPanel() => HearingProgramme.AddSegment(null, "hld-2013", Panel, HearingDay, Year2013, At(6, 20)).Value;

    [Fact]
    public void Segments_are_added_in_order_with_their_moderators_and_time_limit_para11()
    {
        var programme = HearingProgramme.AddSegment(WithPanel(), "hld-2013", Panel with { Kind = SegmentKind.InteractiveDiscussion }, HearingDay, Year2013, At(6, 21)).Value;

        Assert.Equal(["s1", "s2"], programme.Segments.Select(s => s.SegmentId));
        Assert.Equal(["Moderator One"], programme.Segments[0].Moderators);
        Assert.Equal(TimeSpan.FromMinutes(3), programme.Segments[1].SpeakingTimeLimit);
    }

    [Fact]
    public void The_programme_closes_when_the_hearing_is_over_para11() =>
        Refused(HearingProgramme.AddSegment(null, "hld-2013", Panel, HearingDay, Year2013, At(7, 16)), "HEARING_OVER", "11");

    [Fact]
    public void A_participants_representative_is_inscribed_with_the_segments_limit_para11()
    {
        var programme = WithPanel();

        var inscribed = programme.Inscribe(programme.Segments[0], "cso-1", Roster(("cso-1", "Ana")).Find("cso-1"), "Ana", null, HearingDay, Year2013, At(7, 2)).Value;

        var speaker = Assert.Single(inscribed.Segments[0].Speakers);
        Assert.Equal(TimeSpan.FromMinutes(3), speaker.AllottedTime);
        Assert.Equal(HearingGroup.CivilSociety, speaker.Group);
    }

    [Fact]
    public void Only_the_hearings_participants_are_inscribed_para11()
    {
        var programme = WithPanel();

        Refused(programme.Inscribe(programme.Segments[0], "cso-1", null, "Ana", null, HearingDay, Year2013, At(7, 2)), "NOT_A_HEARING_PARTICIPANT", "11");
        Refused(programme.Inscribe(programme.Segments[0], "cso-1", Roster(("cso-1", "Ana")).Find("cso-1"), "Bob", null, HearingDay, Year2013, At(7, 2)), "REPRESENTATIVE_NOT_REGISTERED", "11");
    }

    [Fact]
    public void Asking_for_more_time_than_the_limit_is_refused_para11()
    {
        var programme = WithPanel();

        Refused(programme.Inscribe(programme.Segments[0], "cso-1", Roster(("cso-1", "Ana")).Find("cso-1"), "Ana", TimeSpan.FromMinutes(4), HearingDay, Year2013, At(7, 2)), "SPEAKING_TIME_OVER_LIMIT", "11");
    }

    [Fact]
    public void An_organisation_is_inscribed_once_per_segment_para11()
    {
        var roster = Roster(("cso-1", "Ana"));
        var programme = WithPanel();
        programme = programme.Inscribe(programme.Segments[0], "cso-1", roster.Find("cso-1"), "Ana", TimeSpan.FromMinutes(2), HearingDay, Year2013, At(7, 2)).Value;

        Refused(programme.Inscribe(programme.Segments[0], "cso-1", roster.Find("cso-1"), "Ana", null, HearingDay, Year2013, At(7, 3)), "ALREADY_INSCRIBED", "11");
    }

    [Fact]
    public void The_limit_cannot_fall_below_time_already_allotted_para11()
    {
        var programme = WithPanel();
        programme = programme.Inscribe(programme.Segments[0], "cso-1", Roster(("cso-1", "Ana")).Find("cso-1"), "Ana", null, HearingDay, Year2013, At(7, 2)).Value;

        Refused(programme.UpdateSegment(programme.Segments[0], Panel with { SpeakingTimeLimit = TimeSpan.FromMinutes(2) }, HearingDay, Year2013, At(7, 3)), "INSCRIBED_TIME_OVER_LIMIT", "11");
        var longer = programme.UpdateSegment(programme.Segments[0], Panel with { SpeakingTimeLimit = TimeSpan.FromMinutes(5), Moderators = ["Another"] }, HearingDay, Year2013, At(7, 3)).Value;
        Assert.Equal(["Another"], longer.Segments[0].Moderators);
        Assert.Single(longer.Segments[0].Speakers);
    }

    [Fact]
    public void Interventions_are_recorded_on_the_hearing_day_with_speaker_organisation_group_and_time_para11()
    {
        var roster = Roster(("biz-1", "Kenji"));
        var programme = WithPanel();

        var recorded = programme.RecordIntervention(programme.Segments[0], "biz-1", roster.Find("biz-1"), "Kenji", TimeSpan.FromMinutes(4), HearingDay, Year2013, OnHearingDay(11)).Value;

        var intervention = Assert.Single(recorded.Interventions);
        Assert.Equal(("i1", "s1", "biz-1", "Kenji", HearingGroup.PrivateSector), (intervention.InterventionId, intervention.SegmentId, intervention.ParticipantId, intervention.SpeakerName, intervention.Group));
        Assert.Equal(OnHearingDay(11).AddMinutes(-4), intervention.StartedAt);
        Assert.True(intervention.IsOverTime());
    }

    [Fact]
    public void An_intervention_within_the_allotted_time_is_not_over_time_para11()
    {
        var roster = Roster(("biz-1", "Kenji"));
        var programme = WithPanel();

        var recorded = programme.RecordIntervention(programme.Segments[0], "biz-1", roster.Find("biz-1"), "Kenji", TimeSpan.FromMinutes(3), HearingDay, Year2013, OnHearingDay(11)).Value;

        Assert.False(recorded.Interventions[0].IsOverTime());
    }

    [Fact]
    public void Interventions_outside_the_hearing_day_are_refused_para11()
    {
        var roster = Roster(("biz-1", "Kenji"));
        var programme = WithPanel();

        Refused(programme.RecordIntervention(programme.Segments[0], "biz-1", roster.Find("biz-1"), "Kenji", TimeSpan.FromMinutes(1), HearingDay, Year2013, At(7, 14, 23)), "NOT_HEARING_DAY", "11");
        Refused(programme.RecordIntervention(programme.Segments[0], "biz-1", roster.Find("biz-1"), "Kenji", TimeSpan.FromMinutes(1), null, Year2013, At(7, 14)), "HEARING_NOT_SCHEDULED", "11");
    }

    [Fact]
    public void Interventions_come_only_from_participants_para11()
    {
        var programme = WithPanel();

        Refused(programme.RecordIntervention(programme.Segments[0], "stranger", null, "X", TimeSpan.FromMinutes(1), HearingDay, Year2013, OnHearingDay()), "NOT_A_HEARING_PARTICIPANT", "11");
    }
}
