using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Platform.Errors;
using Hld.Platform.Events;
using Hld.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Hosting;

/// <summary>The operator's view of this host's own machinery: its consumer group's dead letters, and their replay.</summary>
public sealed class OperationsGrpcService(EventDispatcher dispatcher, IOptions<HldOptions> options) : OperationsService.OperationsServiceBase
{
    private const string Scope = "v1|dead-letters|";

    private string Group => options.Value.AppId;

    [Authorize(Roles = Roles.Operator)]
    public override async Task<ListDeadLettersResponse> ListDeadLetters(ListDeadLettersRequest request, ServerCallContext context)
    {
        var after = DecodeToken(request.PageToken);
        new FieldChecks()
            .Require(request.PageSize >= 0, "page_size", "must not be negative")
            .Require(after is not null, "page_token", "is not a token of this query from a previous page")
            .ThrowIfAny();
        var size = request.PageSize == 0 ? 50 : Math.Min(request.PageSize, 200);
        var (letters, next, total) = await dispatcher.ListDeadLettersAsync(Group, after!.Value, size, context.CancellationToken);
        var response = new ListDeadLettersResponse { Total = total, NextPageToken = next > 0 ? EncodeToken(next) : string.Empty };
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

    private static string EncodeToken(long position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Scope + position.ToString(CultureInfo.InvariantCulture)));

    private static long? DecodeToken(string token)
    {
        if (token.Length == 0)
        {
            return 0;
        }

        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith(Scope, StringComparison.Ordinal) && long.TryParse(text.AsSpan(Scope.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var position)
                ? position
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
