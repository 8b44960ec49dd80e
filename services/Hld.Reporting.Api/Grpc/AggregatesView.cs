using System.Globalization;
using CsvHelper;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Reporting.Api.Projections;
using Hld.Reporting.Contributions;
using Hld.Reporting.Projections;
using Domain = Hld.Domain;

namespace Hld.Reporting.Api.Grpc;

/// <summary>Reads the aggregates off the projection: no recounting, so a query costs the same at any size.</summary>
internal static class AggregatesView
{
    public static Aggregates From(StoredProjection stored)
    {
        var p = stored.Projection;
        var aggregates = new Aggregates { Position = stored.Position, EventsApplied = p.FactsApplied };
        aggregates.Participation.AddRange(Participation(p));
        aggregates.Lists.AddRange(p.ListStatuses.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l =>
        {
            var kind = l.Key[..l.Key.IndexOf('|', StringComparison.Ordinal)];
            var list = new ListAggregate
            {
                ListId = l.Key[(kind.Length + 1)..],
                Kind = Enum.TryParse<ListKind>(kind, out var k) ? k : ListKind.Unspecified,
                Status = Enum.TryParse<ListStatus>(l.Value, out var s) ? s : ListStatus.Unspecified,
            };
            if (p.ListSpreads.TryGetValue(l.Key, out var spread))
            {
                list.Spread.AddRange(spread.Spread.OrderBy(g => g.Key).Select(g => new RegionalCount { RegionalGroup = (RegionalGroup)g.Key, Count = g.Value }));
                list.Dropped = spread.Dropped;
            }

            return list;
        }));
        aggregates.RoundTables.AddRange(p.RoundTables.OrderBy(r => r.Key).Select(r =>
        {
            var table = new RoundTableAggregate { RoundTable = r.Key, ParticipantTotal = r.Value.Participants.Count, SummaryRecorded = r.Value.SummaryRecorded };
            table.CoChairs.AddRange(r.Value.CoChairs.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CoChairSeat { ParticipantId = c.Key, RegionalGroup = (RegionalGroup)c.Value }));
            table.Participants.AddRange(r.Value.Participants.Values
                .GroupBy(x => (x.Category, x.RegionalGroup))
                .OrderBy(g => g.Key.Category).ThenBy(g => g.Key.RegionalGroup)
                .Select(g => new CategoryRegionCount { Category = (ParticipantCategory)g.Key.Category, RegionalGroup = (RegionalGroup)g.Key.RegionalGroup, Count = g.Count() }));
            return table;
        }));
        aggregates.CoChairBalance = Balance(p);
        aggregates.SpeakersLists.AddRange(p.SpeakersLists.OrderBy(s => s.Key).Select(s =>
        {
            var list = new SpeakersListAggregate { MeetingNumber = s.Key, Inscribed = s.Value.Inscribed, Fitting = s.Value.Fitting, Dropped = s.Value.Inscribed - s.Value.Fitting };
            list.Blocks.AddRange(s.Value.Blocks.Select(b => Block(b.Rank, b.Inscribed, b.Fitting)));
            return list;
        }));
        aggregates.Hearing = Hearing(p.Hearing);
        return aggregates;
    }

    // Every cell a count can fall in, in the order the answer lists them (category, then group, then
    // level), with its key built once: building the keys per call was 819 strings a query (13 x 7 x 9).
    private static readonly (Domain.ParticipantCategory Category, Domain.RegionalGroup Group, Domain.LevelOfRepresentation Level, string Key)[] CellsInOrder =
    [
        .. from category in Enum.GetValues<Domain.ParticipantCategory>()
           from @group in Enum.GetValues<Domain.RegionalGroup>()
           from level in Enum.GetValues<Domain.LevelOfRepresentation>()
           select (category, @group, level, ReportingProjection.Cell(category, @group, level)),
    ];

    public static IEnumerable<ParticipationCount> Participation(ReportingProjection p)
    {
        foreach (var (category, group, level, key) in CellsInOrder)
        {
            if (p.Cells.TryGetValue(key, out var count))
            {
                yield return new ParticipationCount { Category = (ParticipantCategory)category, RegionalGroup = (RegionalGroup)group, Level = (LevelOfRepresentation)level, Count = count };
            }
        }
    }

    // RFC 4180 quoting by CsvHelper, with the line ending the export always had; a text cell that a
    // spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading ' (OWASP's CSV
    // injection advice): channel names and ids come from callers.
    private static readonly CsvWriterOptions CsvOptions = CsvWriterOptions.Default with { NewLine = "\n", Injection = CsvInjection.Escape };

    private delegate void CsvRow(params object[] cells);

    public static string Csv(CsvTable table, Aggregates a, ContributionRegister contributions)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, CsvOptions, leaveOpen: true))
        {
            void Row(params object[] cells)
            {
                foreach (var cell in cells)
                {
                    csv.WriteField(cell is Enum e ? ProtoName(e) : cell);
                }

                csv.EndRecord();
            }

            WriteTable(table, a, contributions, Row);
        }

        return text.ToString();
    }

    private static void WriteTable(CsvTable table, Aggregates a, ContributionRegister contributions, CsvRow row)
    {
        switch (table)
        {
            case CsvTable.Participation:
                row("category", "regional_group", "level", "count");
                foreach (var c in a.Participation)
                {
                    row(c.Category, c.RegionalGroup, c.Level, c.Count);
                }

                break;
            case CsvTable.Lists:
                row("list_id", "kind", "status", "regional_group", "entries", "dropped");
                foreach (var l in a.Lists)
                {
                    if (l.Spread.Count == 0)
                    {
                        row(l.ListId, l.Kind, l.Status, string.Empty, 0, l.Dropped);
                    }

                    foreach (var s in l.Spread)
                    {
                        row(l.ListId, l.Kind, l.Status, s.RegionalGroup, s.Count, l.Dropped);
                    }
                }

                break;
            case CsvTable.RoundTables:
                row("round_table", "role", "category", "regional_group", "count");
                foreach (var r in a.RoundTables)
                {
                    foreach (var group in r.CoChairs.GroupBy(c => c.RegionalGroup))
                    {
                        row(r.RoundTable, "co-chair", ParticipantCategory.MemberState, group.Key, group.Count());
                    }

                    foreach (var p in r.Participants)
                    {
                        row(r.RoundTable, "participant", p.Category, p.RegionalGroup, p.Count);
                    }
                }

                break;
            case CsvTable.SpeakersLists:
                row("meeting", "block", "inscribed", "fitting", "dropped");
                foreach (var s in a.SpeakersLists)
                {
                    row(s.MeetingNumber, "ALL", s.Inscribed, s.Fitting, s.Dropped);
                    foreach (var b in s.Blocks)
                    {
#pragma warning disable CS0612 // the export keeps the block's name partners read so far, for one release (decision 011)
                        row(s.MeetingNumber, b.Rank, b.Inscribed, b.Fitting, b.Inscribed - b.Fitting);
#pragma warning restore CS0612
                    }
                }

                break;
            case CsvTable.Contributions:
                row("contribution_id", "paragraph", "contributor_id", "kind", "channel", "channel_name", "due_at", "received_at");
                foreach (var c in contributions.Contributions.Values.OrderBy(c => c.Id, StringComparer.Ordinal))
                {
                    row(c.Id, c.Paragraph, c.ContributorId, c.Kind, c.Channel, c.ChannelName, c.DueAt.ToString("O", CultureInfo.InvariantCulture), c.ReceivedAt?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(table));
        }
    }

    private static CoChairBalance Balance(ReportingProjection p)
    {
        var seats = p.RoundTables.Values.SelectMany(r => r.CoChairs.Values).GroupBy(g => g).ToDictionary(g => g.Key, g => g.Count());
        var groups = Enum.GetValues<Domain.RegionalGroup>().Where(g => g is not (Domain.RegionalGroup.Unspecified or Domain.RegionalGroup.None)).ToList();
        var balance = new CoChairBalance
        {
            SeatsFilled = seats.Values.Sum(),
            GroupsWithoutSeat = groups.Count(g => !seats.ContainsKey(g)),
            MaxSeatsPerGroup = seats.Count == 0 ? 0 : seats.Values.Max(),
        };
        balance.SeatsByGroup.AddRange(groups.Select(g => new RegionalCount { RegionalGroup = (RegionalGroup)g, Count = seats.GetValueOrDefault(g) }));
        return balance;
    }

    private static HearingAggregate Hearing(HearingRow h)
    {
        var hearing = new HearingAggregate { AdmittedTotal = h.Admitted.Count, SummaryPublished = h.SummaryPublished };
        if (h.Date is { } date)
        {
            hearing.Date = new CalendarDate { Year = date.Year, Month = date.Month, Day = date.Day };
        }

        hearing.AdmittedByGroup.AddRange(h.Admitted.Values.GroupBy(g => g).OrderBy(g => g.Key)
            .Select(g => new RegionalCount { RegionalGroup = (RegionalGroup)g.Key, Count = g.Count() }));
        hearing.Selections.AddRange(h.Selections.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new HearingSelection
        {
            Group = Enum.TryParse<HearingGroup>(s.Key, out var group) ? group : HearingGroup.Unspecified,
            ParticipantId = s.Value,
        }));
        return hearing;
    }

    // The projection keeps the C# enum name (MemberState); partners see the enum, and for one release
    // the deprecated string in the name of the events' copy of it (decision 011).
#pragma warning disable CS0612 // the deprecated field is written here only
    private static SpeakersBlock Block(string rank, int inscribed, int fitting) =>
        Enum.TryParse<Contracts.Sessions.V1.SpeakerRank>(rank, out var r)
            ? new SpeakersBlock { SpeakerRank = r, Rank = "PLENARY_" + ProtoName(r), Inscribed = inscribed, Fitting = fitting }
            : new SpeakersBlock { Rank = rank, Inscribed = inscribed, Fitting = fitting };
#pragma warning restore CS0612

    private static string ProtoName(Enum value) =>
        value.GetType().GetField(value.ToString())?.GetCustomAttributes(typeof(Google.Protobuf.Reflection.OriginalNameAttribute), false)
            .OfType<Google.Protobuf.Reflection.OriginalNameAttribute>().FirstOrDefault()?.Name ?? value.ToString();
}
