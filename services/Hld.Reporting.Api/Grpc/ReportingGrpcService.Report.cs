using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hld.Platform.Api;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Reporting.Report;
using Microsoft.AspNetCore.Authorization;
using Model = Hld.Reporting.Report;

namespace Hld.Reporting.Api.Grpc;

/// <summary>Para 19: the implementation report, from stored events only.</summary>
public sealed partial class ReportingGrpcService
{
    [Authorize(Roles = Readers)]
    public override async Task<GetImplementationReportResponse> GetImplementationReport(GetImplementationReportRequest request, ServerCallContext context)
    {
        new FieldChecks()
            .RequireLanguages(request.Languages, "languages")
            .ThrowIfAny();
        var now = clock.GetUtcNow();
        var asOf = request.AsOf?.ToDateTimeOffset() ?? now;
        if (asOf > now)
        {
            throw new InvalidArgumentException([new FieldViolation("as_of", "must not be in the future")]);
        }

        // "As of" a past date replays the store, leaving out what happened after it; "now" reads the live projection.
        var projection = request.AsOf is null
            ? (await projector.LoadAsync(context.CancellationToken)).Projection
            : (await projector.ReplayAsync(null, fact => fact.OccurredAt <= asOf, context.CancellationToken)).Projection.Projection;
        var sections = Model.ImplementationReport.Build(projection, reference.Rules, reference.Labels, markdown.Text, asOf);

        var report = new Contracts.Reporting.V1.ImplementationReport { AsOf = Timestamp.FromDateTimeOffset(asOf), EventsConsidered = projection.FactsApplied };
        report.Sections.AddRange(sections.Select(s =>
        {
            var section = new Contracts.Reporting.V1.ReportSection
            {
                Paragraph = s.Paragraph,
                Mandate = new LocalizedText { Texts = { s.Mandate } },
                Status = (Contracts.Reporting.V1.ImplementationStatus)s.Status,
                Explanation = new LocalizedText { Texts = { s.Explanation } },
                EvidenceCount = s.EvidenceCount,
            };
            if (s.Due is { } due)
            {
                section.DueAt = Timestamp.FromDateTimeOffset(due);
            }

            section.Evidence.AddRange(s.Evidence.Select(e => new Evidence
            {
                Topic = e.Topic,
                EventId = e.Item.EventId,
                AggregateKey = e.Item.AggregateKey,
                OccurredAt = Timestamp.FromDateTimeOffset(e.Item.OccurredAt),
            }));
            return section;
        }));

        var response = new GetImplementationReportResponse { Report = report };
        foreach (var language in Fields.LanguagesOrAll(request.Languages))
        {
            response.Markdown[language] = markdown.Render(sections, asOf, projection.FactsApplied, language);
        }

        return response;
    }
}
