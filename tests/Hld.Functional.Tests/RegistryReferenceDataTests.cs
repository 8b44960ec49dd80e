using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Events;
using Hld.Registry.Api.Hosting;
using Hld.Registry.Api.Storage;
using Hld.Registry.Reference;
using Hld.Testing;
using Xunit;
using static Hld.Functional.Tests.RegistryTestKit;

namespace Hld.Functional.Tests;

/// <summary>The reference data files as shipped: 193 Member States in five groups (Kiribati in none), 2 observer States, the EU.</summary>
public sealed class RegistryReferenceFileTests
{
    // Memberships are read on the Dialogue's opening, as the registry reads them.
    private static readonly DateOnly ReferenceDate = Hld.Modalities.DialogueDefinitions.Load("hld-2013").Dates.OpensOn;

    private static readonly ReferenceCatalogue Catalogue = ReferenceCatalogue.Build(
        ReferenceDataFiles.ReadDirectory(new RegistryOptions().ReferenceData.Directory), ReferenceDate);

    [Fact]
    public void The_files_name_their_source_and_version_para4()
    {
        Assert.Equal(
            ["member-states.json", "observers.json", "regional-commissions.json", "standing-invitations.json", "un-system-entities.json"],
            Catalogue.Sources.Select(s => s.File));
        Assert.All(Catalogue.Sources, s => Assert.True(s.Source.Length > 80 && s.Version.Length > 0, s.File));
    }

    [Fact]
    public void The_ECOSOC_list_shipped_is_a_sample_that_names_its_source_and_gives_each_organisation_a_status_and_year_para9()
    {
        var list = ReferenceDataFiles.ReadConsultativeStatus(new RegistryOptions().ReferenceData.ConsultativeStatusFile);

        Assert.StartsWith("SAMPLE", list.Source.Source, StringComparison.Ordinal);
        Assert.Contains("E/2013/INF/6", list.Source.Source, StringComparison.Ordinal);
        Assert.Equal(12, list.Consultative!.Count);
        Assert.Equal([(EcosocStatus.General, 3), (EcosocStatus.Special, 7), (EcosocStatus.Roster, 2)],
            list.Consultative.GroupBy(e => e.Status).Select(g => ((EcosocStatus)(int)g.Key, g.Count())));
        Assert.All(list.Consultative, e => Assert.InRange(e.YearGranted!.Value, 1946, 2013));
        Assert.Empty(ReferenceCatalogue.Problems([list], ReferenceDate));
    }

    [Fact]
    public void An_export_of_the_full_list_is_read_by_its_column_names_with_quoted_names_para9()
    {
        var export = ReferenceDataFiles.ParseConsultativeStatus("export.csv",
            "# source: esango.un.org export\n# version: 2013-06-30\nOrganization's name,Country,Consultative Status,ECOSOC Accreditation Year\r\n\"Example Association, Inc.\",USA,special,1993\r\n\"Twin \"\"Quoted\"\" Org\",FRA,Roster,\r\n");

        Assert.Equal(("2013-06-30", "esango.un.org export"), (export.Source.Version, export.Source.Source));
        Assert.Equal(
            [new ConsultativeStatusEntry("Example Association, Inc.", Hld.Domain.EcosocStatus.Special, 1993), new ConsultativeStatusEntry("Twin \"Quoted\" Org", Hld.Domain.EcosocStatus.Roster, null)],
            export.Consultative!);
        Assert.Throws<InvalidOperationException>(() => ReferenceDataFiles.ParseConsultativeStatus("bad.csv", "organisation,grade\nX,General\n"));
    }

    [Fact]
    public void The_193_Member_States_of_2013_count_in_five_groups_and_Kiribati_in_none_para5()
    {
        var counts = Hld.Registry.Reference.ParticipantCount.Of(Catalogue.Participants())
            .Where(c => (ParticipantCategory)c.Category == ParticipantCategory.MemberState)
            .ToDictionary(c => (RegionalGroup)c.RegionalGroup, c => c.Count);

        Assert.Equal(54, counts[RegionalGroup.AfricanStates]);
        Assert.Equal(53, counts[RegionalGroup.AsiaPacificStates]);
        Assert.Equal(23, counts[RegionalGroup.EasternEuropeanStates]);
        Assert.Equal(33, counts[RegionalGroup.LatinAmericanAndCaribbeanStates]);
        Assert.Equal(29, counts[RegionalGroup.WesternEuropeanAndOtherStates]);
        Assert.Equal(1, counts[RegionalGroup.None]);
        Assert.Equal(193, counts.Values.Sum());
    }

