using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Hearings.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Contracts.Sessions.V1;
using Hld.Modalities;
using Hld.Platform.Security;
using DomainGroup = Hld.Domain.HearingGroup;
using DomainListKind = Hld.Domain.ListKind;

namespace Hld.Demo;

/// <summary>The four services the demo talks to, by channel.</summary>
public sealed record DemoChannels(GrpcChannel Registry, GrpcChannel Sessions, GrpcChannel Hearings, GrpcChannel Reporting)
{
    public IEnumerable<GrpcChannel> All => [Registry, Sessions, Hearings, Reporting];
}

/// <summary>
/// A meeting of the family told through the public API, as its dialogue definition has it (issue 12):
/// reference data, the PGA's lists the definition names, with one objection under the non-objection
/// procedure, the hearing on its date and the representatives it selects for the plenary, balanced
/// co-chairs, speakers at several levels, round tables, the hearing's summary, the inputs and reports
/// the definition owes, and the implementation report. For hld-2013 it is the 2013 Dialogue, as the
/// demo always told it. Deadlines are part of the story: the services run on manual clocks that the
/// demo moves forward, as an operator would in Development; every paragraph it names is the definition's.
/// </summary>
public sealed class DemoScenario(DemoChannels channels, DialogueDefinition definition, Func<string, Task> progress)
{
    /// <summary>The five regional commissions of the United Nations, each owing an input where the definition asks for regional inputs.</summary>
    private static readonly string[] RegionalCommissions = ["ECA", "ECE", "ECLAC", "ESCAP", "ESCWA"];

    private readonly DemoCalendar _on = new(definition);

    /// <summary>When the story starts: the services' clocks must not be past it.</summary>
    public DateTimeOffset Start => _on.Start;

    // A list's id in the story: "p12-2013" for the list of paragraph 12 of the 2013 meeting.
    private string ListId(DomainListKind kind) =>
        $"p{new string([.. definition.ListOf(kind)!.Paragraph.Where(char.IsAsciiLetterOrDigit)])}-{definition.Dates.OpensOn.Year}";

    private string Para(Hld.Domain.Rule rule) => _book.ParagraphOf(rule) ?? "-";

    private readonly RuleBook _book = new(definition);

