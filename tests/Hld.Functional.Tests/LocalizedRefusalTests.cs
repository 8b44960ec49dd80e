using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Hld.Contracts.Hearings.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Errors;
using Hld.Platform.Rest;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>
/// Refusals in the caller's language (issue 13, AIP-193, docs/decisions/017): a google.rpc.LocalizedMessage
/// in the language its accept-language asks for, gRPC metadata or REST header alike, English when it asks
/// for none of the six; the status message stays English and the ErrorInfo stays what it was.
/// </summary>
public sealed class LocalizedRefusalTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private static readonly JsonParser Json = new(JsonParser.Settings.Default.WithTypeRegistry(JsonStatusResults.ErrorDetails).WithIgnoreUnknownFields(false));

    private static CallOptions Call(string role, string? participantId, string? acceptLanguage)
    {
        var headers = TestTokens.As(role, participantId);
        if (acceptLanguage is not null)
        {
            headers.Add(CallerLanguage.Header, acceptLanguage);
        }

        return new(headers: headers);
    }

    /// <summary>The refusal of one call, asked for in a language and asked for with no header at all.</summary>
    private static async Task<(Google.Rpc.Status Asked, Google.Rpc.Status Plain)> RefusedBothWaysAsync(Func<string?, Task> call, StatusCode code)
    {
        var asked = await Assert.ThrowsAsync<RpcException>(() => call("asked"));
        var plain = await Assert.ThrowsAsync<RpcException>(() => call(null));
        Assert.Equal((code, code), (asked.StatusCode, plain.StatusCode));
        return (asked.GetRpcStatus()!, plain.GetRpcStatus()!);
    }

    private static LocalizedMessage Localized(Google.Rpc.Status status) =>
        Assert.Single(status.Details, d => d.Is(LocalizedMessage.Descriptor)).Unpack<LocalizedMessage>();

    /// <summary>The same ErrorInfo (reason, domain, metadata) and the same English message, asked in a language or not.</summary>
    private static void SameButWorded(Google.Rpc.Status asked, Google.Rpc.Status plain)
    {
        Assert.Equal(plain.GetDetail<ErrorInfo>(), asked.GetDetail<ErrorInfo>());
        Assert.Equal(plain.Message, asked.Message);
        Assert.Equal(("en", plain.Message), (Localized(plain).Locale, Localized(plain).Message));
    }

    [Theory]
    [InlineData("fr-CH, en;q=0.5", "fr", "« ngo-not-listed » ne figure ni sur la liste finale")]
    [InlineData("ar-EG", "ar", "\"ngo-not-listed\" ليست مدرجة في القائمة النهائية")]
    public async Task A_rule_refusal_asked_for_in_a_language_carries_its_localized_message_and_the_same_error_info_para11(string header, string locale, string expected)
    {
        var hearings = new HearingsService.HearingsServiceClient(hosts.Hearings.Channel);

        var (asked, plain) = await RefusedBothWaysAsync(
            language => hearings.RegisterForHearingAsync(new RegisterForHearingRequest { ParticipantId = "ngo-not-listed", Representatives = { "X" } },
                Call(Roles.Stakeholder, "ngo-not-listed", language is null ? null : header)).ResponseAsync,
            StatusCode.FailedPrecondition);

        SameButWorded(asked, plain);
        Assert.Equal(("NOT_ON_FINAL_LIST", "11"), (asked.GetDetail<ErrorInfo>().Reason, asked.GetDetail<ErrorInfo>().Metadata["paragraph"]));
        Assert.Equal(locale, Localized(asked).Locale);
        Assert.StartsWith(expected, Localized(asked).Message, StringComparison.Ordinal);
        Assert.StartsWith("'ngo-not-listed' is not on the final list", plain.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es-419", "es", "Ninguna organización con ese nombre figura como entidad consultiva del ECOSOC en la lista de la Subdivisión de ONG (ecosoc-consultative-status.csv ")]
    [InlineData("zh-CN, en;q=0.8", "zh", "非政府组织处的名单（ecosoc-consultative-status.csv ")]
    [InlineData("ru", "ru", "Организации с таким названием нет среди имеющих консультативный статус при ЭКОСОС в списке Секции по НПО (ecosoc-consultative-status.csv ")]
    public async Task A_registry_rule_refusal_reads_in_the_language_asked_with_the_same_error_info_para9(string header, string locale, string expected)
    {
        var registry = new RegistryService.RegistryServiceClient(hosts.Registry.Channel);
        var ngo = new Participant
        {
            ParticipantId = "ngo-no-status-" + locale,
            Category = Hld.Contracts.Common.V1.ParticipantCategory.EcosocNgo,
            Name = new Hld.Contracts.Common.V1.LocalizedText { Texts = { ["en"] = "Organisation without status" } },
            CountryCode = "KEN",
            RegionalGroup = Hld.Contracts.Common.V1.RegionalGroup.AfricanStates,
            EcosocStatus = Hld.Contracts.Common.V1.EcosocStatus.None,
        };

        var (asked, plain) = await RefusedBothWaysAsync(
            language => registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = ngo }, Call(Roles.PgaOffice, null, language is null ? null : header)).ResponseAsync,
            StatusCode.FailedPrecondition);

        SameButWorded(asked, plain);
        Assert.Equal(("ECOSOC_STATUS_REQUIRED", "9"), (asked.GetDetail<ErrorInfo>().Reason, asked.GetDetail<ErrorInfo>().Metadata["paragraph"]));
        Assert.Equal(locale, Localized(asked).Locale);
        Assert.StartsWith(expected, Localized(asked).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_not_found_asked_for_in_French_carries_a_French_localized_message_and_the_same_error_info()
    {
        var registry = new RegistryService.RegistryServiceClient(hosts.Registry.Channel);

        var (asked, plain) = await RefusedBothWaysAsync(
            language => registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "ngo-nowhere" }, Call(Roles.Secretariat, null, language is null ? null : "fr-CH, en;q=0.5")).ResponseAsync,
            StatusCode.NotFound);

        SameButWorded(asked, plain);
        Assert.Equal(plain.GetDetail<ResourceInfo>(), asked.GetDetail<ResourceInfo>());
        Assert.Equal(("fr", "Aucun objet de type hld.registry.v1.Participant ne porte le nom « ngo-nowhere »."), (Localized(asked).Locale, Localized(asked).Message));
    }

    [Fact]
    public async Task The_role_gate_refuses_in_the_callers_language_before_any_handler_runs()
    {
        var reporting = new ReportingService.ReportingServiceClient(hosts.Reporting.Channel);

        var (asked, plain) = await RefusedBothWaysAsync(
            language => reporting.GetAggregatesAsync(new GetAggregatesRequest(), Call(Roles.Stakeholder, "ngo-x", language is null ? null : "ar-EG")).ResponseAsync,
            StatusCode.PermissionDenied);

        SameButWorded(asked, plain);
        Assert.Equal("ar", Localized(asked).Locale);
        Assert.Matches(@"^[\p{IsArabic}\s\.]+$", Localized(asked).Message);
    }

    [Fact]
    public async Task A_caller_that_asks_for_no_official_language_reads_English()
    {
        var registry = new RegistryService.RegistryServiceClient(hosts.Registry.Channel);

        var (asked, plain) = await RefusedBothWaysAsync(
            language => registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "ngo-nowhere" }, Call(Roles.Secretariat, null, language is null ? null : "de-DE, ja;q=0.8, *;q=0.1")).ResponseAsync,
            StatusCode.NotFound);

        SameButWorded(asked, plain);
        Assert.Equal(Localized(plain), Localized(asked));
    }

    [Theory]
    [InlineData("/v1/participants/ngo-nowhere", "secretariat", HttpStatusCode.NotFound, "fr", "Aucun objet de type hld.registry.v1.Participant ne porte le nom « ngo-nowhere ».")]
    [InlineData("/v1/participants/ngo-nowhere", null, HttpStatusCode.Unauthorized, "ru", "Для этого метода требуется действительный токен носителя (bearer token).")]
    [InlineData("/v1/participants/ngo-nowhere", "stakeholder", HttpStatusCode.Forbidden, "es", "El llamante no está autorizado a realizar esta operación.")]
    public async Task A_rest_refusal_carries_the_localized_message_of_its_accept_language_header(string path, string? role, HttpStatusCode http, string language, string expected)
    {
        using var client = hosts.Registry.CreateClient();

        var asked = await RestStatusAsync(client, path, role, $"{language}-XX, en;q=0.1", http);
        var plain = await RestStatusAsync(client, path, role, null, http);

        SameButWorded(asked, plain);
        Assert.Equal((language, expected), (Localized(asked).Locale, Localized(asked).Message));
    }

    private static async Task<Google.Rpc.Status> RestStatusAsync(HttpClient client, string path, string? role, string? acceptLanguage, HttpStatusCode expected, HttpContent? body = null)
    {
        using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, path) { Content = body };
        if (role is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DevelopmentTokens.Create(role, role == Roles.Stakeholder ? "ngo-x" : null));
        }

        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        return Json.Parse<Google.Rpc.Status>(await response.Content.ReadAsStringAsync());
    }
}