    [Fact]
    public void The_special_cases_are_data_para4()
    {
        Assert.Equal(RegionalGroup.WesternEuropeanAndOtherStates, (RegionalGroup?)Catalogue.CountingGroupOf("TUR"));
        Assert.Equal(RegionalGroup.WesternEuropeanAndOtherStates, (RegionalGroup?)Catalogue.CountingGroupOf("USA"));
        Assert.Equal(RegionalGroup.None, (RegionalGroup?)Catalogue.CountingGroupOf("KIR"));
        Assert.Equal(RegionalGroup.AfricanStates, (RegionalGroup?)Catalogue.CountingGroupOf("SSD"));
        Assert.True(Catalogue.IsMemberState("SSD"));
        Assert.False(Catalogue.IsMemberState("PSE"));
    }

    [Fact]
    public void Observers_UN_entities_the_GMG_of_2013_the_regional_commissions_IOM_and_the_Special_Rapporteur_are_listed_paras_6_and_7()
    {
        var participants = Catalogue.Participants();

        Assert.Equal(["PSE", "VAT"], participants.Where(p => (ParticipantCategory)p.Category == ParticipantCategory.ObserverState).Select(p => p.Id).Order());
        Assert.Equal("EU", Assert.Single(participants, p => (ParticipantCategory)p.Category == ParticipantCategory.ObserverOrganization).Id);
        Assert.Equal(["ECA", "ECE", "ECLAC", "ESCAP", "ESCWA"], participants.Where(p => p.RegionalCommission).Select(p => p.Id).Order());
        Assert.Equal(
            ["DESA", "ECA", "ECE", "ECLAC", "ESCAP", "ESCWA", "FAO", "ILO", "IOM", "OHCHR", "UN-WOMEN", "UNCTAD", "UNDP", "UNESCO", "UNFPA", "UNHCR", "UNICEF", "UNITAR", "UNODC", "WORLD-BANK"],
            participants.Where(p => p.GlobalMigrationGroupMember).Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal(ParticipantCategory.IgoStandingInvitation, (ParticipantCategory)participants.Single(p => p.Id == "IOM").Category);
        Assert.Equal(ParticipantCategory.SpecialProcedure, (ParticipantCategory)participants.Single(p => p.Id == "SR-MIGRANTS").Category);
        Assert.All(participants, p => Assert.True(p.Names.ContainsKey("zh") && p.Names.ContainsKey("en"), p.Id));
    }
}

/// <summary>Loading the reference data over gRPC: operator only, idempotent, counted by category and group.</summary>
public sealed class RegistryReferenceDataTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private RegistryService.RegistryServiceClient Registry => Client(hosts.Registry.Channel);