    private ReportOwed? Report(string id) => definition.Reports.FirstOrDefault(r => r.Id == id);

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
        await MeetingAsync();
        var last = await ReportsToLaterSessionsAsync();
        return await ReportAsync(last, cancellationToken);
    }

    private async Task ReferenceDataAsync()
    {
        await progress($"Loading reference data: Member States, observers, UN system entities, regional commissions ({Paras(Para(Hld.Domain.Rules.Registration), Para(Hld.Domain.Rules.Participation(Hld.Domain.ParticipantCategory.MemberState)), Para(Hld.Domain.Rules.Participation(Hld.Domain.ParticipantCategory.ObserverState)), Para(Hld.Domain.Rules.Participation(Hld.Domain.ParticipantCategory.UnSystemEntity)))})…");
        var loaded = await _registry.LoadReferenceDataAsync(new LoadReferenceDataRequest { RequestId = "demo-reference-data" }, As(Roles.Operator));
        var counts = await _registry.CountParticipantsAsync(new CountParticipantsRequest(), Secretariat);
        var states = counts.Counts.Where(c => c.Category == ParticipantCategory.MemberState).Sum(c => c.Count);
        await progress($"  {loaded.Registered} registered, {loaded.Unchanged} already there; {states} Member States, {counts.Counts.Where(c => c.Category == ParticipantCategory.ObserverState).Sum(c => c.Count)} observer States.");

        // A report the resolution takes note of was issued before it: neither due before the meeting nor sent to a later session.
        foreach (var issued in definition.Reports.Where(r => r is { Document: not null, DueBefore: null, Session: null }))
        {
            await Secretariat_RecordDocumentAsync(issued);
        }
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

    // Other IGOs take part with a delegation where the definition seats them so (the Forum of 2022), else through the PGA's list.
    private bool IgosWithDelegation => definition.ParticipationOf(Hld.Domain.ParticipantCategory.OtherIgo).Delegation;

    // The organisations of the story that take part in this meeting: through a list it has, or with a delegation.
    private IEnumerable<(string Id, ParticipantCategory Category, string En, string Zh, string Country, RegionalGroup Group, EcosocStatus Status)> OrganisationsListed =>
        Organisations.Where(o => o.Category != ParticipantCategory.OtherIgo || definition.ListOf(DomainListKind.OtherIgos) is not null || IgosWithDelegation);

    private string ListParagraphs => Paras([.. definition.Lists.Select(l => l.Paragraph)]);

    // "para 9" or "paras 9, 12": each paragraph once, in the order given.
    private static string Paras(params string?[] paragraphs)
    {
        var named = paragraphs.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return (named.Count == 1 ? "para " : "paras ") + string.Join(", ", named);
    }

    private async Task OrganisationsAsync()
    {
        await progress($"Registering organisations ({ListParagraphs})…");
        foreach (var o in OrganisationsListed)
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

        await progress($"  {OrganisationsListed.Count()} organisations registered.");
    }

    private async Task HearingDateAsync()
    {
        await progress($"Scheduling the informal interactive hearing on {_on.HearingDate:d MMMM yyyy}, chaired by the President of the General Assembly (para {Para(Hld.Domain.Rules.Hearing)})…");
        var date = _on.HearingDate;
        await _hearings.ScheduleHearingAsync(new ScheduleHearingRequest { Date = Day(date.Year, date.Month, date.Day), Chair = "The President of the General Assembly", RequestId = "demo-hearing" }, Pga);
    }

    private async Task ListsAsync()
    {
        if (definition.ListOf(DomainListKind.EcosocNgos) is { } ecosoc)
        {
            var id = ListId(DomainListKind.EcosocNgos);
            await progress($"Para {ecosoc.Paragraph}: the list of ECOSOC NGOs…");
            await BuildListAsync(id, ListKind.EcosocNgos, "NGOs in consultative status with ECOSOC", "具有经社理事会咨商地位的非政府组织", ["ngo-migrant-forum", "ngo-caritas", "ngo-africa-diaspora"]);
            var list = await ListAsync(id);
            await _registry.FinaliseListAsync(new FinaliseListRequest { ListId = id, DecisionReference = $"PGA letter of {Start:d MMMM yyyy}", Etag = list.Etag, RequestId = $"demo-{id}-final" }, Pga);
        }

        if (definition.ListOf(DomainListKind.OtherIgos) is { } igos)
        {
            var id = ListId(DomainListKind.OtherIgos);
            await progress($"Para {igos.Paragraph}: other intergovernmental organisations, submitted to Member States…");
            await BuildListAsync(id, ListKind.OtherIgos, "Other intergovernmental organisations", "其他政府间组织", ["igo-oecd", "igo-icmpd"]);
            var list = await ListAsync(id);
            list = (await _registry.CirculateListAsync(new CirculateListRequest { ListId = id, Etag = list.Etag, RequestId = $"demo-{id}-submit" }, Pga)).List;
            await _registry.FinaliseListAsync(new FinaliseListRequest { ListId = id, DecisionReference = $"Decided by the General Assembly, {Start:MMMM yyyy}", Etag = list.Etag, RequestId = $"demo-{id}-final" }, Pga);
        }

        if (definition.ListOf(DomainListKind.OtherStakeholders) is { } others)
        {
            var id = ListId(DomainListKind.OtherStakeholders);
            await progress($"Para {others.Paragraph}: other NGOs, academia and the private sector under the non-objection procedure…");
            await BuildListAsync(id, ListKind.OtherStakeholders, "Other NGOs, academic institutions and private-sector entities", "其他非政府组织、学术机构和私营部门实体",
                ["cso-sin-fronteras", "acad-migration-institute", "biz-remit", "ngo-objected"]);
            var list = await ListAsync(id);
            var consulted = _on.ListConsultation;
            list = (await _registry.RecordListConsultationAsync(new RecordListConsultationRequest
            {
                ListId = id,
                HeldOn = Day(consulted.Year, consulted.Month, consulted.Day),
                Summary = "Informal consultation with Member States on the proposed names.",
                Etag = list.Etag,
                RequestId = $"demo-{id}-consult",
            }, Pga)).List;

            // Objections are due no later than a month before the hearing.
            var deadline = _on.ObjectionDeadline;
            await _registry.CirculateListAsync(new CirculateListRequest { ListId = id, ObjectionDeadline = Timestamp.FromDateTimeOffset(deadline), Etag = list.Etag, RequestId = $"demo-{id}-circulate" }, Pga);
            await progress($"  circulated on {Start:d MMMM yyyy} with objections due by {deadline.UtcDateTime:d MMMM yyyy HH:mm} UTC.");

            await _registry.ObjectToListEntryAsync(new ObjectToListEntryRequest { ListId = id, ParticipantId = "ngo-objected", RequestId = $"demo-{id}-objection" }, As(Roles.MemberState, "CAN"));
            await progress("  a Member State objected to one entry; who objected is visible only to the PGA office and the Secretariat.");

            await MoveClocksAsync(_on.AfterObjections);
            var final = await WaitAsync(async () => await ListAsync(id) is { Status: ListStatus.Final } l ? l : null, $"the para {others.Paragraph} list to become final at its deadline");
            await progress($"  the deadline passed: the list became final on its own with {final.EntryCount} entries standing.");
        }
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
        await progress($"Delegations set their level of representation (para {Para(Hld.Domain.Rules.Precedence)})…");
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

        if (IgosWithDelegation)
        {
            await progress($"  an intergovernmental organisation without a standing invitation sends a delegation too (para {definition.ParticipationOf(Hld.Domain.ParticipantCategory.OtherIgo).Paragraph}).");
            var oecd = new Delegation { ParticipantId = "igo-oecd", Level = LevelOfRepresentation.Other, Head = new HeadOfDelegation { Name = "Secretary-General of the OECD", Title = "Secretary-General" } };
            await _registry.UpdateDelegationAsync(new UpdateDelegationRequest { Delegation = oecd, RequestId = "demo-level-igo-oecd" }, As(Roles.Observer, "igo-oecd"));
        }
    }

    // Two co-chairs a round table, from two regional groups, no group holding more than two seats.
    private static readonly (int RoundTable, string State, string Name)[] CoChairs =
    [
        (1, "KEN", "Representative of Kenya"), (1, "SWE", "Representative of Sweden"),
        (2, "MEX", "Representative of Mexico"), (2, "PHL", "Representative of the Philippines"),
        (3, "POL", "Representative of Poland"), (3, "BGD", "Representative of Bangladesh"),
        (4, "GHA", "Representative of Ghana"), (4, "CHL", "Representative of Chile"),
    ];

    private int RoundTables => definition.MeetingsOf(MeetingKind.RoundTable).Count();

    // The seats the definition has: its round tables, each with as many co-chairs as it says.
    private IEnumerable<(int RoundTable, string State, string Name)> Seats =>
        CoChairs.Where(c => c.RoundTable <= RoundTables).GroupBy(c => c.RoundTable).SelectMany(g => g.Take(definition.CoChairs.PerRoundTable));

    private async Task CoChairsAsync()
    {
        await progress($"Consulting the five regional groups, then appointing {definition.CoChairs.PerRoundTable} co-chairs per round table (para {definition.CoChairs.Paragraph})…");
        var consulted = _on.CoChairConsultation;
        foreach (var group in new[] { RegionalGroup.AfricanStates, RegionalGroup.AsiaPacificStates, RegionalGroup.EasternEuropeanStates, RegionalGroup.LatinAmericanAndCaribbeanStates, RegionalGroup.WesternEuropeanAndOtherStates })
        {
            await _sessions.RecordRegionalGroupConsultationAsync(new RecordRegionalGroupConsultationRequest { RegionalGroup = group, HeldOn = Day(consulted.Year, consulted.Month, consulted.Day), Note = "Consulted through the group's chair.", RequestId = $"demo-consult-{group}" }, Pga);
        }

        await WaitAsync(async () => (await _sessions.GetDialogueAsync(new Contracts.Sessions.V1.GetDialogueRequest(), Pga)).Dialogue.KnownParticipants >= 193, "sessions to learn of the Member States");
        foreach (var (roundTable, state, name) in Seats)
        {
            await _sessions.AppointCoChairAsync(new AppointCoChairRequest { RoundTable = roundTable, ParticipantId = state, RepresentativeName = name, RequestId = $"demo-cochair-{roundTable}-{state}" }, Pga);
        }

        var balance = (await _sessions.GetCoChairBalanceAsync(new GetCoChairBalanceRequest(), Pga)).Balance;
        await progress($"  {balance.SeatsFilled} of {balance.SeatsTotal} seats filled; balanced between the regional groups: {(balance.Balanced ? "yes" : "no")}.");
    }

    private static readonly (string Id, DomainGroup Group, string Speaker)[] Speakers =
    [
        ("ngo-migrant-forum", DomainGroup.EcosocNgo, "William Gois"),
        ("cso-sin-fronteras", DomainGroup.CivilSociety, "Nancy Pérez García"),
        ("biz-remit", DomainGroup.PrivateSector, "Priya Raman"),
        ("acad-migration-institute", DomainGroup.CivilSociety, "Joseph Otieno"),
    ];

    // The representatives the hearing selects for the plenary: one organisation per group the definition names.
    private IEnumerable<(string Id, DomainGroup Group, string Speaker)> Selected =>
        definition.Hearing.RepresentativesToPlenary is { } selection
            ? selection.Groups.Select(g => Speakers.First(s => s.Group == g))
            : [];

    private async Task HearingDayAsync()
    {
        await MoveClocksAsync(_on.HearingDay);
        await progress($"{_on.HearingDate:d MMMM yyyy}: the hearing. Organisations on the final lists register for it ({Paras([.. definition.Lists.Where(l => definition.Hearing.AdmitsLists?.Contains(l.Kind) ?? true).Select(l => l.Paragraph).Append(definition.Hearing.Paragraph)])})…");
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

        if (definition.Hearing.RepresentativesToPlenary is not { } selection)
        {
            return;
        }

        await _hearings.RecordConsultationAsync(new Contracts.Hearings.V1.RecordConsultationRequest
        {
            Groups = { selection.Groups.Select(g => (HearingGroup)g) },
            RegionalGroups = { RegionalGroup.AfricanStates, RegionalGroup.AsiaPacificStates, RegionalGroup.EasternEuropeanStates, RegionalGroup.LatinAmericanAndCaribbeanStates, RegionalGroup.WesternEuropeanAndOtherStates },
            MemberStates = { "MEX", "PHL", "SWE" },
            Note = "Consulted Member States on the speakers for the plenary.",
            RequestId = "demo-hearing-consultation",
        }, Pga);
        foreach (var (id, group, speaker) in Selected)
        {
            await _hearings.SelectRepresentativeAsync(new SelectRepresentativeRequest { Group = (HearingGroup)group, ParticipantId = id, RepresentativeName = speaker, RequestId = $"demo-select-{(HearingGroup)group}" }, Pga);
        }

        await progress($"  {Selected.Count()} representative(s) selected for the plenary, {selection.PerGroup} per group: {string.Join(", ", selection.Groups)} (para {selection.Paragraph}).");
    }

    private async Task SpeakersAndRoundTablesAsync()
    {
        await progress($"Inscriptions on the plenary speakers list, and civil society at the round tables ({Paras(Para(Hld.Domain.Rules.Precedence), Para(Hld.Domain.Rules.MeetingCounts))})…");
        if (definition.Speakers.AsTimePermits is { } late)
        {
            var expected = Selected.Count(s => late.HearingRepresentatives.Contains(s.Group));
            await WaitAsync(async () => (await _sessions.GetSpeakersListAsync(new GetSpeakersListRequest { MeetingNumber = late.OnPlenary }, Pga)).Positions.Count(p => p.Rank == SpeakerRank.HearingRepresentative) == expected,
                $"the {expected} hearing speakers to reach the speakers list of plenary {late.OnPlenary}");
        }

        foreach (var (state, _, _) in Levels.Reverse())
        {
            await _sessions.InscribeSpeakerAsync(new Contracts.Sessions.V1.InscribeSpeakerRequest { MeetingNumber = 1, ParticipantId = state, RequestId = $"demo-inscribe-{state}" }, As(Roles.MemberState, state));
        }

        await _sessions.InscribeSpeakerAsync(new Contracts.Sessions.V1.InscribeSpeakerRequest { MeetingNumber = 1, ParticipantId = "EU", RequestId = "demo-inscribe-EU" }, As(Roles.Observer, "EU"));
        await _sessions.InscribeSpeakerAsync(new Contracts.Sessions.V1.InscribeSpeakerRequest { MeetingNumber = 1, ParticipantId = "VAT", RequestId = "demo-inscribe-VAT" }, As(Roles.Observer, "VAT"));
        if (IgosWithDelegation)
        {
            await _sessions.InscribeSpeakerAsync(new Contracts.Sessions.V1.InscribeSpeakerRequest { MeetingNumber = 1, ParticipantId = "igo-oecd", RequestId = "demo-inscribe-igo-oecd" }, As(Roles.Observer, "igo-oecd"));
        }
        var list = await _sessions.GetSpeakersListAsync(new GetSpeakersListRequest { MeetingNumber = 1 }, Pga);
        foreach (var position in list.Positions)
        {
            await progress($"  {position.Position,2}. {position.ParticipantId,-4} {position.Rank} {position.Level}");
        }

        var seats = new[] { (1, "ngo-caritas"), (2, "ngo-migrant-forum"), (2, "cso-sin-fronteras"), (3, "ngo-africa-diaspora"), (4, "biz-remit"), (4, "acad-migration-institute") };
        foreach (var (roundTable, id) in seats.Where(s => s.Item1 <= RoundTables))
        {
            await _sessions.AssignRoundTableParticipantAsync(new AssignRoundTableParticipantRequest { RoundTable = roundTable, ParticipantId = id, RequestId = $"demo-seat-{roundTable}-{id}" }, Pga);
        }
    }

    private async Task SummaryAndPanelAsync()
    {
        await MoveClocksAsync(_on.SummaryWritten);
        var panel = definition.MeetingsOf(MeetingKind.Panel).FirstOrDefault();
        var note = Report("organisation-of-work");
        await progress($"{_on.SummaryWritten:MMMM yyyy}: the hearing's summary{(panel is null ? string.Empty : ", the panel discussion")}{(note is null ? string.Empty : " and the note on the organisation of work")} ({Paras(note?.Paragraph, definition.Hearing.Summary.Paragraph, panel?.Paragraph)})…");
        var heard = _on.HearingDate;
        var draft = (await _hearings.DraftSummaryAsync(new DraftSummaryRequest
        {
            Text = Text(
                $"Summary of the informal interactive hearing of {heard:d MMMM yyyy}: participants called for migrants' rights to be at the centre of the {definition.Title["en"]}.",
                $"{heard.Year}年{heard.Month}月{heard.Day}日非正式互动听证会摘要：与会者呼吁将移徙者权利置于{definition.Title.GetValueOrDefault("zh", definition.Title["en"])}的中心。"),
            RequestId = "demo-summary-draft",
        }, Pga)).Summary;
        await _hearings.PublishSummaryAsync(new PublishSummaryRequest { Etag = draft.Etag, RequestId = "demo-summary-publish" }, Pga);
        if (panel is not null)
        {
            var day = _on.Panel;
            await _sessions.SchedulePanelDiscussionAsync(new SchedulePanelDiscussionRequest { Date = Day(day.Year, day.Month, day.Day), Title = Text("Panel discussion on the overall theme", "关于总主题的小组讨论"), RequestId = "demo-panel" }, Pga);
        }

        if (note is not null)
        {
            await _sessions.GenerateOrganisationOfWorkNoteAsync(new GenerateOrganisationOfWorkNoteRequest { RequestId = "demo-note" }, Secretariat);
        }
    }

    // The reporting service records inputs under the paragraphs of the overview of studies, the regional
    // inputs and Member States' contributions, where the definition owes them.
    private async Task ContributionsAsync()
    {
        var (overview, regional, states) = (Report("overview-of-studies"), Report("regional-inputs"), Report("member-state-contributions"));
        if (overview is null || regional is null || states is null)
        {
            return;
        }

        await progress($"Contributions: the Global Migration Group, the five regional commissions and Member States ({Paras(overview.Paragraph, regional.Paragraph, states.Paragraph)})…");
        var due = Timestamp.FromDateTimeOffset(_on.InputsDue);
        var contributions = new List<Contribution>
        {
            new() { ContributionId = $"p{overview.Paragraph}-IOM", Paragraph = overview.Paragraph, ContributorId = "IOM", ContributorKind = ContributorKind.GmgMember, Title = Text("IOM input to the comprehensive overview", "国际移民组织对全面综述的投入"), DueAt = due },
            new() { ContributionId = $"p{overview.Paragraph}-UNFPA", Paragraph = overview.Paragraph, ContributorId = "UNFPA", ContributorKind = ContributorKind.GmgMember, Title = Text("UNFPA input to the comprehensive overview", "人口基金对全面综述的投入"), DueAt = due },
            new() { ContributionId = $"p{states.Paragraph}-MEX", Paragraph = states.Paragraph, ContributorId = "MEX", ContributorKind = ContributorKind.MemberState, Channel = ContributionChannel.GlobalForum, Title = Text("Outcome of the GFMD in Mexico", "全球移徙与发展论坛成果"), DueAt = due },
            new() { ContributionId = $"p{states.Paragraph}-PHL", Paragraph = states.Paragraph, ContributorId = "PHL", ContributorKind = ContributorKind.MemberState, Channel = ContributionChannel.RegionalConsultativeProcess, ChannelName = "Colombo Process", Title = Text("Colombo Process contribution", "科伦坡进程的贡献"), DueAt = due },
        };
        contributions.AddRange(RegionalCommissions.Select(c => new Contribution
        {
            ContributionId = $"p{regional.Paragraph}-{c}", Paragraph = regional.Paragraph, ContributorId = c, ContributorKind = ContributorKind.RegionalCommission,
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

            // UNFPA's input never arrives: the overview's paragraph will show as overdue in the report.
            if (contribution.ContributorId != "UNFPA")
            {
                await _reporting.ReceiveContributionAsync(new ReceiveContributionRequest { ContributionId = recorded.ContributionId, Etag = recorded.Etag, RequestId = $"demo-receive-{recorded.ContributionId}" }, Secretariat);
            }
        }

        if (Report("follow-up-agenda-item") is { Session: { } session })
        {
            await _reporting.RecordAgendaItemAsync(new RecordAgendaItemRequest
            {
                AgendaItem = new AgendaItem { Session = session, Item = Text("Globalization and interdependence", "全球化与相互依存"), SubItem = Text("International migration and development", "国际移徙与发展") },
                RequestId = "demo-agenda-item",
            }, Secretariat);
        }
    }

    private async Task MeetingAsync()
    {
        await MoveClocksAsync(_on.Closed);
        var days = definition.Dates.OpensOn == definition.Dates.ClosesOn ? $"{definition.Dates.OpensOn:d MMMM yyyy}" : $"{definition.Dates.OpensOn:d MMMM} to {definition.Dates.ClosesOn:d MMMM yyyy}";
        if (definition.ClosingSummaries is not { } closing)
        {
            await progress($"{days}: the {definition.Title["en"]}.");
            return;
        }

        await progress($"{days}: the {definition.Title["en"]}. At {System.Text.RegularExpressions.Regex.Replace((closing.AtKind ?? MeetingKind.Plenary).ToString(), "(?<!^)([A-Z])", " $1").ToLowerInvariant()} meeting {closing.AtPlenary} each round table's co-chair presents its summary (para {closing.Paragraph})…");
        foreach (var roundTable in Enumerable.Range(1, RoundTables))
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

    // The reports the definition sends to a later session, each issued in its year; returns the last one's paragraph.
    private async Task<string?> ReportsToLaterSessionsAsync()
    {
        string? last = null;
        foreach (var report in definition.Reports.Where(r => r is { Document: not null, Session: not null }).OrderBy(r => r.Session))
        {
            await MoveClocksAsync(_on.ReportIssued(report.Session!.Value));
            await progress($"{_on.ReportIssued(report.Session.Value):MMMM yyyy}: {report.Document}, to session {report.Session}, is issued (para {report.Paragraph})…");
            await Secretariat_RecordDocumentAsync(report);
            last = report.Paragraph;
        }

        return last;
    }

    private async Task<GetImplementationReportResponse> ReportAsync(string? lastDocument, CancellationToken cancellationToken)
    {
        await progress("Waiting for reporting to apply every event…");
        var registered = (await _registry.CountParticipantsAsync(new CountParticipantsRequest(), Secretariat)).Counts.Sum(c => c.Count);
        await WaitAsync(async () =>
        {
            var report = (await _reporting.GetImplementationReportAsync(new GetImplementationReportRequest(), As(Roles.ReportingReader))).Report;
            var counted = (await _reporting.GetParticipationCountsAsync(new GetParticipationCountsRequest(), As(Roles.ReportingReader))).Total;
            return counted == registered && Tracked(report, lastDocument) && Tracked(report, definition.Dates.Paragraph);
        }, "the report to reflect every participant, the meeting's close and the last report issued");
        return await _reporting.GetImplementationReportAsync(new GetImplementationReportRequest(), As(Roles.ReportingReader).WithCancellationToken(cancellationToken));

        // Done, where a rule of the report reads that paragraph; a paragraph no rule reads has nothing to wait for.
        static bool Tracked(ImplementationReport report, string? paragraph) =>
            paragraph is null || report.Sections.FirstOrDefault(s => s.Paragraph == paragraph) is not { } section
            || section.Status is ImplementationStatus.Done or ImplementationStatus.NotTracked;
    }

    // A report owed, recorded by its symbol under its paragraph, with a title said from who owes it.
    private async Task Secretariat_RecordDocumentAsync(ReportOwed report)
    {
        var (en, zh) = report.OwedBy switch
        {
            "SecretaryGeneral" => ("report of the Secretary-General", "秘书长的报告"),
            "PresidentOfTheGeneralAssembly" => ("summary by the President of the General Assembly", "大会主席的摘要"),
            _ => ("report", "报告"),
        };
        await _reporting.RecordDocumentAsync(new RecordDocumentRequest
        {
            Document = new Document { Symbol = report.Document, Paragraph = report.Paragraph, Title = Text($"International migration and development: {en}", $"国际移徙与发展：{zh}"), Languages = { "ar", "zh", "en", "fr", "ru", "es" } },
            RequestId = $"demo-document-{report.Document}",
        }, Secretariat);
    }

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
            return info is null ? ex.StatusCode.ToString() : $"{ex.StatusCode} {info.Reason} (para {info.Metadata.GetValueOrDefault("paragraph")}, {info.Metadata.GetValueOrDefault("rule")})";
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
