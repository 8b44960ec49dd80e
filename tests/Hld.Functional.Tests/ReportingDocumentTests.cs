using Google.Rpc;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Security;
using Hld.Testing;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>Para 1 over gRPC: the documents the Dialogue refers to are read back and listed, not only recorded (issue 15, point 8).</summary>
public sealed class ReportingDocumentTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private ReportingService.ReportingServiceClient Reporting => new(hosts.Reporting.Channel);

    private static Document Document(string symbol, string paragraph, CalendarDate? issuedOn = null) => new()
    {
        Symbol = symbol,
        Paragraph = paragraph,
        Languages = { "en", "zh" },
        Title = new LocalizedText { Texts = { ["en"] = $"Document {symbol}", ["zh"] = $"文件 {symbol}" } },
        IssuedOn = issuedOn,
    };

    [Fact]
    public async Task A_recorded_document_is_read_with_its_symbol_title_languages_and_date_para1()
    {
        var issued = new CalendarDate { Year = 2012, Month = 8, Day = 3 };
        await Reporting.RecordDocumentAsync(new RecordDocumentRequest { Document = Document("A/67/254", "1", issued) }, TestTokens.Call(Roles.Secretariat));

        var read = (await Reporting.GetDocumentAsync(new GetDocumentRequest { Symbol = "A/67/254" }, TestTokens.Call(Roles.MemberState, "FRA"))).Document;

        Assert.Equal("A/67/254", read.Symbol);
        Assert.Equal("文件 A/67/254", read.Title.Texts["zh"]);
        Assert.Equal(["en", "zh"], read.Languages);
        Assert.Equal(issued, read.IssuedOn);
        Assert.NotNull(read.RecordedAt);
        var missing = await Assert.ThrowsAsync<RpcException>(() => Reporting.GetDocumentAsync(new GetDocumentRequest { Symbol = "A/67/999" }, TestTokens.Call(Roles.Observer, "VAT")).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Documents_are_listed_by_symbol_in_pages_and_by_paragraph_para1()
    {
        foreach (var (symbol, paragraph) in new[] { ("A/68/L.1", "1"), ("A/68/L.2", "19"), ("A/68/L.3", "1") })
        {
            await Reporting.RecordDocumentAsync(new RecordDocumentRequest { Document = Document(symbol, paragraph), RequestId = $"doc-{symbol}" }, TestTokens.Call(Roles.Secretariat));
        }

        var reader = TestTokens.Call(Roles.ReportingReader);
        var seen = new List<string>();
        var token = string.Empty;
        do
        {
            var page = await Reporting.ListDocumentsAsync(new ListDocumentsRequest { PageSize = 1, PageToken = token }, reader);
            Assert.True(page.Documents.Count <= 1);
            seen.AddRange(page.Documents.Select(d => d.Symbol));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Superset(new HashSet<string> { "A/68/L.1", "A/68/L.2", "A/68/L.3" }, seen.ToHashSet());
        var para19 = await Reporting.ListDocumentsAsync(new ListDocumentsRequest { Paragraph = "19" }, reader);
        Assert.All(para19.Documents, d => Assert.Equal("19", d.Paragraph));
        Assert.Contains(para19.Documents, d => d.Symbol == "A/68/L.2");
        var bad = await Assert.ThrowsAsync<RpcException>(() => Reporting.ListDocumentsAsync(new ListDocumentsRequest { PageToken = "%%" }, reader).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }

    [Fact]
    public async Task A_document_dated_after_the_day_it_is_recorded_is_refused_naming_its_paragraph_para1()
    {
        var now = hosts.Reporting.Clock.GetUtcNow();
        var future = new CalendarDate { Year = now.Year + 1, Month = 1, Day = 15 };

        var refused = await Assert.ThrowsAsync<RpcException>(() => Reporting.RecordDocumentAsync(new RecordDocumentRequest { Document = Document("A/69/L.9", "19", future) }, TestTokens.Call(Roles.Secretariat)).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        var info = refused.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal("DOCUMENT_DATE_IN_FUTURE", info.Reason);
        Assert.Equal("19", info.Metadata["paragraph"]);
    }
}
