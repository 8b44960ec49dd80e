using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Hld.Contracts.Hearings.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>
/// AIP-193 details on refusals other than rules, through the real hosts: NOT_FOUND names the resource
/// (ResourceInfo) beside its ErrorInfo, in every service; INVALID_ARGUMENT lists the fields (BadRequest)
/// beside its ErrorInfo. UNAVAILABLE's RetryInfo is checked where a store outage can be made
/// (DaprErrorMappingTests), and the role gate's refusals in AuthorizationMatrixTests.
/// </summary>
public sealed class ErrorDetailsTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private static CallOptions Secretariat => TestTokens.Call(Roles.Secretariat);

    public static TheoryData<string> Missing() => ["participant", "list", "document", "hearing-participant"];

    [Theory]
    [MemberData(nameof(Missing))]
    public async Task Not_found_names_the_resource_it_looked_for(string what)
    {
        var registry = new RegistryService.RegistryServiceClient(hosts.Registry.Channel);
        var (call, type, name) = what switch
        {
            "participant" => (registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "ngo-nowhere" }, Secretariat).ResponseAsync as Task, "hld.registry.v1.Participant", "ngo-nowhere"),
            "list" => (registry.GetListAsync(new GetListRequest { ListId = "no-such-list" }, Secretariat).ResponseAsync, "hld.registry.v1.ParticipantList", "no-such-list"),
            "document" => (new ReportingService.ReportingServiceClient(hosts.Reporting.Channel).GetDocumentAsync(new GetDocumentRequest { Symbol = "A/67/999" }, Secretariat).ResponseAsync, "hld.reporting.v1.Document", "A/67/999"),
            _ => (new HearingsService.HearingsServiceClient(hosts.Hearings.Channel).GetHearingParticipantAsync(new GetHearingParticipantRequest { ParticipantId = "ngo-nowhere" }, Secretariat).ResponseAsync, "hld.hearings.v1.HearingParticipant", "ngo-nowhere"),
        };

        var refused = await Assert.ThrowsAsync<RpcException>(() => call);

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        var details = refused.GetRpcStatus()!.Details;
        var resource = Detail<ResourceInfo>(details);
        Assert.Equal((type, name), (resource.ResourceType, resource.ResourceName));
        Assert.Equal(refused.Status.Detail, resource.Description);
        Assert.Equal(("NOT_FOUND", "hld.services"), (Detail<ErrorInfo>(details).Reason, Detail<ErrorInfo>(details).Domain));
    }

    [Fact]
    public async Task Invalid_input_lists_its_fields_beside_an_error_info()
    {
        var registry = new RegistryService.RegistryServiceClient(hosts.Registry.Channel);

        var refused = await Assert.ThrowsAsync<RpcException>(() => registry.RegisterParticipantAsync(
            new RegisterParticipantRequest { Participant = new Participant { ParticipantId = "bad id!", CountryCode = "france" } }, Secretariat).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var details = refused.GetRpcStatus()!.Details;
        var fields = Detail<BadRequest>(details).FieldViolations.Select(v => v.Field).ToList();
        Assert.Contains("participant.participant_id", fields);
        Assert.Contains("participant.country_code", fields);
        var info = Detail<ErrorInfo>(details);
        Assert.Equal("INVALID_ARGUMENT", info.Reason);
        Assert.Equal(fields.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), info.Metadata["fields"]);
    }

    private static T Detail<T>(IEnumerable<Google.Protobuf.WellKnownTypes.Any> details)
        where T : IMessage<T>, new() =>
        Assert.Single(details, d => d.Is(new T().Descriptor)).Unpack<T>();
}
