using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Hearings.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Contracts.Sessions.V1;
using Hld.Platform.Security;

namespace Hld.Demo;

/// <summary>The four services the demo talks to, by channel.</summary>
public sealed record DemoChannels(GrpcChannel Registry, GrpcChannel Sessions, GrpcChannel Hearings, GrpcChannel Reporting)
{
    public IEnumerable<GrpcChannel> All => [Registry, Sessions, Hearings, Reporting];
}

/// <summary>
/// The 2013 High-level Dialogue told through the public API: reference data, the PGA's three lists
/// with one objection under para 12, the hearing on 15 July 2013 and its three selected speakers,
/// balanced co-chairs, speakers at several levels, round tables, summaries, contributions, and the
/// implementation report. Deadlines are part of the story: the services run on manual clocks that
/// the demo moves forward, as an operator would in Development.
/// </summary>
public sealed class DemoScenario(DemoChannels channels, Func<string, Task> progress)
{
    /// <summary>The five regional commissions of the United Nations, each owing a para 16 contribution.</summary>
    private static readonly string[] RegionalCommissions = ["ECA", "ECE", "ECLAC", "ESCAP", "ESCWA"];

    public const string Para12List = "p12-2013";
    public const string Para9List = "p9-2013";
    public const string Para8List = "p8-2013";

    private static readonly DateTimeOffset Start = new(2013, 6, 1, 12, 0, 0, TimeSpan.Zero);

    // Every call waits out a refusal's RetryInfo rather than failing the story or hammering a host.
    private static readonly RetryInfoInterceptor Retry = new(TimeProvider.System);

    private readonly RegistryService.RegistryServiceClient _registry = new(channels.Registry.Intercept(Retry));
    private readonly SessionsService.SessionsServiceClient _sessions = new(channels.Sessions.Intercept(Retry));
    private readonly HearingsService.HearingsServiceClient _hearings = new(channels.Hearings.Intercept(Retry));
    private readonly ReportingService.ReportingServiceClient _reporting = new(channels.Reporting.Intercept(Retry));

    private static CallOptions As(string role, string? participant = null) =>
        new(headers: new Metadata { { "authorization", "Bearer " + DevelopmentTokens.Create(role, participant) } });

    private static CallOptions Pga => As(Roles.PgaOffice);

    private static CallOptions Secretariat => As(Roles.Secretariat);

    private static LocalizedText Text(string en, string zh) => new() { Texts = { ["en"] = en, ["zh"] = zh } };

