using System.Text.Json;
using System.Text.Json.Serialization;
using Hld.Domain;
using Hld.Hearings.Hearings;
using Hld.Hearings.Participation;
using Hld.Hearings.Programme;
using Hld.Hearings.Summary;
using Xunit;
using static Hld.Hearings.Tests.Given;

namespace Hld.Hearings.Tests;

/// <summary>Aggregates are stored as JSON (web defaults, enums as strings, as the platform stores them) and must come back whole.</summary>
public sealed class PersistenceTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static void RoundTrips<T>(T value)
    {
        var stored = JsonSerializer.Serialize(value, Json);
        var loaded = JsonSerializer.Deserialize<T>(stored, Json);
        Assert.Equal(stored, JsonSerializer.Serialize(loaded, Json));
    }

    [Fact]
    public void Every_aggregate_of_the_hearing_round_trips_through_json_para11()
    {
        var roster = Roster(("ngo-1", "Amina"), ("cso-1", "Ana"));
        var hearing = SpeakerSelection.RecordConsultation(Hearing(), new ConsultationRecord([HearingGroup.EcosocNgo], [RegionalGroup.AfricanStates], ["KEN"], "note"), Year2013, OnHearingDay(9)).Value;
        hearing = SpeakerSelection.Select(hearing, HearingGroup.EcosocNgo, "ngo-1", roster.Find("ngo-1"), "Amina", Year2013, OnHearingDay(15)).Value;
        var programme = HearingProgramme.AddSegment(null, "hld-2013", new SegmentPlan(SegmentKind.Panel, new Dictionary<string, string> { ["en"] = "Panel" }, ["M"], TimeSpan.FromMinutes(3)), HearingDay, Year2013, At(7, 1)).Value;
        programme = programme.RecordIntervention(programme.Segments[0], "cso-1", roster.Find("cso-1"), "Ana", TimeSpan.FromSeconds(150), HearingDay, Year2013, OnHearingDay()).Value;
        var summary = HearingSummary.Publish(HearingSummary.SaveDraft(null, "hld-2013", new Dictionary<string, string> { ["zh"] = "摘要", ["en"] = "Summary" }, "", At(7, 16)).Value, HearingDay, Year2013, At(7, 17)).Value;

        RoundTrips(hearing);
        RoundTrips(roster);
        RoundTrips(programme);
        RoundTrips(summary);
        RoundTrips(FinalLists().StatusChanged("p12b", Hld.Domain.ListKind.OtherStakeholders, Hld.Domain.ListStatus.Circulated, At(6, 14)));
        Assert.Equal(hearing.Selections[0].SelectedAt, JsonSerializer.Deserialize<Hearing>(JsonSerializer.Serialize(hearing, Json), Json)!.Selections[0].SelectedAt);
    }
}
