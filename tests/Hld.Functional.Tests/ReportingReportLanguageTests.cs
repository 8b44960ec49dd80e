using Google.Rpc;
using Grpc.Core;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>Para 19 over gRPC in the six official languages (issue 13): the request names them, and the data carries all six.</summary>
public sealed class ReportingReportLanguageTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private static readonly string[] Six = ["ar", "zh", "en", "fr", "ru", "es"];

    private ReportingService.ReportingServiceClient Reporting => new(hosts.Reporting.Channel);

    private static CallOptions Reader => TestTokens.Call(Roles.ReportingReader);

    [Fact]
    public async Task Asked_for_no_language_the_report_comes_in_all_six_and_its_mandates_carry_all_six_para19()
    {
        var response = await Reporting.GetImplementationReportAsync(new GetImplementationReportRequest(), Reader);

        Assert.Equal(Six.Order(), response.Markdown.Keys.Order());
        Assert.StartsWith("<div dir=\"rtl\" lang=\"ar\">", response.Markdown["ar"], StringComparison.Ordinal);
        Assert.Contains("# Доклад Генерального секретаря", response.Markdown["ru"], StringComparison.Ordinal);
        Assert.Contains("Paragraphe 2", response.Markdown["fr"], StringComparison.Ordinal);
        Assert.All(response.Report.Sections, s => Assert.Equal(Six.Order(), s.Mandate.Texts.Keys.Order()));
        Assert.Contains("3 et 4 octobre 2013", response.Report.Sections.Single(s => s.Paragraph == "2").Mandate.Texts["fr"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asked_for_some_languages_the_report_comes_in_those_only_para19()
    {
        var response = await Reporting.GetImplementationReportAsync(new GetImplementationReportRequest { Languages = { "fr", "es" } }, Reader);

        Assert.Equal(["es", "fr"], response.Markdown.Keys.Order());
        Assert.Contains("Informe del Secretario General", response.Markdown["es"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("zh-Hans")]
    [InlineData("")]
    public async Task A_language_that_is_not_one_of_the_six_is_refused_naming_the_field(string tag)
    {
        var refused = await Assert.ThrowsAsync<RpcException>(() => Reporting.GetImplementationReportAsync(new GetImplementationReportRequest { Languages = { "en", tag } }, Reader).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        var violation = Assert.Single(refused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal("languages", violation.Field);
        Assert.Contains("ar, zh, en, fr, ru or es", violation.Description, StringComparison.Ordinal);
    }
}
