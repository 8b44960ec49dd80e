using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Events;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Reporting.Api.EventStore;
using Hld.Reporting.Api.Projections;
using Hld.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>Reporting keeps every event once and rebuilds projections equal to the live ones (issue 6).</summary>
public sealed class ReportingEventStoreTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private ReportingService.ReportingServiceClient Reporting => new(hosts.Reporting.Channel);

    private static Participant State(string code, RegionalGroup group) => new()
    {
        ParticipantId = code,
        Category = ParticipantCategory.MemberState,
        Name = new LocalizedText { Texts = { ["en"] = code } },
        CountryCode = code,
        RegionalGroup = group,
    };

    private async Task<long> MemberStatesCountedAsync() =>
        (await Reporting.GetParticipationCountsAsync(new GetParticipationCountsRequest(), TestTokens.Call(Roles.ReportingReader)))
        .Counts.Where(c => c.Category == ParticipantCategory.MemberState).Sum(c => c.Count);

    [Fact]
    public async Task An_event_received_again_after_a_crash_before_acknowledgement_is_kept_once_and_rebuild_equals_live()
    {
        var registry = new RegistryService.RegistryServiceClient(hosts.Registry.Channel);
        foreach (var (code, group) in new[] { ("GHA", RegionalGroup.AfricanStates), ("CHL", RegionalGroup.LatinAmericanAndCaribbeanStates), ("NOR", RegionalGroup.WesternEuropeanAndOtherStates) })
        {
            await registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = State(code, group) }, TestTokens.Call(Roles.Secretariat));
        }

        await Eventually.Until(MemberStatesCountedAsync, n => n >= 3, what: "the three States to be counted");

        // The reporting service received this event and stored it, then died before acknowledging:
        // the broker delivers it again. Both steps go through the real event store and the real bus.
        var store = hosts.Reporting.Services.GetRequiredService<ReportingEventStore>();
        var envelope = EventEnvelopes.Create(
            ParticipantRegistered.Of(new Hld.Contracts.Registry.V1.Participant { ParticipantId = "ARG", Category = ParticipantCategory.MemberState, RegionalGroup = RegionalGroup.LatinAmericanAndCaribbeanStates, CountryCode = "ARG" }),
            "registry/participant/ARG", 1, DateTimeOffset.UtcNow, "hld-registry");
        Assert.True(await store.StoreAsync(envelope, CancellationToken.None));
        var shared = hosts.Registry.Services.GetRequiredService<IAggregateStore>();
        Assert.True(await shared.TryCommitAsync("registry/test-fixture/ARG-redelivery", 0, "x"u8.ToArray(), [envelope]));

        var counted = await Eventually.Until(MemberStatesCountedAsync, n => n >= 4, what: "ARG to be counted");
        Assert.Equal(4, counted);
        Assert.False(await store.StoreAsync(envelope, CancellationToken.None), "a third delivery must find the event stored");
        var log = await hosts.Reporting.Services.GetRequiredService<IEventLogReader>().ReadAfterAsync(ReportingEventStore.LogTopic, string.Empty, 10_000, CancellationToken.None);
        Assert.Single(log, e => e.Envelope.Payload.Unpack<EventStored>().Envelope.EventId == envelope.EventId);

        var rebuilt = await Reporting.RebuildProjectionsAsync(new RebuildProjectionsRequest(), TestTokens.Call(Roles.Operator));

        Assert.True(rebuilt.MatchedLive);
        var status = await Reporting.GetProjectionStatusAsync(new GetProjectionStatusRequest(), TestTokens.Call(Roles.Operator));
        Assert.Equal(rebuilt.EventsReplayed, status.EventsApplied);
        Assert.Equal(4, await MemberStatesCountedAsync());
    }

    [Fact]
    public async Task Participant_rows_live_apart_from_the_projection_and_a_rebuild_finds_and_mends_a_damaged_row()
    {
        var registry = new RegistryService.RegistryServiceClient(hosts.Registry.Channel);
        // Organisations, so that the Member State counts the other tests of this class assert stay theirs.
        await RegistryTestKit.RegisterAsync(registry, RegistryTestKit.Organization("ngo-rows-1", ParticipantCategory.OtherNgo, "MLI"));
        await RegistryTestKit.RegisterAsync(registry, RegistryTestKit.Organization("ngo-rows-2", ParticipantCategory.OtherNgo, "PER"));
        var store = hosts.Reporting.Services.GetRequiredService<IAggregateStore>();
        var row = await Eventually.Until(() => store.GetAsync(Projector.RowKey("ngo-rows-2")), r => r is not null, what: "the second organisation's row");

        // The projection's own value carries no participant: its size does not grow with the Dialogue.
        var projection = await store.GetAsync(Projector.Key);
        using (var json = System.Text.Json.JsonDocument.Parse(projection!.Value))
        {
            Assert.Empty(json.RootElement.GetProperty("projection").GetProperty("participants").EnumerateObject());
        }

        Assert.Contains("\"regionalGroup\":\"LatinAmericanAndCaribbeanStates\"", System.Text.Encoding.UTF8.GetString(row!.Value.Span), StringComparison.Ordinal);

        // A row damaged behind the projector's back is found by a rebuild and written again.
        Assert.True(await store.TryCommitAsync(Projector.RowKey("ngo-rows-2"), row.Version, "{\"category\":\"OtherNgo\",\"regionalGroup\":\"None\",\"level\":\"Unspecified\",\"levelVersion\":0}"u8.ToArray(), []));
        var rebuilt = await Reporting.RebuildProjectionsAsync(new RebuildProjectionsRequest(), TestTokens.Call(Roles.Operator));

        Assert.False(rebuilt.MatchedLive);
        var mended = await store.GetAsync(Projector.RowKey("ngo-rows-2"));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(row.Value.Span), System.Text.Encoding.UTF8.GetString(mended!.Value.Span));
        var again = await Reporting.RebuildProjectionsAsync(new RebuildProjectionsRequest(), TestTokens.Call(Roles.Operator));
        Assert.True(again.MatchedLive);
    }

    [Fact]
    public async Task Only_the_operator_rebuilds()
    {
        var error = await Assert.ThrowsAsync<Grpc.Core.RpcException>(() =>
            Reporting.RebuildProjectionsAsync(new RebuildProjectionsRequest(), TestTokens.Call(Roles.ReportingReader)).ResponseAsync);
        Assert.Equal(Grpc.Core.StatusCode.PermissionDenied, error.StatusCode);
    }
}
