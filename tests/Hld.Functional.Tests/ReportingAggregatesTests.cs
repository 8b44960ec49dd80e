using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>Aggregates for reporting teams: pulled, streamed as they change, and exported as CSV (issue 6).</summary>
public sealed class ReportingAggregatesTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private ReportingService.ReportingServiceClient Reporting => new(hosts.Reporting.Channel);

    private static CallOptions Reader => TestTokens.Call(Roles.ReportingReader);

    private Task RegisterAsync(string code, RegionalGroup group) =>
        RegistryTestKit.RegisterAsync(new RegistryService.RegistryServiceClient(hosts.Registry.Channel), RegistryTestKit.MemberState(code, group));

    private static long StatesIn(Aggregates a) => a.Participation.Where(c => c.Category == ParticipantCategory.MemberState).Sum(c => c.Count);

    [Fact]
    public async Task The_stream_sends_the_aggregates_at_once_and_again_when_an_event_changes_them()
    {
        await RegisterAsync("URY", RegionalGroup.LatinAmericanAndCaribbeanStates);
        await Eventually.Until(async () => StatesIn((await Reporting.GetAggregatesAsync(new GetAggregatesRequest(), Reader)).Aggregates), n => n >= 1, what: "the first State");

        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var watch = Reporting.WatchAggregates(new WatchAggregatesRequest(), Reader.WithCancellationToken(cancel.Token));
        Assert.True(await watch.ResponseStream.MoveNext(cancel.Token));
        var before = watch.ResponseStream.Current.Aggregates;

        await RegisterAsync("PRY", RegionalGroup.LatinAmericanAndCaribbeanStates);
        Aggregates after;
        do
        {
            Assert.True(await watch.ResponseStream.MoveNext(cancel.Token), "the stream ended before the change arrived");
            after = watch.ResponseStream.Current.Aggregates;
        }
        while (StatesIn(after) == StatesIn(before));

        // More than one: a registration of another test of this class may still be on its way, and a
        // batch of the projector can apply both at once.
        Assert.True(StatesIn(after) > StatesIn(before), $"{StatesIn(after)} after, {StatesIn(before)} before");
        Assert.NotEqual(before.Position, after.Position);
    }

    [Fact]
    public async Task Participation_exports_as_csv_with_one_row_per_cell_and_a_bad_table_is_invalid_argument()
    {
        await RegisterAsync("NZL", RegionalGroup.WesternEuropeanAndOtherStates);
        var aggregates = await Eventually.Until(async () => (await Reporting.GetAggregatesAsync(new GetAggregatesRequest(), Reader)).Aggregates, a => StatesIn(a) >= 1, what: "a State");

        var csv = (await Reporting.ExportCsvAsync(new ExportCsvRequest { Table = CsvTable.Participation }, Reader)).Csv;
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal("category,regional_group,level,count", lines[0]);
        Assert.Contains("PARTICIPANT_CATEGORY_MEMBER_STATE,REGIONAL_GROUP_WESTERN_EUROPEAN_AND_OTHER_STATES,LEVEL_OF_REPRESENTATION_UNSPECIFIED,", csv, StringComparison.Ordinal);
        Assert.True(lines.Length - 1 >= aggregates.Participation.Count);
        var bad = await Assert.ThrowsAsync<RpcException>(() => Reporting.ExportCsvAsync(new ExportCsvRequest(), Reader).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }

    [Fact]
    public async Task Participation_counts_list_each_counted_cell_once_in_category_group_level_order()
    {
        await RegisterAsync("NOR", RegionalGroup.WesternEuropeanAndOtherStates);
        await RegisterAsync("JPN", RegionalGroup.AsiaPacificStates);
        var registry = new RegistryService.RegistryServiceClient(hosts.Registry.Channel);
        await RegistryTestKit.RegisterAsync(registry, RegistryTestKit.Organization("ngo-counted", ParticipantCategory.OtherNgo, country: "KEN"));

        var counts = await Eventually.Until(
            async () => await Reporting.GetParticipationCountsAsync(new GetParticipationCountsRequest(), Reader),
            c => c.Counts.Any(x => x.Category == ParticipantCategory.OtherNgo) && c.Counts.Count(x => x.Category == ParticipantCategory.MemberState) >= 2,
            what: "reporting to count the two States and the NGO");

        var cells = counts.Counts.Select(c => ((int)c.Category, (int)c.RegionalGroup, (int)c.Level)).ToList();
        Assert.Equal(cells.Order(), cells);
        Assert.Equal(cells.Count, cells.Distinct().Count());
        Assert.All(counts.Counts, c => Assert.True(c.Count > 0, $"{c.Category}/{c.RegionalGroup}/{c.Level} is listed with {c.Count}"));
        Assert.Equal(counts.Counts.Sum(c => c.Count), counts.Total);
        Assert.Contains(counts.Counts, c => c.Category == ParticipantCategory.MemberState && c.RegionalGroup == RegionalGroup.AsiaPacificStates);
        Assert.Contains(counts.Counts, c => c.Category == ParticipantCategory.MemberState && c.RegionalGroup == RegionalGroup.WesternEuropeanAndOtherStates);

        // The aggregates list the same cells, in the same order, with the same counts (read until the
        // two answers are of one projection: an event of another test may land between them).
        var (same, aggregates) = await Eventually.Until(
            async () =>
            {
                var c = await Reporting.GetParticipationCountsAsync(new GetParticipationCountsRequest(), Reader);
                var a = (await Reporting.GetAggregatesAsync(new GetAggregatesRequest(), Reader)).Aggregates;
                return (c, a);
            },
            pair => pair.a.Participation.Sum(x => x.Count) == pair.c.Total,
            what: "the counts and the aggregates of one projection");
        Assert.Equal(same.Counts, aggregates.Participation);
    }

    [Fact]
    public async Task Every_table_exports_with_its_header_and_aggregates_are_for_readers_only()
    {
        var headers = new Dictionary<CsvTable, string>
        {
            [CsvTable.Lists] = "list_id,kind,status,regional_group,entries,dropped",
            [CsvTable.RoundTables] = "round_table,role,category,regional_group,count",
            [CsvTable.SpeakersLists] = "meeting,block,inscribed,fitting,dropped",
            [CsvTable.Contributions] = "contribution_id,paragraph,contributor_id,kind,channel,channel_name,due_at,received_at",
        };
        foreach (var (table, header) in headers)
        {
            var csv = (await Reporting.ExportCsvAsync(new ExportCsvRequest { Table = table }, Reader)).Csv;
            Assert.StartsWith(header, csv, StringComparison.Ordinal);
        }

        var denied = await Assert.ThrowsAsync<RpcException>(() => Reporting.GetAggregatesAsync(new GetAggregatesRequest(), TestTokens.Call(Roles.Stakeholder, "ngo-x")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }
}