    private static CalendarDate Day(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    /// <summary>Runs the whole story and returns the implementation report as it stands at the end.</summary>
    public async Task<GetImplementationReportResponse> RunAsync(CancellationToken cancellationToken = default)
    {
        await MoveClocksAsync(Start);
        await ReferenceDataAsync();
        await OrganisationsAsync();
        await HearingDateAsync();
        await ListsAsync();
        await DelegationsAsync();
        await CoChairsAsync();
        await HearingDayAsync();
        await SpeakersAndRoundTablesAsync();
        await SummaryAndPanelAsync();
        await ContributionsAsync();
        await DialogueAsync();
        await ReportToSixtyNinthSessionAsync();
        return await ReportAsync(cancellationToken);
    }

    private async Task ReferenceDataAsync()
    {
        await progress("Loading reference data: Member States, observers, UN system entities, regional commissions (paras 4-7)…");
        var loaded = await _registry.LoadReferenceDataAsync(new LoadReferenceDataRequest { RequestId = "demo-reference-data" }, As(Roles.Operator));
        var counts = await _registry.CountParticipantsAsync(new CountParticipantsRequest(), Secretariat);
        var states = counts.Counts.Where(c => c.Category == ParticipantCategory.MemberState).Sum(c => c.Count);
        await progress($"  {loaded.Registered} registered, {loaded.Unchanged} already there; {states} Member States, {counts.Counts.Where(c => c.Category == ParticipantCategory.ObserverState).Sum(c => c.Count)} observer States.");
        await Secretariat_RecordDocumentAsync("A/67/254", "1", Text("International migration and development: report of the Secretary-General", "国际移徙与发展：秘书长的报告"));
    }

    private static readonly (string Id, ParticipantCategory Category, string En, string Zh, string Country, RegionalGroup Group, EcosocStatus Status)[] Organisations =
    [
        ("ngo-migrant-forum", ParticipantCategory.EcosocNgo, "Migrant Forum in Asia", "亚洲移民论坛", "PHL", RegionalGroup.AsiaPacificStates, EcosocStatus.Special),
        ("ngo-caritas", ParticipantCategory.EcosocNgo, "Caritas Internationalis", "国际明爱", "VAT", RegionalGroup.None, EcosocStatus.General),
        ("ngo-africa-diaspora", ParticipantCategory.EcosocNgo, "African Diaspora Policy Centre", "非洲侨民政策中心", "NLD", RegionalGroup.WesternEuropeanAndOtherStates, EcosocStatus.Roster),
        ("cso-sin-fronteras", ParticipantCategory.CivilSocietyOrganization, "Sin Fronteras", "无国界组织", "MEX", RegionalGroup.LatinAmericanAndCaribbeanStates, EcosocStatus.None),
        ("acad-migration-institute", ParticipantCategory.AcademicInstitution, "Migration Studies Institute", "移徙研究所", "KEN", RegionalGroup.AfricanStates, EcosocStatus.None),
        ("biz-remit", ParticipantCategory.PrivateSectorEntity, "Remittance Partners Ltd", "汇款伙伴有限公司", "IND", RegionalGroup.AsiaPacificStates, EcosocStatus.None),
        ("ngo-objected", ParticipantCategory.OtherNgo, "Borderline Advocacy Network", "边界倡导网络", "POL", RegionalGroup.EasternEuropeanStates, EcosocStatus.None),
        ("igo-oecd", ParticipantCategory.OtherIgo, "Organisation for Economic Co-operation and Development", "经济合作与发展组织", "FRA", RegionalGroup.WesternEuropeanAndOtherStates, EcosocStatus.None),
        ("igo-icmpd", ParticipantCategory.OtherIgo, "International Centre for Migration Policy Development", "国际移民政策发展中心", "AUT", RegionalGroup.WesternEuropeanAndOtherStates, EcosocStatus.None),
    ];

    private async Task OrganisationsAsync()
    {
        await progress("Registering organisations (paras 8, 9, 12)…");
        foreach (var o in Organisations)
        {
            await _registry.RegisterParticipantAsync(new RegisterParticipantRequest
            {
                Participant = new Participant
                {
                    ParticipantId = o.Id,
                    Category = o.Category,
                    Name = Text(o.En, o.Zh),
                    CountryCode = o.Country,
                    RegionalGroup = o.Group,
                    EcosocStatus = o.Status,
                },
                RequestId = $"demo-register-{o.Id}",
            }, Secretariat);
        }

        await progress($"  {Organisations.Length} organisations registered.");
    }

    private async Task HearingDateAsync()
    {
        await progress("Scheduling the informal interactive hearing on 15 July 2013, chaired by the President of the General Assembly (para 11)…");
        await _hearings.ScheduleHearingAsync(new ScheduleHearingRequest { Date = Day(2013, 7, 15), Chair = "Vuk Jeremić, President of the sixty-seventh session", RequestId = "demo-hearing" }, Pga);
    }

    private async Task ListsAsync()
    {
        await progress("Para 9: the list of ECOSOC NGOs…");
        await BuildListAsync(Para9List, ListKind.EcosocNgos, "NGOs in consultative status with ECOSOC", "具有经社理事会咨商地位的非政府组织", ["ngo-migrant-forum", "ngo-caritas", "ngo-africa-diaspora"]);
        var para9 = await ListAsync(Para9List);
        await _registry.FinaliseListAsync(new FinaliseListRequest { ListId = Para9List, DecisionReference = "PGA letter of 3 June 2013", Etag = para9.Etag, RequestId = "demo-p9-final" }, Pga);

        await progress("Para 8: other intergovernmental organisations, submitted to Member States…");
        await BuildListAsync(Para8List, ListKind.OtherIgos, "Other intergovernmental organisations", "其他政府间组织", ["igo-oecd", "igo-icmpd"]);
        var para8 = await ListAsync(Para8List);
        para8 = (await _registry.CirculateListAsync(new CirculateListRequest { ListId = Para8List, Etag = para8.Etag, RequestId = "demo-p8-submit" }, Pga)).List;
        await _registry.FinaliseListAsync(new FinaliseListRequest { ListId = Para8List, DecisionReference = "Decided by the General Assembly, June 2013", Etag = para8.Etag, RequestId = "demo-p8-final" }, Pga);

        await progress("Para 12: other NGOs, academia and the private sector under the non-objection procedure…");
        await BuildListAsync(Para12List, ListKind.OtherStakeholders, "Other NGOs, academic institutions and private-sector entities", "其他非政府组织、学术机构和私营部门实体",
            ["cso-sin-fronteras", "acad-migration-institute", "biz-remit", "ngo-objected"]);
        var para12 = await ListAsync(Para12List);
        para12 = (await _registry.RecordListConsultationAsync(new RecordListConsultationRequest
        {
            ListId = Para12List,
            HeldOn = Day(2013, 5, 30),
            Summary = "Informal consultation with Member States on the proposed names.",
            Etag = para12.Etag,
            RequestId = "demo-p12-consult",
        }, Pga)).List;

        // The hearing is on 15 July: the non-objection deadline may be no later than 15 June.
        var deadline = new DateTimeOffset(2013, 6, 14, 21, 0, 0, TimeSpan.Zero);
        await _registry.CirculateListAsync(new CirculateListRequest { ListId = Para12List, ObjectionDeadline = Timestamp.FromDateTimeOffset(deadline), Etag = para12.Etag, RequestId = "demo-p12-circulate" }, Pga);
        await progress($"  circulated on {Start:d MMMM yyyy} with objections due by {deadline:d MMMM yyyy HH:mm} UTC.");

        await _registry.ObjectToListEntryAsync(new ObjectToListEntryRequest { ListId = Para12List, ParticipantId = "ngo-objected", RequestId = "demo-p12-objection" }, As(Roles.MemberState, "CAN"));
        await progress("  a Member State objected to one entry; who objected is visible only to the PGA office and the Secretariat.");

        await MoveClocksAsync(new DateTimeOffset(2013, 6, 15, 12, 0, 0, TimeSpan.Zero));
        var final = await WaitAsync(async () => await ListAsync(Para12List) is { Status: ListStatus.Final } l ? l : null, "the para 12 list to become final at its deadline");
        await progress($"  the deadline passed: the list became final on its own with {final.EntryCount} entries standing.");
    }

    private async Task BuildListAsync(string listId, ListKind kind, string en, string zh, string[] entries)
    {
        var list = (await _registry.CreateListAsync(new CreateListRequest { ListId = listId, Kind = kind, Title = Text(en, zh), RequestId = $"demo-create-{listId}" }, Pga)).List;
        foreach (var entry in entries)
        {
            list = (await _registry.AddListEntryAsync(new AddListEntryRequest { ListId = listId, ParticipantId = entry, Etag = list.Etag, RequestId = $"demo-add-{listId}-{entry}" }, Pga)).List;
        }
    }

    private async Task<ParticipantList> ListAsync(string listId) =>
        (await _registry.GetListAsync(new GetListRequest { ListId = listId }, Pga)).List;

    private static readonly (string State, LevelOfRepresentation Level, string Head)[] Levels =
    [
        ("MEX", LevelOfRepresentation.HeadOfState, "President of the United Mexican States"),
        ("PHL", LevelOfRepresentation.VicePresidentOrCrownPrince, "Vice-President of the Philippines"),
        ("GHA", LevelOfRepresentation.HeadOfGovernment, "Head of Government of Ghana"),
        ("SWE", LevelOfRepresentation.Minister, "Minister for Migration of Sweden"),
        ("KEN", LevelOfRepresentation.Minister, "Cabinet Secretary of Kenya"),
        ("POL", LevelOfRepresentation.ViceMinister, "Undersecretary of State of Poland"),
        ("BGD", LevelOfRepresentation.PermanentRepresentative, "Permanent Representative of Bangladesh"),
        ("CHL", LevelOfRepresentation.PermanentRepresentative, "Permanent Representative of Chile"),
    ];

    private async Task DelegationsAsync()
    {
        await progress("Delegations set their level of representation (para 5)…");
        foreach (var (state, level, head) in Levels)
        {
            var call = As(Roles.MemberState, state);
            Delegation delegation;
            try
            {
                delegation = (await _registry.GetDelegationAsync(new GetDelegationRequest { ParticipantId = state }, call)).Delegation;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
                delegation = new Delegation { ParticipantId = state }; // the first update creates it
            }

            delegation.Level = level;
            delegation.Head = new HeadOfDelegation { Name = head, Title = head };
            await _registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = delegation, RequestId = $"demo-level-{state}" }, call);
        }
    }

    private static readonly (int RoundTable, string State, string Name)[] CoChairs =
    [
        (1, "KEN", "Representative of Kenya"), (1, "SWE", "Representative of Sweden"),
        (2, "MEX", "Representative of Mexico"), (2, "PHL", "Representative of the Philippines"),
        (3, "POL", "Representative of Poland"), (3, "BGD", "Representative of Bangladesh"),
        (4, "GHA", "Representative of Ghana"), (4, "CHL", "Representative of Chile"),
    ];

    private async Task CoChairsAsync()
    {
        await progress("Consulting the five regional groups, then appointing two co-chairs per round table (para 3(d))…");
        foreach (var group in new[] { RegionalGroup.AfricanStates, RegionalGroup.AsiaPacificStates, RegionalGroup.EasternEuropeanStates, RegionalGroup.LatinAmericanAndCaribbeanStates, RegionalGroup.WesternEuropeanAndOtherStates })
        {
            await _sessions.RecordRegionalGroupConsultationAsync(new RecordRegionalGroupConsultationRequest { RegionalGroup = group, HeldOn = Day(2013, 6, 14), Note = "Consulted through the group's chair.", RequestId = $"demo-consult-{group}" }, Pga);
        }

        await WaitAsync(async () => (await _sessions.GetDialogueAsync(new Contracts.Sessions.V1.GetDialogueRequest(), Pga)).Dialogue.KnownParticipants >= 193, "sessions to learn of the Member States");
        foreach (var (roundTable, state, name) in CoChairs)
        {
            await _sessions.AppointCoChairAsync(new AppointCoChairRequest { RoundTable = roundTable, ParticipantId = state, RepresentativeName = name, RequestId = $"demo-cochair-{roundTable}-{state}" }, Pga);
        }

        var balance = await _sessions.GetCoChairBalanceAsync(new GetCoChairBalanceRequest(), Pga);
        await progress($"  eight seats filled; balance: {balance}");
    }

    private static readonly (string Id, HearingGroup Group, string Speaker)[] Speakers =
    [
        ("ngo-migrant-forum", HearingGroup.EcosocNgo, "William Gois"),
        ("cso-sin-fronteras", HearingGroup.CivilSociety, "Nancy Pérez García"),
        ("biz-remit", HearingGroup.PrivateSector, "Priya Raman"),
        ("acad-migration-institute", HearingGroup.CivilSociety, "Joseph Otieno"),
    ];

    private async Task HearingDayAsync()
    {
        await MoveClocksAsync(new DateTimeOffset(2013, 7, 15, 14, 0, 0, TimeSpan.Zero));
        await progress("15 July 2013: the hearing. Organisations on the final lists register for it (paras 9, 11, 12)…");
        foreach (var (id, _, speaker) in Speakers)
        {
            await WaitAsync(async () =>
            {
                try
                {
                    await _hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = id, Representatives = { speaker }, RequestId = $"demo-hearing-{id}" }, As(Roles.Stakeholder, id));
                    return true;
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
                {
                    return false; // the hearing has not yet learned that the list is final
                }
            }, $"{id} to be admitted to the hearing");
        }

        var objected = await RefusedAsync(() => _hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = "ngo-objected", Representatives = { "Someone" } }, As(Roles.Stakeholder, "ngo-objected")).ResponseAsync);
        await progress($"  {Speakers.Length} organisations admitted; the entry objected to is refused: {objected}.");

        await _hearings.RecordConsultationAsync(new Contracts.Hearings.V1.RecordConsultationRequest
        {
            Groups = { HearingGroup.EcosocNgo, HearingGroup.CivilSociety, HearingGroup.PrivateSector },
            RegionalGroups = { RegionalGroup.AfricanStates, RegionalGroup.AsiaPacificStates, RegionalGroup.EasternEuropeanStates, RegionalGroup.LatinAmericanAndCaribbeanStates, RegionalGroup.WesternEuropeanAndOtherStates },
            MemberStates = { "MEX", "PHL", "SWE" },
            Note = "Consulted Member States on the three speakers for the plenary.",
            RequestId = "demo-hearing-consultation",
        }, Pga);
        foreach (var (id, group, speaker) in Speakers.Take(3))
        {
            await _hearings.SelectRepresentativeAsync(new SelectRepresentativeRequest { Group = group, ParticipantId = id, RepresentativeName = speaker, RequestId = $"demo-select-{group}" }, Pga);
        }

        await progress("  one representative each of ECOSOC NGOs, civil society and the private sector selected for the plenary (para 13).");
    }

    private async Task SpeakersAndRoundTablesAsync()
    {
        await progress("Inscriptions on the plenary speakers list, and civil society at the round tables (paras 5, 13)…");
        await WaitAsync(async () => (await _sessions.GetSpeakersListAsync(new GetSpeakersListRequest { MeetingNumber = 4 }, Pga)).Positions.Count(p => p.Rank == SpeakerRank.HearingRepresentative) == 3,
            "the three hearing speakers to reach the speakers list");
        foreach (var (state, _, _) in Levels.Reverse())
        {
            await _sessions.InscribeSpeakerAsync(new Contracts.Sessions.V1.InscribeSpeakerRequest { MeetingNumber = 1, ParticipantId = state, RequestId = $"demo-inscribe-{state}" }, As(Roles.MemberState, state));
        }

        await _sessions.InscribeSpeakerAsync(new Contracts.Sessions.V1.InscribeSpeakerRequest { MeetingNumber = 1, ParticipantId = "EU", RequestId = "demo-inscribe-EU" }, As(Roles.Observer, "EU"));
        await _sessions.InscribeSpeakerAsync(new Contracts.Sessions.V1.InscribeSpeakerRequest { MeetingNumber = 1, ParticipantId = "VAT", RequestId = "demo-inscribe-VAT" }, As(Roles.Observer, "VAT"));
        var list = await _sessions.GetSpeakersListAsync(new GetSpeakersListRequest { MeetingNumber = 1 }, Pga);
        foreach (var position in list.Positions)
        {
            await progress($"  {position.Position,2}. {position.ParticipantId,-4} {position.Rank} {position.Level}");
        }

        var seats = new[] { (1, "ngo-caritas"), (2, "ngo-migrant-forum"), (2, "cso-sin-fronteras"), (3, "ngo-africa-diaspora"), (4, "biz-remit"), (4, "acad-migration-institute") };
        foreach (var (roundTable, id) in seats)
        {
            await _sessions.AssignRoundTableParticipantAsync(new AssignRoundTableParticipantRequest { RoundTable = roundTable, ParticipantId = id, RequestId = $"demo-seat-{roundTable}-{id}" }, Pga);
        }
    }

    private async Task SummaryAndPanelAsync()
    {
        await MoveClocksAsync(new DateTimeOffset(2013, 9, 16, 14, 0, 0, TimeSpan.Zero));
        await progress("September 2013: the hearing's summary, the panel discussion and the note on the organisation of work (paras 10, 11, 14)…");
        var draft = (await _hearings.DraftSummaryAsync(new DraftSummaryRequest
        {
            Text = Text(
                "Summary of the informal interactive hearing of 15 July 2013: participants called for migrants' rights to be at the centre of the Dialogue and for migration to be reflected in the post-2015 development agenda.",
                "2013年7月15日非正式互动听证会摘要：与会者呼吁将移徙者权利置于高级别对话的中心，并将移徙纳入2015年后发展议程。"),
            RequestId = "demo-summary-draft",
        }, Pga)).Summary;
        await _hearings.PublishSummaryAsync(new PublishSummaryRequest { Etag = draft.Etag, RequestId = "demo-summary-publish" }, Pga);
        await _sessions.SchedulePanelDiscussionAsync(new SchedulePanelDiscussionRequest { Date = Day(2013, 9, 20), Title = Text("Panel discussion on the overall theme", "关于总主题的小组讨论"), RequestId = "demo-panel" }, Pga);
        await _sessions.GenerateOrganisationOfWorkNoteAsync(new GenerateOrganisationOfWorkNoteRequest { RequestId = "demo-note" }, Secretariat);
    }

    private async Task ContributionsAsync()
    {
        await progress("Contributions: the Global Migration Group, the five regional commissions and Member States (paras 15-18)…");
        var due = Timestamp.FromDateTimeOffset(new DateTimeOffset(2013, 8, 31, 0, 0, 0, TimeSpan.Zero));
        var contributions = new List<Contribution>
        {
            new() { ContributionId = "p15-IOM", Paragraph = "15", ContributorId = "IOM", ContributorKind = ContributorKind.GmgMember, Title = Text("IOM input to the comprehensive overview", "国际移民组织对全面综述的投入"), DueAt = due },
            new() { ContributionId = "p15-UNFPA", Paragraph = "15", ContributorId = "UNFPA", ContributorKind = ContributorKind.GmgMember, Title = Text("UNFPA input to the comprehensive overview", "人口基金对全面综述的投入"), DueAt = due },
            new() { ContributionId = "p17-MEX", Paragraph = "17", ContributorId = "MEX", ContributorKind = ContributorKind.MemberState, Channel = ContributionChannel.GlobalForum, Title = Text("Outcome of the GFMD in Mexico", "全球移徙与发展论坛成果"), DueAt = due },
            new() { ContributionId = "p17-PHL", Paragraph = "17", ContributorId = "PHL", ContributorKind = ContributorKind.MemberState, Channel = ContributionChannel.RegionalConsultativeProcess, ChannelName = "Colombo Process", Title = Text("Colombo Process contribution", "科伦坡进程的贡献"), DueAt = due },
        };
        contributions.AddRange(RegionalCommissions.Select(c => new Contribution
        {
            ContributionId = $"p16-{c}", Paragraph = "16", ContributorId = c, ContributorKind = ContributorKind.RegionalCommission,
            Title = Text($"{c} regional discussion outcome", $"{c} 区域讨论成果"), DueAt = due,
        }));
        foreach (var contribution in contributions)
        {
            var recorded = await WaitAsync(async () =>
            {
                try
                {
                    return (await _reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = contribution, RequestId = $"demo-{contribution.ContributionId}" }, Secretariat)).Contribution;
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition && ex.Status.Detail.Contains("registered", StringComparison.Ordinal))
                {
                    return null; // reporting has not yet learned of the contributor
                }
            }, $"reporting to accept {contribution.ContributionId}");

            // UNFPA's input never arrives: para 15 will show as overdue in the report.
            if (contribution.ContributionId != "p15-UNFPA")
            {
                await _reporting.ReceiveContributionAsync(new ReceiveContributionRequest { ContributionId = recorded.ContributionId, Etag = recorded.Etag, RequestId = $"demo-receive-{recorded.ContributionId}" }, Secretariat);
            }
        }

        await _reporting.RecordAgendaItemAsync(new RecordAgendaItemRequest
        {
            AgendaItem = new AgendaItem { Session = 69, Item = Text("Globalization and interdependence", "全球化与相互依存"), SubItem = Text("International migration and development", "国际移徙与发展") },
            RequestId = "demo-agenda-item",
        }, Secretariat);
    }

    private async Task DialogueAsync()
    {
        await MoveClocksAsync(new DateTimeOffset(2013, 10, 4, 23, 0, 0, TimeSpan.Zero));
        await progress("3-4 October 2013: the Dialogue. At the closing plenary each round table's co-chair presents its summary (para 3(b)(iii))…");
        foreach (var roundTable in Enumerable.Range(1, 4))
        {
            var presenter = CoChairs.First(c => c.RoundTable == roundTable).State;
            await _sessions.RecordRoundTableSummaryAsync(new RecordRoundTableSummaryRequest
            {
                RoundTable = roundTable,
                PresentedBy = presenter,
                Text = Text($"Oral summary of round table {roundTable}.", $"第{roundTable}轮圆桌会议的口头摘要。"),
                RequestId = $"demo-rt-summary-{roundTable}",
            }, Pga);
        }
    }

    private async Task ReportToSixtyNinthSessionAsync()
    {
        await MoveClocksAsync(new DateTimeOffset(2014, 7, 30, 14, 0, 0, TimeSpan.Zero));
        await progress("July 2014: the Secretary-General's report to the sixty-ninth session is issued (para 19)…");
        await Secretariat_RecordDocumentAsync("A/69/207", "19", Text("International migration and development: report of the Secretary-General", "国际移徙与发展：秘书长的报告"));
    }

    private async Task<GetImplementationReportResponse> ReportAsync(CancellationToken cancellationToken)
    {
        await progress("Waiting for reporting to apply every event…");
        await WaitAsync(async () =>
        {
            var report = await _reporting.GetImplementationReportAsync(new GetImplementationReportRequest(), As(Roles.ReportingReader));
            return report.Report.Sections.Single(s => s.Paragraph == "19").Status == ImplementationStatus.Done
                && report.Report.Sections.Single(s => s.Paragraph == "2").Status == ImplementationStatus.Done;
        }, "the report to reflect the closing plenary and the Secretary-General's report");
        return await _reporting.GetImplementationReportAsync(new GetImplementationReportRequest(), As(Roles.ReportingReader).WithCancellationToken(cancellationToken));
    }

    private async Task Secretariat_RecordDocumentAsync(string symbol, string paragraph, LocalizedText title) =>
        await _reporting.RecordDocumentAsync(new RecordDocumentRequest
        {
            Document = new Document { Symbol = symbol, Paragraph = paragraph, Title = title, Languages = { "ar", "zh", "en", "fr", "ru", "es" } },
            RequestId = $"demo-document-{symbol}",
        }, Secretariat);

    private async Task MoveClocksAsync(DateTimeOffset to)
    {
        foreach (var channel in channels.All)
        {
            var clock = new ClockService.ClockServiceClient(channel.Intercept(Retry));
            var now = (await clock.GetClockAsync(new GetClockRequest(), As(Roles.Operator))).Now.ToDateTimeOffset();
            if (now < to)
            {
                await clock.AdvanceClockAsync(new AdvanceClockRequest { To = Timestamp.FromDateTimeOffset(to) }, As(Roles.Operator));
            }
        }

        await progress($"[clock] {to:yyyy-MM-dd HH:mm} UTC");
    }

    private static async Task<string> RefusedAsync(Func<Task> call)
    {
        try
        {
            await call();
            return "accepted";
        }
        catch (RpcException ex)
        {
            var info = ex.GetRpcStatus()?.GetDetail<Google.Rpc.ErrorInfo>();
            return info is null ? ex.StatusCode.ToString() : $"{ex.StatusCode} {info.Reason} (para {info.Metadata.GetValueOrDefault("paragraph")})";
        }
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T?>> probe, string what)
    {
        // How long a person waits, in real time; the services' manual clocks are what the story moves.
        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(60);
        while (true)
        {
            var value = await probe();
            if (value is not null && value is not false)
            {
                return value;
            }

            if (TimeProvider.System.GetUtcNow().UtcDateTime > deadline)
            {
                throw new TimeoutException($"The demo gave up waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
