using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Contracts.Sessions.V1;
using Hld.Platform.Events;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

#pragma warning disable CS0612 // events in the shape stored before decision 011

namespace Hld.Functional.Tests;

/// <summary>
/// Events stored before their fields moved into embedded API messages (decision 011) still project
/// in reporting, through the real bus: a registration with only the flat fields is counted, and
/// speakers-list figures with only the deprecated rank show the block under the API's enum.
/// </summary>
public sealed class ReportingStoredEventsTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private static readonly DateTimeOffset At = new(2013, 10, 3, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Events_in_the_shape_stored_before_embedding_project_as_new_ones()
    {
        var registered = new ParticipantRegistered
        {
            ParticipantId = "ISL", Category = ParticipantCategory.MemberState, RegionalGroup = RegionalGroup.WesternEuropeanAndOtherStates, CountryCode = "ISL",
            Name = new LocalizedText { Texts = { ["en"] = "Iceland" } },
        };
        var figures = new SpeakersListFiguresChanged
        {
            DialogueId = "hld-2013", MeetingNumber = 3, Speakers = 5, Fitting = 4,
            ByRank = { new PlenarySpeakerRankCount { Rank = PlenarySpeakerRank.MemberState, Speakers = 4, Fitting = 4 }, new PlenarySpeakerRankCount { Rank = PlenarySpeakerRank.HearingRepresentative, Speakers = 1 } },
        };
        var store = hosts.Registry.Services.GetRequiredService<IAggregateStore>();
        Assert.True(await store.TryCommitAsync("registry/test-fixture/stored-before", 0, "x"u8.ToArray(),
            [EventEnvelopes.Create(registered, "registry/participant/ISL", 1, At, "hld-registry"), EventEnvelopes.Create(figures, "sessions/speakers/3", 1, At, "hld-sessions")]));
        var reporting = new ReportingService.ReportingServiceClient(hosts.Reporting.Channel);

        var aggregates = await Eventually.Until(
            async () => (await reporting.GetAggregatesAsync(new GetAggregatesRequest(), TestTokens.Call(Roles.ReportingReader))).Aggregates,
            a => a.SpeakersLists.Any(s => s.MeetingNumber == 3) && a.Participation.Any(c => c.Category == ParticipantCategory.MemberState && c.RegionalGroup == RegionalGroup.WesternEuropeanAndOtherStates),
            what: "both events to be projected");

        Assert.Equal(1, aggregates.Participation.Where(c => c.Category == ParticipantCategory.MemberState).Sum(c => c.Count));
        var blocks = aggregates.SpeakersLists.Single(s => s.MeetingNumber == 3).Blocks;
        Assert.Equal(
            [(SpeakerRank.MemberState, "PLENARY_SPEAKER_RANK_MEMBER_STATE", 4), (SpeakerRank.HearingRepresentative, "PLENARY_SPEAKER_RANK_HEARING_REPRESENTATIVE", 1)],
            blocks.Select(b => (b.SpeakerRank, b.Rank, b.Inscribed)).OrderBy(b => b.SpeakerRank).ToList());
    }
}
