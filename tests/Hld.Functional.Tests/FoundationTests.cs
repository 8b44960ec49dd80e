using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Hearings.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Contracts.Sessions.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>The platform end to end: auth, errors, idempotency, health, and an event crossing services.</summary>
public sealed class FoundationTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private RegistryService.RegistryServiceClient Registry => new(hosts.Registry.Channel);

    private static Participant Ngo(string id, EcosocStatus status = EcosocStatus.Special) => new()
    {
        ParticipantId = id,
        Category = ParticipantCategory.EcosocNgo,
        Name = new LocalizedText { Texts = { ["en"] = $"Organisation {id}" } },
        CountryCode = "KEN",
        RegionalGroup = RegionalGroup.AfricanStates,
        EcosocStatus = status,
    };

    private static Participant State(string code, RegionalGroup group) => new()
    {
        ParticipantId = code,
        Category = ParticipantCategory.MemberState,
        Name = new LocalizedText { Texts = { ["en"] = code } },
        CountryCode = code,
        RegionalGroup = group,
    };

    [Fact]
    public async Task Health_answers_without_a_token_on_every_host()
    {
        foreach (var channel in new[] { hosts.Registry.Channel, hosts.Sessions.Channel, hosts.Hearings.Channel, hosts.Reporting.Channel })
        {
            var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
        }
    }

    [Fact]
    public async Task Liveness_and_readiness_are_separate_health_services()
    {
        var health = new Health.HealthClient(hosts.Registry.Channel);

        var liveness = await health.CheckAsync(new HealthCheckRequest { Service = "liveness" });
        var readiness = await health.CheckAsync(new HealthCheckRequest { Service = string.Empty });
        var unknown = await Assert.ThrowsAsync<RpcException>(() => health.CheckAsync(new HealthCheckRequest { Service = "no-such-service" }).ResponseAsync);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, liveness.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, readiness.Status);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_call_without_a_token_is_unauthenticated_with_its_error_info()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "FRA" }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var info = error.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal(("UNAUTHENTICATED", "hld.services"), (info.Reason, info.Domain));
    }

    [Fact]
    public async Task A_role_the_method_refuses_is_permission_denied_with_its_error_info()
    {
        // Reporting readers read figures; registering a participant is the Secretariat's.
        var error = await Assert.ThrowsAsync<RpcException>(() => Registry.RegisterParticipantAsync(
            new RegisterParticipantRequest { Participant = Ngo("ngo-refused") }, TestTokens.Call(Roles.ReportingReader)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        var info = error.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal(("PERMISSION_DENIED", "hld.services"), (info.Reason, info.Domain));
    }

    [Fact]
    public async Task A_registered_participant_reaches_reporting_sessions_and_hearings_through_events()
    {
        var registered = await Registry.RegisterParticipantAsync(
            new RegisterParticipantRequest { Participant = Ngo("ngo-flow") }, TestTokens.Call(Roles.Secretariat));
        Assert.Equal("1", registered.Participant.Etag);

        var reporting = new ReportingService.ReportingServiceClient(hosts.Reporting.Channel);
        var counts = await Eventually.Until(
            () => reporting.GetParticipationCountsAsync(new GetParticipationCountsRequest(), TestTokens.Call(Roles.ReportingReader)).ResponseAsync,
            c => c.Counts.Any(x => x.Category == ParticipantCategory.EcosocNgo && x.RegionalGroup == RegionalGroup.AfricanStates && x.Count >= 1),
            what: "reporting to count the NGO");
        Assert.True(counts.Total >= 1);

        var sessions = new SessionsService.SessionsServiceClient(hosts.Sessions.Channel);
        await Eventually.Until(
            async () => (await sessions.GetDialogueAsync(new GetDialogueRequest(), TestTokens.Call(Roles.MemberState, "FRA"))).Dialogue.KnownParticipants,
            n => n >= 1, what: "sessions to learn of the participant");
        var hearings = new HearingsService.HearingsServiceClient(hosts.Hearings.Channel);
        await Eventually.Until(
            async () => (await hearings.GetHearingAsync(new GetHearingRequest(), TestTokens.Call(Roles.PgaOffice))).Hearing.KnownOrganizations,
            n => n >= 1, what: "hearings to learn of the organisation");
    }

    [Fact]
    public async Task An_ngo_without_consultative_status_is_refused_naming_para_9_and_nothing_is_stored()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Registry.RegisterParticipantAsync(
            new RegisterParticipantRequest { Participant = Ngo("ngo-no-status", EcosocStatus.None) }, TestTokens.Call(Roles.PgaOffice)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal("ECOSOC_STATUS_REQUIRED", info.Reason);
        Assert.Equal("hld.services", info.Domain);
        Assert.Equal("9", info.Metadata["paragraph"]);
        var lookup = await Assert.ThrowsAsync<RpcException>(() => Registry.GetParticipantAsync(
            new GetParticipantRequest { ParticipantId = "ngo-no-status" }, TestTokens.Call(Roles.PgaOffice)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task Bad_fields_are_invalid_argument_with_each_field_named()
    {
        var bad = new Participant { ParticipantId = "x", CountryCode = "france" };
        var error = await Assert.ThrowsAsync<RpcException>(() => Registry.RegisterParticipantAsync(
            new RegisterParticipantRequest { Participant = bad }, TestTokens.Call(Roles.Secretariat)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var fields = error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToList();
        Assert.Contains("participant.participant_id", fields);
        Assert.Contains("participant.category", fields);
        Assert.Contains("participant.name", fields);
        Assert.Contains("participant.country_code", fields);
    }

    [Fact]
    public async Task A_repeated_request_id_returns_the_first_answer_and_registers_once()
    {
        var call = TestTokens.Call(Roles.Secretariat);
        var first = await Registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = State("MEX", RegionalGroup.LatinAmericanAndCaribbeanStates), RequestId = "req-mex-1" }, call);
        var repeat = await Registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = State("MEX", RegionalGroup.LatinAmericanAndCaribbeanStates), RequestId = "req-mex-1" }, call);

        Assert.Equal(first, repeat);
        var withoutId = await Assert.ThrowsAsync<RpcException>(() => Registry.RegisterParticipantAsync(
            new RegisterParticipantRequest { Participant = State("MEX", RegionalGroup.LatinAmericanAndCaribbeanStates) }, call).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, withoutId.StatusCode);
        var reused = await Assert.ThrowsAsync<RpcException>(() => Registry.RegisterParticipantAsync(
            new RegisterParticipantRequest { Participant = State("PER", RegionalGroup.LatinAmericanAndCaribbeanStates), RequestId = "req-mex-1" }, call).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, reused.StatusCode);
    }

    [Fact]
    public async Task Calls_racing_with_one_request_id_all_get_the_one_answer_and_the_record_commits_with_the_write()
    {
        // Before, the losers of the race got ABORTED "still being processed"; now the record and its
        // answer commit with the participant, so each loser finds the winner's answer.
        var call = TestTokens.Call(Roles.Secretariat);
        var request = new RegisterParticipantRequest { Participant = State("BOL", RegionalGroup.LatinAmericanAndCaribbeanStates), RequestId = "req-bol-race" };
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ => (await Registry.RegisterParticipantAsync(request, call)).Participant));

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal("1", answers[0].Etag);
        var store = hosts.Registry.Services.GetRequiredService<Hld.Platform.State.IAggregateStore>();
        Assert.True(store.CommitsAtomically);
        var participant = await store.GetAsync("registry/participant/BOL");
        Assert.Equal(1, participant!.Version);
    }

    [Fact]
    public async Task A_kept_answer_and_the_consumers_processed_markers_are_kept_for_a_retention_period_not_for_ever()
    {
        var call = TestTokens.Call(Roles.Secretariat);
        await Registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = State("ECU", RegionalGroup.LatinAmericanAndCaribbeanStates), RequestId = "req-ecu-ttl" }, call);
        var redis = hosts.Redis.Connection.GetDatabase();
        var server = hosts.Redis.Connection.GetServer($"127.0.0.1:{hosts.Redis.Port}");

        var requests = server.Keys(pattern: $"{hosts.KeyPrefix}state:platform/requests/*req-ecu-ttl").ToList();
        var record = Assert.Single(requests);
        var ttl = await redis.KeyTimeToLiveAsync(record);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromDays(6), TimeSpan.FromDays(7));

        // A list's ListStatusChanged reaches handlers that keep processed markers (the registry's
        // catalogue, the hearing's eligibility): each marker carries the retention too.
        await Registry.CreateListAsync(new CreateListRequest { ListId = "ttl-markers", Kind = ListKind.OtherIgos, Title = new LocalizedText { Texts = { ["en"] = "Other IGOs" } } }, TestTokens.Call(Roles.PgaOffice));
        var markers = await Eventually.Until(
            () => Task.FromResult(server.Keys(pattern: $"{hosts.KeyPrefix}state:platform/processed/*").Take(50).ToList()),
            keys => keys.Count > 0,
            what: "processed markers");
        foreach (var marker in markers)
        {
            var left = await redis.KeyTimeToLiveAsync(marker);
            Assert.NotNull(left);
            Assert.InRange(left.Value, TimeSpan.FromDays(6), TimeSpan.FromDays(7));
        }
    }

    [Fact]
    public async Task A_refused_call_keeps_no_answer_so_its_request_id_serves_the_corrected_call()
    {
        var call = TestTokens.Call(Roles.Secretariat);
        var wrongGroup = new RegisterParticipantRequest { Participant = State("URY", RegionalGroup.AfricanStates), RequestId = "req-ury-1" };
        var refused = await Assert.ThrowsAsync<RpcException>(() => Registry.RegisterParticipantAsync(wrongGroup, call).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);

        // Had the refusal been kept, another body under the same id would be INVALID_ARGUMENT.
        var corrected = new RegisterParticipantRequest { Participant = State("URY", RegionalGroup.LatinAmericanAndCaribbeanStates), RequestId = "req-ury-1" };
        var registered = await Registry.RegisterParticipantAsync(corrected, call);

        Assert.Equal("URY", registered.Participant.ParticipantId);
        Assert.Equal(registered, await Registry.RegisterParticipantAsync(corrected, call));
    }

    [Fact]
    public async Task A_name_with_a_nul_or_a_bidirectional_override_is_invalid_and_nothing_is_stored()
    {
        var call = TestTokens.Call(Roles.Secretariat);
        foreach (var (id, name) in new[] { ("ngo-nul", "Organisation\0 with a NUL"), ("ngo-rlo", "\u202Enoitasinagro") })
        {
            var participant = Ngo(id);
            participant.Name.Texts["en"] = name;
            var error = await Assert.ThrowsAsync<RpcException>(() => Registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = participant }, call).ResponseAsync);

            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Contains(error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == "participant.name");
            var missing = await Assert.ThrowsAsync<RpcException>(() => Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = id }, call).ResponseAsync);
            Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        }
    }

    [Fact]
    public async Task A_request_that_is_not_protobuf_is_invalid_argument()
    {
        // A length-prefixed gRPC frame whose body is not a valid message: field 1 claims 127 bytes, two follow.
        using var client = hosts.Registry.CreateDefaultClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hld.registry.v1.RegistryService/GetParticipant")
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 4, 0x0A, 0x7F, 0x41, 0x42]),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create(Roles.Secretariat, null));

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        await response.Content.ReadAsByteArrayAsync();
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var trailing) ? trailing.Single()
            : response.Headers.TryGetValues("grpc-status", out var leading) ? leading.Single() : "none";

        Assert.Equal(((int)StatusCode.InvalidArgument).ToString(System.Globalization.CultureInfo.InvariantCulture), status);
    }

    [Fact]
    public async Task An_organisation_registers_and_reads_only_itself()
    {
        // Registered under the name the ECOSOC list gives it, which is where its status comes from (para 9).
        var asNgo = TestTokens.Call(Roles.Stakeholder, "ngo-self");
        var self = Ngo("ngo-self", EcosocStatus.Unspecified);
        self.Name.Texts["en"] = "BirdLife International";
        await Registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = self }, asNgo);

        var other = await Assert.ThrowsAsync<RpcException>(() => Registry.RegisterParticipantAsync(
            new RegisterParticipantRequest { Participant = Ngo("ngo-someone-else") }, asNgo).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        var readExisting = await Assert.ThrowsAsync<RpcException>(() => Registry.GetParticipantAsync(
            new GetParticipantRequest { ParticipantId = "MEX" }, asNgo).ResponseAsync);
        var readMissing = await Assert.ThrowsAsync<RpcException>(() => Registry.GetParticipantAsync(
            new GetParticipantRequest { ParticipantId = "nobody-here" }, asNgo).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, readExisting.StatusCode);
        Assert.Equal(readExisting.Status.Detail, readMissing.Status.Detail);
        Assert.Equal("ngo-self", (await Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "ngo-self" }, asNgo)).Participant.ParticipantId);
    }

    [Fact]
    public async Task A_request_over_the_size_limit_is_resource_exhausted_and_stores_nothing()
    {
        var huge = Ngo("ngo-huge");
        huge.Name.Texts["fr"] = new string('x', 2 * 1024 * 1024);
        var error = await Assert.ThrowsAsync<RpcException>(() => Registry.RegisterParticipantAsync(
            new RegisterParticipantRequest { Participant = huge }, TestTokens.Call(Roles.Secretariat)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        var lookup = await Assert.ThrowsAsync<RpcException>(() => Registry.GetParticipantAsync(
            new GetParticipantRequest { ParticipantId = "ngo-huge" }, TestTokens.Call(Roles.Secretariat)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task The_manual_clock_moves_only_for_the_operator_and_only_forward()
    {
        var clock = new ClockService.ClockServiceClient(hosts.Registry.Channel);
        var before = (await clock.GetClockAsync(new GetClockRequest(), TestTokens.Call(Roles.Operator))).Now.ToDateTimeOffset();

        var denied = await Assert.ThrowsAsync<RpcException>(() => clock.AdvanceClockAsync(
            new AdvanceClockRequest { By = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromDays(1)) }, TestTokens.Call(Roles.PgaOffice)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var moved = await clock.AdvanceClockAsync(new AdvanceClockRequest { By = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromDays(1)) }, TestTokens.Call(Roles.Operator));
        Assert.Equal(before.AddDays(1), moved.Now.ToDateTimeOffset());
        var backwards = await Assert.ThrowsAsync<RpcException>(() => clock.AdvanceClockAsync(
            new AdvanceClockRequest { To = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(before) }, TestTokens.Call(Roles.Operator)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, backwards.StatusCode);
    }
}
