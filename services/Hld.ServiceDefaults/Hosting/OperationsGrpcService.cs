using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Events;
using Hld.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Hosting;

/// <summary>The operator's view of this host's own machinery: its consumer group's dead letters, and their replay.</summary>
public sealed class OperationsGrpcService(EventDispatcher dispatcher, IOptions<HldOptions> options) : OperationsService.OperationsServiceBase
{
    private const string Scope = "dead-letters";

    private string Group => options.Value.AppId;

    [Authorize(Roles = Roles.Operator)]
    public override async Task<ListDeadLettersResponse> ListDeadLetters(ListDeadLettersRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var size = checks.Size(request.PageSize);
        var after = checks.Position(request.PageToken, Scope);
        checks.ThrowIfAny();
        var (letters, next, total) = await dispatcher.ListDeadLettersAsync(Group, after, size, context.CancellationToken);
        var response = new ListDeadLettersResponse { Total = total, NextPageToken = next > 0 ? Paging.Token(Scope, next) : string.Empty };
        response.DeadLetters.AddRange(letters.Select(ToContract));
        return response;
    }

    [Authorize(Roles = Roles.Operator)]
    public override async Task<ReplayDeadLetterResponse> ReplayDeadLetter(ReplayDeadLetterRequest request, ServerCallContext context)
    {
        new FieldChecks().RequireText(request.EventId, "event_id", 128).ThrowIfAny();
        var replayed = await dispatcher.ReplayDeadLetterAsync(Group, request.EventId, context.CancellationToken);
        return new ReplayDeadLetterResponse { DeadLetter = ToContract(replayed) };
    }

    private static DeadLetterEntry ToContract(DeadLetterRecord record)
    {
        var letter = record.Letter;
        var entry = new DeadLetterEntry
        {
            EventId = letter.Envelope.EventId,
            Topic = letter.Envelope.Topic,
            AggregateKey = letter.Envelope.AggregateKey,
            ConsumerGroup = letter.ConsumerGroup,
            Attempts = letter.Attempts,
            LastError = letter.LastError,
            DeadLetteredAt = letter.DeadLetteredAt,
        };
        if (record.ReplayedAt is { } at)
        {
            entry.ReplayedAt = Timestamp.FromDateTimeOffset(at);
        }

        return entry;
    }
}