    [Fact]
    public async Task Loading_is_for_the_operator_idempotent_and_counts_come_back_by_category_and_group_para4()
    {
        await Refused(() => Registry.LoadReferenceDataAsync(new LoadReferenceDataRequest(), Pga).ResponseAsync, StatusCode.PermissionDenied);

        var first = await LoadReferenceDataAsync(Registry);
        var second = await LoadReferenceDataAsync(Registry);

        Assert.Equal(6, first.Files.Count);
        Assert.Contains(first.Files, f => f.File == "ecosoc-consultative-status.csv" && f.Source.Contains("esango.un.org", StringComparison.Ordinal));
        Assert.Equal(first.Registered + first.Unchanged, second.Unchanged);
        Assert.Equal(0, second.Registered);
        Assert.Empty(second.DifferingParticipantIds);

        var counts = await Registry.CountParticipantsAsync(new CountParticipantsRequest(), TestTokens.Call(Platform.Security.Roles.ReportingReader));
        int Count(ParticipantCategory category, RegionalGroup? group = null) =>
            counts.Counts.Where(c => c.Category == category && (group is null || c.RegionalGroup == group)).Sum(c => c.Count);
        Assert.Equal(193, Count(ParticipantCategory.MemberState));
        Assert.Equal(54, Count(ParticipantCategory.MemberState, RegionalGroup.AfricanStates));
        Assert.Equal(53, Count(ParticipantCategory.MemberState, RegionalGroup.AsiaPacificStates));
        Assert.Equal(23, Count(ParticipantCategory.MemberState, RegionalGroup.EasternEuropeanStates));
        Assert.Equal(33, Count(ParticipantCategory.MemberState, RegionalGroup.LatinAmericanAndCaribbeanStates));
        Assert.Equal(29, Count(ParticipantCategory.MemberState, RegionalGroup.WesternEuropeanAndOtherStates));
        Assert.Equal(1, Count(ParticipantCategory.MemberState, RegionalGroup.None));
        Assert.Equal(2, Count(ParticipantCategory.ObserverState));
        Assert.Equal(1, Count(ParticipantCategory.ObserverOrganization));
        Assert.Equal(19, Count(ParticipantCategory.UnSystemEntity));
        Assert.Equal(1, Count(ParticipantCategory.IgoStandingInvitation));
        Assert.Equal(1, Count(ParticipantCategory.SpecialProcedure));
    }

    [Fact]
    public async Task A_loaded_State_reads_back_with_its_names_group_and_source_version_para5()
    {
        await LoadReferenceDataAsync(Registry);

        var turkey = (await Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "TUR" }, State("TUR"))).Participant;
        var iom = (await Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "IOM" }, Secretariat)).Participant;

        Assert.Equal(RegionalGroup.WesternEuropeanAndOtherStates, turkey.RegionalGroup);
        Assert.Equal("土耳其", turkey.Name.Texts["zh"]);
        Assert.Equal("2013-10-03.2", turkey.ReferenceVersion);
        Assert.True(iom.GlobalMigrationGroupMember);
        Assert.Equal(ParticipantCategory.IgoStandingInvitation, iom.Category);
    }

    [Fact]
    public async Task Registering_a_State_that_is_not_a_Member_State_is_refused_para5()
    {
        var notAState = new Participant
        {
            ParticipantId = "XKX",
            Category = ParticipantCategory.MemberState,
            Name = new LocalizedText { Texts = { ["en"] = "Not a Member State" } },
        };

        await RefusedUnder(() => Registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = notAState }, Secretariat).ResponseAsync, "NOT_A_MEMBER_STATE", "5");
    }
}

/// <summary>A host configured to load the reference data at start-up, as production does.</summary>
public sealed class RegistryStartupLoadTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private HostUnderTest<Registry.Api.Grpc.RegistryGrpcService> _registry = null!;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _registry = new(_redis, $"s{Guid.NewGuid():N}:", new Dictionary<string, string?> { ["Registry:ReferenceData:LoadOnStartup"] = "true" });
        _ = _registry.Server;
    }

    public async Task DisposeAsync()
    {
        await StopHostAsync(_registry);
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task The_reference_data_is_loaded_at_start_up_and_announced_to_other_services_para4()
    {
        var registry = Client(_registry.Channel);
        await using var probe = await EventProbe.StartAsync(_registry.Services, Topics.Of<ParticipantRegistered>());

        var counts = await Eventually.Until(
            () => registry.CountParticipantsAsync(new CountParticipantsRequest(), Secretariat).ResponseAsync,
            c => c.Total == 193 + 2 + 1 + 19 + 1 + 1,
            what: "the reference data to be loaded at start-up");
        var announced = await probe.WaitFor<ParticipantRegistered>(_ => true, count: counts.Total);

        Assert.Equal(193, announced.Count(e => e.Participant.Category == ParticipantCategory.MemberState));
        Assert.Contains(announced, e => e.ParticipantId == "ESCAP" && e.Participant.RegionalCommission && e.Participant.GlobalMigrationGroupMember);
    }
}
