using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Rpc;
using Grpc.Core;
using Hld.Contracts.Sessions.V1;
using Hld.Modalities;
using Hld.Hearings.Api;
using Hld.Platform.Security;
using Hld.Registry.Api.Hosting;
using Hld.Sessions.Api;
using Hld.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>
/// The hosts take the meeting from one dialogue definition (<c>Hld:Dialogue</c>, issue 12): the 2013
/// one gives them exactly what their appsettings.json said before, another file gives them another
/// meeting, and a broken one stops the start with its problems named.
/// </summary>
public sealed class DialogueDefinitionHostingTests(RedisServer redis) : IClassFixture<RedisServer>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("hld-dialogue-").FullName;

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    // The services' appsettings.json before they read the definition (tests/Hld.Dialogue.Tests/Today).
    private static T Before<T>(string service, string section) =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "Before", service + ".json")).Build().GetSection(section).Get<T>()!;

    private static string Json(object value) => JsonSerializer.Serialize(value, Compact);

    private static Dictionary<string, string> InZhAndEn(Dictionary<string, string> texts) => new() { ["zh"] = texts["zh"], ["en"] = texts["en"] };

    private HostUnderTest<T> Host<T>(string? dialogue)
        where T : class =>
        new(redis, $"d{Guid.NewGuid():N}:", dialogue is null ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["Hld:Dialogue"] = dialogue });

    private string Written(string name, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(File.ReadAllText(DialogueDefinitions.Resolve(DialogueDefinitions.Default)))!;
        change(node);
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    [Fact]
    public async Task From_hld_2013_the_sessions_service_builds_the_options_its_appsettings_held_before()
    {
        await using var host = Host<Sessions.Api.Grpc.SessionsGrpcService>(null);
        var built = host.Services.GetRequiredService<IOptions<SessionsOptions>>().Value;
        var before = Before<SessionsOptions>("sessions", "Sessions");
        Assert.StartsWith("Dialogue definition hld-2013: General Assembly resolution 67/219", built.Programme.Source, StringComparison.Ordinal);

        // The definition has the themes in the six languages, where appsettings had zh and en.
        var themes = built.Programme.RoundTables.Select(r => r.Theme).Prepend(built.Dialogue.Theme).ToList();
        Assert.All(themes, theme => Assert.Equal(["ar", "en", "es", "fr", "ru", "zh"], theme.Keys.Order(StringComparer.Ordinal)));

        // Every value but the note on where the values come from and the four languages added.
        foreach (var options in new[] { built, before })
        {
            options.Dialogue.Source = options.Mandate.Source = options.Programme.Source = string.Empty;
            options.Dialogue.Theme = InZhAndEn(options.Dialogue.Theme);
            options.Programme.RoundTables.ForEach(r => r.Theme = InZhAndEn(r.Theme));
        }

        Assert.Equal(Json(before.Dialogue), Json(built.Dialogue));
        Assert.Equal(Json(before.Mandate), Json(built.Mandate));
        Assert.Equal(Json(before.Programme), Json(built.Programme));
    }

    [Fact]
    public async Task From_hld_2013_the_hearings_and_registry_services_build_the_options_their_appsettings_held_before()
    {
        await using var hearings = Host<Hearings.Api.Grpc.HearingsGrpcService>(null);
        await using var registry = Host<Registry.Api.Grpc.RegistryGrpcService>(null);
        var hearing = hearings.Services.GetRequiredService<IOptions<HearingsOptions>>().Value;
        var hearingBefore = Before<HearingsOptions>("hearings", "Hearings");
        var registered = registry.Services.GetRequiredService<IOptions<RegistryOptions>>().Value;
        var registeredBefore = Before<RegistryOptions>("registry", "Registry");

        Assert.Equal(hearingBefore.ToCalendar(), hearing.ToCalendar());
        Assert.Equal(hearingBefore.DialogueId, hearing.DialogueId);
        Assert.Equal(
            (registeredBefore.DialogueId, registeredBefore.HearingDate, registeredBefore.VenueUtcOffset, registeredBefore.ReferenceDate),
            (registered.DialogueId, registered.HearingDate, registered.VenueUtcOffset, registered.ReferenceDate));
        // The Testing environment's own operational setting still applies over the definition.
        Assert.Equal(TimeSpan.FromMilliseconds(100), registered.DeadlineSweepInterval);
    }

    [Fact]
    public async Task A_definition_given_by_path_is_the_meeting_every_host_serves()
    {
        var path = Written("rehearsal.json", node =>
        {
            node["id"] = "hld-2013-rehearsal";
            node["theme"]!["texts"]!["en"] = "A rehearsal of the Dialogue";
            node["hearing"]!["on"] = "2013-07-16";
        });
        await using var sessions = Host<Sessions.Api.Grpc.SessionsGrpcService>(path);
        await using var registry = Host<Registry.Api.Grpc.RegistryGrpcService>(path);
        var client = new SessionsService.SessionsServiceClient(sessions.Channel);

        var dialogue = (await client.GetDialogueAsync(new GetDialogueRequest(), TestTokens.Call(Roles.MemberState, "FRA"))).Dialogue;

        Assert.Equal("A rehearsal of the Dialogue", dialogue.Theme.Texts["en"]);
        Assert.Equal("hld-2013-rehearsal", registry.Services.GetRequiredService<IOptions<RegistryOptions>>().Value.DialogueId);
        Assert.Equal(new DateOnly(2013, 7, 16), registry.Services.GetRequiredService<IOptions<RegistryOptions>>().Value.HearingDate);
    }

    [Theory]
    [InlineData("hld-2013", "3(d)")]
    [InlineData("imrf-2022", "9")]
    [InlineData("hld-2006", "6")]
    public async Task A_refusal_names_the_paragraph_the_definition_in_force_gives_its_rule_in_its_error_info_and_in_its_words(string name, string paragraph)
    {
        await using var sessions = Host<Sessions.Api.Grpc.SessionsGrpcService>(name);
        var client = new SessionsService.SessionsServiceClient(sessions.Channel);
        var appointment = new AppointCoChairRequest { RoundTable = 1, ParticipantId = "ATL", RepresentativeName = "H.E. the representative of Atlantis" };

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.AppointCoChairAsync(appointment, TestTokens.Call(Roles.PgaOffice)).ResponseAsync);

        var status = refused.GetRpcStatus()!;
        var info = status.GetDetail<ErrorInfo>();
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Equal("PARTICIPANT_UNKNOWN", info.Reason);
        Assert.Equal(paragraph, info.Metadata["paragraph"]);
        Assert.Equal("coChairs", info.Metadata["rule"]);
        Assert.EndsWith($"(para {paragraph}).", status.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> ShippedDefinitions => new(DialogueDefinitions.Shipped);

    [Theory]
    [MemberData(nameof(ShippedDefinitions))]
    public async Task Every_host_starts_on_every_shipped_definition_and_the_sessions_service_serves_its_meeting(string name)
    {
        var definition = DialogueDefinitions.Load(name);
        await using var registry = Host<Registry.Api.Grpc.RegistryGrpcService>(name);
        await using var hearings = Host<Hearings.Api.Grpc.HearingsGrpcService>(name);
        await using var reporting = Host<Reporting.Api.Grpc.ReportingGrpcService>(name);
        await using var sessions = Host<Sessions.Api.Grpc.SessionsGrpcService>(name);
        _ = (registry.Server, hearings.Server, reporting.Server);

        var dialogue = (await new SessionsService.SessionsServiceClient(sessions.Channel).GetDialogueAsync(new GetDialogueRequest(), TestTokens.Call(Roles.MemberState, "FRA"))).Dialogue;

        Assert.Equal(definition.Dates.OpensOn, new DateOnly(dialogue.FirstDay.Year, dialogue.FirstDay.Month, dialogue.FirstDay.Day));
        Assert.Equal(definition.Days, dialogue.Days);
        Assert.Equal(definition.Theme.Texts["en"], dialogue.Theme.Texts["en"]);
        Assert.Equal(definition.Id, hearings.Services.GetRequiredService<IOptions<HearingsOptions>>().Value.DialogueId);
    }

    [Fact]
    public async Task The_implementation_report_s_sections_are_the_operative_paragraphs_of_the_definition_in_force_with_its_texts()
    {
        await using var reporting = Host<Reporting.Api.Grpc.ReportingGrpcService>(null);
        var client = new Contracts.Reporting.V1.ReportingService.ReportingServiceClient(reporting.Channel);
        var definition = DialogueDefinitions.Load("hld-2013");

        var report = (await client.GetImplementationReportAsync(new Contracts.Reporting.V1.GetImplementationReportRequest(), TestTokens.Call(Roles.ReportingReader))).Report;

        Assert.Equal([.. Enumerable.Range(1, 19).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))], report.Sections.Select(s => s.Paragraph));
        foreach (var section in report.Sections)
        {
            var paragraph = definition.Paragraphs.Single(p => p.Number == section.Paragraph);
            Assert.Equal(paragraph.Summary.OrderBy(t => t.Key), section.Mandate.Texts.OrderBy(t => t.Key));
            Assert.Equal(6, section.Mandate.Texts.Count);
            Assert.NotEqual(Contracts.Reporting.V1.ImplementationStatus.NotTracked, section.Status);
        }
    }

    [Fact]
    public async Task Another_meeting_s_report_lists_its_paragraphs_each_not_tracked_until_its_rules_are_written()
    {
        await using var reporting = Host<Reporting.Api.Grpc.ReportingGrpcService>("imrf-2022");
        var client = new Contracts.Reporting.V1.ReportingService.ReportingServiceClient(reporting.Channel);
        var definition = DialogueDefinitions.Load("imrf-2022");

        var response = await client.GetImplementationReportAsync(new Contracts.Reporting.V1.GetImplementationReportRequest { Languages = { "en", "fr" } }, TestTokens.Call(Roles.ReportingReader));

        // Its paragraphs without their lettered sub-paragraphs, in the definition's order: 73/326's, then 73/195's.
        Assert.Equal(definition.Paragraphs.Select(p => p.Number).Where(n => !n.Contains('(', StringComparison.Ordinal)), response.Report.Sections.Select(s => s.Paragraph));
        Assert.Contains("73/195 49", response.Report.Sections.Select(s => s.Paragraph));
        Assert.All(response.Report.Sections, s => Assert.Equal(Contracts.Reporting.V1.ImplementationStatus.NotTracked, s.Status));
        Assert.Equal(definition.Paragraphs.Single(p => p.Number == "1").Summary["en"], response.Report.Sections[0].Mandate.Texts["en"]);
        Assert.Contains("not tracked", response.Markdown["en"], StringComparison.Ordinal);
        Assert.Contains("non suivi", response.Markdown["fr"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_definition_stops_the_host_with_the_file_the_place_and_the_problem()
    {
        var path = Written("broken.json", node => node["meetings"]![5]!["day"] = 3);
        using var host = Host<Sessions.Api.Grpc.SessionsGrpcService>(path);

        var error = Assert.ThrowsAny<Exception>(() => host.Server);
        var refused = Assert.IsType<DialogueDefinitionException>(Unwrapped(error));

        Assert.Equal("broken.json", refused.File);
        Assert.Contains(refused.Problems, p => p.Path == "$.meetings[5].day");
        Assert.Contains("broken.json is not a usable dialogue definition", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_definition_name_stops_the_host_and_lists_the_shipped_ones()
    {
        using var host = Host<Registry.Api.Grpc.RegistryGrpcService>("hld-1999");

        var error = Unwrapped(Assert.ThrowsAny<Exception>(() => host.Server));

        var missing = Assert.IsType<FileNotFoundException>(error);
        Assert.Contains("hld-2013", missing.Message, StringComparison.Ordinal);
    }

    private static Exception Unwrapped(Exception error)
    {
        while (error is not DialogueDefinitionException and not FileNotFoundException && error.InnerException is { } inner)
        {
            error = inner;
        }

        return error;
    }
}
