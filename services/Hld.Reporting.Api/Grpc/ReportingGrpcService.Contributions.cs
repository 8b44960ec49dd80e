using Grpc.Core;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Domain;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Reporting.Contributions;
using Microsoft.AspNetCore.Authorization;

namespace Hld.Reporting.Api.Grpc;

/// <summary>Paras 1 and 15-18: what the Secretariat records, and what contributors see of it.</summary>
public sealed partial class ReportingGrpcService
{
    private const string RegisterKey = "reporting/contribution-register";

    [Authorize(Roles = Roles.Secretariat)]
    public override async Task<RecordDocumentResponse> RecordDocument(RecordDocumentRequest request, ServerCallContext context)
    {
        var document = ContributionMapping.ToDomain(request.Document, reference.Paragraphs);
        var now = clock.GetUtcNow();
        var register = await ChangeRegisterAsync(r => ContributionRules.RecordDocument(r, document, now),
            _ => [new DocumentRecorded { Symbol = document.Symbol, Paragraph = document.Paragraph, Languages = { document.Languages } }], context);
        return new RecordDocumentResponse { Document = ContributionMapping.ToContract(register.Documents[document.Symbol]) };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<GetDocumentResponse> GetDocument(GetDocumentRequest request, ServerCallContext context)
    {
        new FieldChecks().Require(ContributionMapping.IsSymbol(request.Symbol), "symbol", "must be a UN document symbol such as A/67/254").ThrowIfAny();
        var register = await LoadRegisterAsync(context);
        return new GetDocumentResponse
        {
            Document = ContributionMapping.ToContract(register.Documents.GetValueOrDefault(request.Symbol)
                ?? throw new NotFoundException($"No document {request.Symbol} is recorded.", "hld.reporting.v1.Document", request.Symbol)),
        };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<ListDocumentsResponse> ListDocuments(ListDocumentsRequest request, ServerCallContext context)
    {
        var scope = $"documents/{request.Paragraph}";
        var checks = new FieldChecks()
            .Require(request.Paragraph.Length == 0 || reference.Paragraphs.Contains(request.Paragraph), "paragraph", "must be empty or " + ContributionMapping.ParagraphRule);
        var size = checks.Size(request.PageSize, maximum: 500);
        var after = checks.After(request.PageToken, scope);
        checks.ThrowIfAny();
        var page = ContributionRules.ListDocuments(await LoadRegisterAsync(context), request.Paragraph, after, size);
        var response = new ListDocumentsResponse { NextPageToken = NextToken(scope, page.NextAfter) };
        response.Documents.AddRange(page.Items.Select(ContributionMapping.ToContract));
        return response;
    }

    [Authorize(Roles = Roles.Secretariat)]
    public override async Task<RecordContributionResponse> RecordContribution(RecordContributionRequest request, ServerCallContext context)
    {
        var candidate = ContributionMapping.ToDomain(request.Contribution, reference.Owed.Paragraphs);
        var contributor = await KnownContributorAsync(candidate.ContributorId, context);
        var register = await ChangeRegisterAsync(
            r => ContributionRules.Record(r, candidate, reference.RegionalCommissions, contributor, reference.Owed),
            r => [ContributionMapping.ToEvent(r.Contributions[candidate.Id])],
            context);
        return new RecordContributionResponse { Contribution = ContributionMapping.ToContract(register.Contributions[candidate.Id]) };
    }

    [Authorize(Roles = Roles.MemberState)]
    public override async Task<SubmitContributionResponse> SubmitContribution(SubmitContributionRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var candidate = ContributionMapping.ToSubmission(request.Contribution, now, reference.Owed.Paragraphs);
        Caller.From(context).EnsureActsFor(candidate.ContributorId);
        var contributor = await KnownContributorAsync(candidate.ContributorId, context);
        var register = await ChangeRegisterAsync(
            r => ContributionRules.Submit(r, candidate, contributor, now, reference.Owed),
            r => [ContributionMapping.ToEvent(r.Contributions[candidate.Id])],
            context);
        return new SubmitContributionResponse { Contribution = ContributionMapping.ToContract(register.Contributions[candidate.Id]) };
    }

    [Authorize(Roles = Roles.Secretariat)]
    public override async Task<ReceiveContributionResponse> ReceiveContribution(ReceiveContributionRequest request, ServerCallContext context)
    {
        new FieldChecks().RequireText(request.ContributionId, "contribution_id", 64).ThrowIfAny();
        var expected = Platform.State.AggregateRepository.ParseEtag(request.Etag);
        var now = clock.GetUtcNow();
        var register = await ChangeRegisterAsync(
            r => r.Contributions.TryGetValue(request.ContributionId, out var c) && c.Version != expected
                ? throw new ConcurrencyConflictException()
                : ContributionRules.Receive(r, request.ContributionId, expected, now),
            r => [ContributionMapping.ToEvent(r.Contributions[request.ContributionId])],
            context);
        return new ReceiveContributionResponse { Contribution = ContributionMapping.ToContract(register.Contributions[request.ContributionId]) };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<ListContributionsResponse> ListContributions(ListContributionsRequest request, ServerCallContext context)
    {
        var scope = $"contributions/{request.Paragraph}";
        var checks = new FieldChecks()
            .Require(request.Paragraph.Length == 0 || reference.Owed.Paragraphs.Contains(request.Paragraph), "paragraph", "must be empty, or " + ContributionMapping.OwedRule(reference.Owed.Paragraphs)["must be ".Length..]);
        var size = checks.Size(request.PageSize, maximum: 500);
        var after = checks.After(request.PageToken, scope);
        checks.ThrowIfAny();
        var caller = Caller.From(context);
        var seesAll = caller.Is(Roles.Secretariat) || caller.Is(Roles.ReportingReader) || caller.Is(Roles.PgaOffice);
        var register = await LoadRegisterAsync(context);
        var page = KeyOrder.After(
            register.Contributions.Values
                .Where(c => seesAll || caller.ActsFor(c.ContributorId))
                .Where(c => request.Paragraph.Length == 0 || c.Paragraph == request.Paragraph),
            c => c.Id, after, size);
        var response = new ListContributionsResponse { NextPageToken = NextToken(scope, page.NextAfter) };
        response.Contributions.AddRange(page.Items.Select(ContributionMapping.ToContract));
        return response;
    }

    [Authorize(Roles = Roles.Secretariat)]
    public override async Task<AssembleOverviewResponse> AssembleOverview(AssembleOverviewRequest request, ServerCallContext context)
    {
        var (symbol, title, summary) = ContributionMapping.ToDomain(request.Overview);
        var now = clock.GetUtcNow();
        var register = await ChangeRegisterAsync(
            r => ContributionRules.AssembleOverview(r, symbol, title, summary, now, reference.Owed),
            r => [
                new OverviewAssembled { Symbol = symbol, InputContributionIds = { r.Overview!.Inputs }, AssembledAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(now) },
                new DocumentRecorded { Symbol = symbol, Paragraph = r.Documents[symbol].Paragraph, Languages = { r.Documents[symbol].Languages } },
            ],
            context);
        return new AssembleOverviewResponse { Overview = ContributionMapping.ToContract(register.Overview!) };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<GetOverviewResponse> GetOverview(GetOverviewRequest request, ServerCallContext context) => new()
    {
        Overview = ContributionMapping.ToContract((await LoadRegisterAsync(context)).Overview
            ?? throw new NotFoundException("The comprehensive overview has not been assembled yet.", "hld.reporting.v1.Overview", "overview")),
    };

    [Authorize(Roles = Roles.Secretariat)]
    public override async Task<RecordAgendaItemResponse> RecordAgendaItem(RecordAgendaItemRequest request, ServerCallContext context)
    {
        var item = ContributionMapping.ToDomain(request.AgendaItem);
        await ChangeRegisterAsync(r => ContributionRules.RecordAgendaItem(r, item, reference.Owed),
            _ => [new AgendaItemRecorded { Session = item.Session, SubItem = item.SubItem.GetValueOrDefault("en", string.Empty) }], context);
        return new RecordAgendaItemResponse { AgendaItem = request.AgendaItem };
    }

    // The register is one small aggregate: decide on the version read, commit at that version.
    private async Task<ContributionRegister> ChangeRegisterAsync(
        Func<ContributionRegister, Decision<ContributionRegister>> decide,
        Func<ContributionRegister, IEnumerable<Google.Protobuf.IMessage>> events,
        ServerCallContext context)
    {
        var loaded = await repository.LoadAsync<ContributionRegister>(RegisterKey, context.CancellationToken);
        var next = decide(loaded?.Value ?? ContributionRegister.Empty).OrThrow();
        await repository.CommitAsync(RegisterKey, loaded?.Version ?? 0, next, events(next), context.CancellationToken);
        return next;
    }

    // The contributor as the registry's events told reporting of it; null while reporting has not heard of it.
    private async Task<KnownContributor?> KnownContributorAsync(string id, ServerCallContext context) =>
        await projector.LoadRowAsync(id, context.CancellationToken) is { } row ? new KnownContributor(id, row.Category, row.GlobalMigrationGroupMember) : null;

    private async Task<ContributionRegister> LoadRegisterAsync(ServerCallContext context) =>
        (await repository.LoadAsync<ContributionRegister>(RegisterKey, context.CancellationToken))?.Value ?? ContributionRegister.Empty;

    private static string NextToken(string scope, string? lastKey) => lastKey is null ? string.Empty : Paging.KeyToken(scope, lastKey);
}
