using Grpc.Core;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Hearings.V1;
using Hld.Platform.Security;
using Xunit;
using static Hld.Functional.Tests.HearingsTestSupport;

namespace Hld.Functional.Tests;

/// <summary>The summary's deadline under the hearings host's manual clock (para 11).</summary>
public sealed class HearingsSummaryDeadlineTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private HearingsService.HearingsServiceClient Hearings => new(hosts.Hearings.Channel);

    private static Contracts.Common.V1.LocalizedText Text(string english) => new() { Texts = { ["en"] = english, ["zh"] = $"中文：{english}" } };

    // One story, because the clock only moves forward: published in time, revised by a recorded
    // version, and refused once the deadline has passed.
    [Fact]
    public async Task The_summary_is_published_by_its_deadline_changes_only_by_recorded_versions_and_is_refused_after_it_para11()
    {
        await EnsureScheduledAsync(Hearings);
        var draft = (await Hearings.DraftSummaryAsync(new DraftSummaryRequest { Text = Text("The hearing heard 120 organisations.") }, Pga)).Summary;
        Assert.True(hosts.Hearings.Clock.TryMoveTo(At(7, 16, 12)));

        await FailsWithAsync(Grpc.Core.StatusCode.Aborted, () => Hearings.PublishSummaryAsync(new PublishSummaryRequest { Etag = "99" }, Pga).ResponseAsync);
        var first = (await Hearings.PublishSummaryAsync(new PublishSummaryRequest { Etag = draft.Etag, RequestId = "publish-1" }, Pga)).Summary;
        Assert.Equal(1, first.Published.Version);
        Assert.Equal(At(7, 16, 12), first.Published.PublishedAt.ToDateTimeOffset());
        var asReader = (await Hearings.GetSummaryAsync(new GetSummaryRequest(), TestTokensFor(Roles.ReportingReader))).Summary;
        Assert.Equal("中文：The hearing heard 120 organisations.", asReader.Published.Text.Texts["zh"]);

        await RefusedAsync(() => Hearings.DraftSummaryAsync(new DraftSummaryRequest { Text = Text("Silently changed."), Etag = first.Etag }, Pga).ResponseAsync, "REVISION_NOTE_REQUIRED", "11");
        var revision = (await Hearings.DraftSummaryAsync(new DraftSummaryRequest { Text = Text("The hearing heard 121 organisations."), RevisionNote = "Corrects the count.", Etag = first.Etag }, Pga)).Summary;
        Assert.Equal(1, revision.Published.Version);
        Assert.Equal(2, revision.Draft.Version);
        Assert.True(hosts.Hearings.Clock.TryMoveTo(At(9, 30, 22)));
        var second = (await Hearings.PublishSummaryAsync(new PublishSummaryRequest { Etag = revision.Etag }, Pga)).Summary;
        Assert.Equal(("Corrects the count.", 2), (second.Published.RevisionNote, second.Published.Version));

        var late = (await Hearings.DraftSummaryAsync(new DraftSummaryRequest { Text = Text("Too late."), RevisionNote = "After the deadline.", Etag = second.Etag }, Pga)).Summary;
        Assert.True(hosts.Hearings.Clock.TryMoveTo(new DateTimeOffset(2013, 10, 1, 0, 0, 1, NewYork)));
        await RefusedAsync(() => Hearings.PublishSummaryAsync(new PublishSummaryRequest { Etag = late.Etag }, Pga).ResponseAsync, "SUMMARY_DEADLINE_PASSED", "11");
        // The message shows the deadline on the venue's clock with its offset named: 23:59 in New York, not "23:59 UTC".
        var tooLate = await Assert.ThrowsAsync<RpcException>(() => Hearings.PublishSummaryAsync(new PublishSummaryRequest { Etag = late.Etag }, Pga).ResponseAsync);
        Assert.Contains("2013-09-30 23:59 (UTC-04:00)", tooLate.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2013, 10, 1, 3, 59, 59, TimeSpan.Zero).ToUnixTimeSeconds(), late.DueBy.Seconds); // 23:59:59 in New York

        var inForce = (await Hearings.GetSummaryAsync(new GetSummaryRequest(), TestTokensFor(Roles.Secretariat))).Summary;
        Assert.Equal(2, inForce.Published.Version);
        var versions = await Hearings.ListSummaryVersionsAsync(new ListSummaryVersionsRequest(), TestTokensFor(Roles.Secretariat));
        Assert.Equal(["The hearing heard 120 organisations.", "The hearing heard 121 organisations."], versions.Versions.Select(v => v.Text.Texts["en"]));
        var published = await PublishedAsync<SummaryPublished>(hosts.Hearings.Services);
        Assert.Equal([1, 2], published.Select(e => e.Version));
        Assert.All(published, e => Assert.Equal(HearingDay, e.HearingDate));
    }

    private static Grpc.Core.CallOptions TestTokensFor(string role) => As(role);
}
