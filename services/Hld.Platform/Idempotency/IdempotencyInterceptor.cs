using System.Security.Cryptography;
using System.Text.Json;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Hld.Platform.Errors;
using Hld.Platform.State;

namespace Hld.Platform.Idempotency;

/// <summary>
/// AIP-155 for every unary RPC whose request has a <c>request_id</c> field: the first call with an
/// id claims it, and its successful answer is kept; a repeat gets that answer back and changes
/// nothing. A repeat while the first is still running is ABORTED (retry later); a repeat with a
/// different body is INVALID_ARGUMENT. A failed first call releases the id, so a retry can succeed.
/// Ids are scoped to the method and the caller, so one partner cannot replay another's answers.
/// </summary>
public sealed class IdempotencyInterceptor(IAggregateStore store, TimeProvider clock) : Interceptor
{
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        if (request is not IMessage message || RequestIdOf(message) is not { Length: > 0 } requestId)
        {
            return await continuation(request, context);
        }

        if (requestId.Length > 128)
        {
            throw new InvalidArgumentException([new FieldViolation("request_id", "must be at most 128 characters")]);
        }

        var caller = context.GetHttpContext().User.FindFirst("sub")?.Value ?? "anonymous";
        var key = $"platform/requests/{context.Method}/{caller}/{requestId}";
        var fingerprint = Convert.ToHexString(SHA256.HashData(message.ToByteArray()));

        var stored = await store.GetAsync(key, context.CancellationToken);
        var record = stored is null ? null : JsonSerializer.Deserialize<RequestRecord>(stored.Value.Span);
        if (record is not null)
        {
            if (record.Fingerprint != fingerprint)
            {
                throw new InvalidArgumentException([new FieldViolation("request_id", "was already used for a different request")]);
            }

            if (record.Response is { } answer)
            {
                return ParseResponse<TResponse>(answer);
            }

            if (!record.Released && clock.GetUtcNow() - record.ClaimedAt < AbandonedAfter)
            {
                throw new ConcurrencyConflictException("A request with this request_id is still being processed; retry shortly.");
            }
        }

        var claimedVersion = (stored?.Version ?? 0) + 1;
        var claim = new RequestRecord(fingerprint, clock.GetUtcNow(), null, Released: false);
        if (!await store.TryCommitAsync(key, stored?.Version ?? 0, Serialize(claim), [], context.CancellationToken))
        {
            throw new ConcurrencyConflictException("A request with this request_id is being processed concurrently; retry shortly.");
        }

        TResponse response;
        try
        {
            response = await continuation(request, context);
        }
        catch
        {
            await store.TryCommitAsync(key, claimedVersion, Serialize(claim with { Released = true }), [], CancellationToken.None);
            throw;
        }

        var bytes = ((IMessage)response).ToByteArray();
        await store.TryCommitAsync(key, claimedVersion, Serialize(claim with { Response = bytes }), [], CancellationToken.None);
        return response;
    }

    private static string? RequestIdOf(IMessage message) =>
        message.Descriptor.FindFieldByName("request_id")?.Accessor.GetValue(message) as string;

    private static TResponse ParseResponse<TResponse>(byte[] bytes)
    {
        var response = (IMessage)Activator.CreateInstance<TResponse>()!;
        response.MergeFrom(bytes);
        return (TResponse)response;
    }

    private static byte[] Serialize(RequestRecord record) => JsonSerializer.SerializeToUtf8Bytes(record);

    private sealed record RequestRecord(string Fingerprint, DateTimeOffset ClaimedAt, byte[]? Response, bool Released);
}
