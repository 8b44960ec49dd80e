using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Microsoft.OpenApi.Readers;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>
/// REST for reporting teams (issue 16, docs/decisions/014): the read RPCs over JSON transcoding answer
/// what the gRPC call answers, under the same token and policy, and refuse with the JSON google.rpc.Status.
/// </summary>
public sealed class RestTranscodingTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private static readonly JsonParser Json = new(JsonParser.Settings.Default
        .WithTypeRegistry(TypeRegistry.FromMessages(ErrorInfo.Descriptor, ResourceInfo.Descriptor, BadRequest.Descriptor, RetryInfo.Descriptor, LocalizedMessage.Descriptor))
        .WithIgnoreUnknownFields(false));

    private ReportingService.ReportingServiceClient Reporting => new(hosts.Reporting.Channel);

    private RegistryService.RegistryServiceClient Registry => new(hosts.Registry.Channel);

    private static CallOptions Reader => TestTokens.Call(Roles.ReportingReader);

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? role, string? participantId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create(role, participantId));
        }

        return await client.SendAsync(request);
    }

    private static async Task<Google.Rpc.Status> StatusOf(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return Json.Parse<Google.Rpc.Status>(await response.Content.ReadAsStringAsync());
    }

    private Task RegisterStateAsync(string code, RegionalGroup group) => RegistryTestKit.RegisterAsync(Registry, RegistryTestKit.MemberState(code, group));

    [Fact]
    public async Task Rest_get_of_the_aggregates_returns_the_figures_of_the_grpc_call_under_the_same_token()
    {
        await RegisterStateAsync("ISL", RegionalGroup.WesternEuropeanAndOtherStates);
        var grpc = await Eventually.Until(
            async () => await Reporting.GetAggregatesAsync(new GetAggregatesRequest(), Reader),
            a => a.Aggregates.Participation.Any(c => c.Category == ParticipantCategory.MemberState && c.Count >= 1), what: "reporting to count the State");

        using var client = hosts.Reporting.CreateClient();
        using var response = await GetAsync(client, "/v1/aggregates", Roles.ReportingReader);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rest = Json.Parse<GetAggregatesResponse>(await response.Content.ReadAsStringAsync());

        Assert.Equal(grpc, rest);
        using var counts = await GetAsync(client, "/v1/participationCounts", Roles.ReportingReader);
        Assert.Equal(
            (await Reporting.GetParticipationCountsAsync(new GetParticipationCountsRequest(), Reader)).ToString(),
            Json.Parse<GetParticipationCountsResponse>(await counts.Content.ReadAsStringAsync()).ToString());
    }

    [Fact]
    public async Task Rest_without_a_token_is_401_and_with_a_role_the_policy_refuses_is_403_both_json_status_with_error_info()
    {
        using var client = hosts.Reporting.CreateClient();

        using var anonymous = await GetAsync(client, "/v1/aggregates", role: null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var unauthenticated = await StatusOf(anonymous);
        Assert.Equal((int)Code.Unauthenticated, unauthenticated.Code);
        Assert.Equal("UNAUTHENTICATED", unauthenticated.Details.Single(d => d.Is(ErrorInfo.Descriptor)).Unpack<ErrorInfo>().Reason);

        using var stakeholder = await GetAsync(client, "/v1/aggregates", Roles.Stakeholder, "ngo-x");
        Assert.Equal(HttpStatusCode.Forbidden, stakeholder.StatusCode);
        var denied = await StatusOf(stakeholder);
        Assert.Equal((int)Code.PermissionDenied, denied.Code);
        Assert.Equal("PERMISSION_DENIED", denied.Details.Single(d => d.Is(ErrorInfo.Descriptor)).Unpack<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task Rest_get_of_a_missing_participant_is_404_json_status_with_resource_info_and_error_info()
    {
        using var client = hosts.Registry.CreateClient();

        using var response = await GetAsync(client, "/v1/participants/ngo-nowhere", Roles.Secretariat);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var status = await StatusOf(response);
        Assert.Equal((int)Code.NotFound, status.Code);
        Assert.Equal("NOT_FOUND", status.Details.Single(d => d.Is(ErrorInfo.Descriptor)).Unpack<ErrorInfo>().Reason);
        Assert.Contains("ngo-nowhere", status.Details.Single(d => d.Is(ResourceInfo.Descriptor)).Unpack<ResourceInfo>().ResourceName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rest_get_of_a_participant_answers_its_registration()
    {
        await RegisterStateAsync("LIE", RegionalGroup.WesternEuropeanAndOtherStates);
        using var client = hosts.Registry.CreateClient();

        using var response = await GetAsync(client, "/v1/participants/LIE", Roles.Secretariat);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rest = Json.Parse<GetParticipantResponse>(await response.Content.ReadAsStringAsync());
        Assert.Equal((await Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "LIE" }, TestTokens.Call(Roles.Secretariat))).Participant, rest.Participant);
    }

    [Theory]
    [InlineData("reporting", "/v1/aggregates", "/v1/exports/{table}")]
    [InlineData("registry", "/v1/participants/{participantId}", "/v1/lists/{listId}/entries")]
    public async Task The_openapi_document_parses_without_errors_and_lists_the_annotated_paths(string host, string path, string another)
    {
        using var client = host == "registry" ? hosts.Registry.CreateClient() : hosts.Reporting.CreateClient();

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new OpenApiStringReader().Read(await response.Content.ReadAsStringAsync(), out var diagnostic);

        Assert.Empty(diagnostic.Errors);
        Assert.Contains(path, document.Paths.Keys);
        Assert.Contains(another, document.Paths.Keys);
        // The proto comments are the descriptions partners read.
        Assert.False(string.IsNullOrWhiteSpace(document.Paths[path].Operations.Values.Single().Summary), $"{path} has no summary from its proto comment");
    }

    [Fact]
    public async Task A_csv_cell_that_starts_like_a_formula_is_escaped_with_a_quote_and_the_export_answers_over_rest()
    {
        await RegisterStateAsync("BHR", RegionalGroup.AsiaPacificStates);
        var contribution = new Contribution
        {
            ContributionId = "p17-BHR",
            Paragraph = "17",
            ContributorId = "BHR",
            ContributorKind = ContributorKind.MemberState,
            Title = new LocalizedText { Texts = { ["en"] = "Input" } },
            DueAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2013, 8, 31, 0, 0, 0, TimeSpan.Zero)),
            Channel = ContributionChannel.RegionalConsultativeProcess,
            ChannelName = "=HYPERLINK(\"http://attacker.invalid\",\"Abu Dhabi Dialogue\")",
        };
        await ReportingTestKit.OnceContributorKnownAsync(
            async () => (await Reporting.RecordContributionAsync(new RecordContributionRequest { Contribution = contribution }, TestTokens.Call(Roles.Secretariat))).Contribution,
            "reporting to learn of Bahrain");

        var csv = (await Reporting.ExportCsvAsync(new ExportCsvRequest { Table = CsvTable.Contributions }, Reader)).Csv;
        var row = csv.Split('\n').Single(l => l.StartsWith("p17-BHR,", StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://attacker.invalid\"\",\"\"Abu Dhabi Dialogue\"\")\",", row, StringComparison.Ordinal);
        Assert.StartsWith("contribution_id,paragraph,contributor_id,kind,channel,channel_name,due_at,received_at\n", csv, StringComparison.Ordinal);

        using var client = hosts.Reporting.CreateClient();
        using var response = await GetAsync(client, "/v1/exports/CSV_TABLE_CONTRIBUTIONS", Roles.ReportingReader);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(csv, Json.Parse<ExportCsvResponse>(await response.Content.ReadAsStringAsync()).Csv);
    }
}
