using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;
using Hld.Platform.Errors;
using Hld.Platform.Hosting;
using Hld.Platform.State;

namespace Hld.Platform.Idempotency;

/// <summary>
/// AIP-155 for every unary RPC whose request has a <c>request_id</c> field: the first call with an id
/// that succeeds has its answer kept, and a repeat gets that answer back and changes nothing; a repeat
/// with a different body is INVALID_ARGUMENT. A failed call keeps nothing, so a retry can succeed. Ids
/// are scoped to the method and the caller, so one partner cannot replay another's answers.
/// </summary>
/// <remarks>
/// Where the store commits atomically (Redis, InMemory), the handler's commit is held back
/// (<see cref="RequestScope"/>) and goes to the store with the request record and its answer as one
/// commit, conditional on the record being absent: a write is never committed without its answer,
/// and two calls with one id racing each other commit once; the loser runs again and finds the
/// winner's answer. A handler that commits twice (an aggregate and a catalogue, say) commits as it
/// goes and its record follows on its own. Elsewhere (Dapr) the call first claims the id, as the store cannot do better: a
/// repeat while the claim stands is ABORTED, and a claim whose call died is taken over once it is
/// <see cref="AbandonedAfter"/> old on real time (never on the manual clock of Development).
/// See docs/decisions/006-request-records-in-the-commit.md.
/// </remarks>
public sealed class IdempotencyInterceptor(IAggregateStore store, TimeProvider clock, IOptions<HldOptions> options) : Interceptor
{
    internal static readonly TimeSpan AbandonedAfter = TimeSpan.FromSeconds(30);

    // A held commit that lost its race is the handler's to decide again, as its own retry loop would.
    private const int Runs = 4;

    // The request_id field of each request type (null: the type has none), found once per type.
    private static readonly ConcurrentDictionary<MessageDescriptor, FieldDescriptor?> RequestIdFields = new();

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        // Reads (no request_id) pass straight through: no lookup by name, no state machine of their own.
        return request is IMessage message && RequestIdOf(message) is { Length: > 0 } requestId
            ? WithRequestIdAsync(message, requestId, request, context, continuation)
            : continuation(request, context);
    }

    private async Task<TResponse> WithRequestIdAsync<TRequest, TResponse>(IMessage message, string requestId, TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        if (requestId.Length > 128)
        {
            throw new InvalidArgumentException([new FieldViolation("request_id", "must be at most 128 characters")]);
        }

        var caller = context.GetHttpContext().User.FindFirst("sub")?.Value ?? "anonymous";
        var key = $"platform/requests/{context.Method}/{caller}/{requestId}";
        var fingerprint = Convert.ToHexString(SHA256.HashData(message.ToByteArray()));
        return store.CommitsAtomically
            ? await InOneCommitAsync(key, fingerprint, request, context, continuation)
            : await ByClaimAsync(key, fingerprint, request, context, continuation);
    }

    private async Task<TResponse> InOneCommitAsync<TRequest, TResponse>(string key, string fingerprint, TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        for (var run = 1; ; run++)
        {
            var stored = await store.GetAsync(key, context.CancellationToken);
            if (Answered<TResponse>(stored, fingerprint) is { } earlier)
            {
                return earlier;
            }

            var scope = new RequestScope();
            TResponse response;
            try
            {
                using (RequestScope.Enter(scope))
                {
                    response = await continuation(request, context);
                }
            }
            catch (Exception) when (!context.CancellationToken.IsCancellationRequested)
            {
                // A call with the same id may have committed while this one decided (and was refused,
                // say "already registered"): then the answer to give is that call's.
                if (Answered<TResponse>(await store.GetAsync(key, CancellationToken.None), fingerprint) is not null)
                {
                    continue;
                }

                throw;
            }

            var retention = options.Value.RequestRecordRetention;
            var record = new RecordWrite(key, Serialize(new RequestRecord(fingerprint, clock.GetUtcNow(), ((IMessage)response).ToByteArray(), Released: false)), stored?.Version ?? 0, retention);
            var commit = scope.Held is { } held
                ? held with { Records = [.. held.Records, record] }
                : new Commit(key, stored?.Version ?? 0, record.Value, []) { TimeToLive = retention }; // nothing to write but the answer
            if (await store.CommitAsync(commit, CancellationToken.None))
            {
                return response;
            }

            // The aggregate moved, or a call with the same id committed first: read again. A handler
            // that already wrote part of its work cannot run again, so it answers ABORTED as a lost
            // race always has.
            if (scope.Flushed || run == Runs)
            {
                if (Answered<TResponse>(await store.GetAsync(key, CancellationToken.None), fingerprint) is { } winner)
                {
                    return winner;
                }

                throw new ConcurrencyConflictException();
            }
        }
    }

    private async Task<TResponse> ByClaimAsync<TRequest, TResponse>(string key, string fingerprint, TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        var stored = await store.GetAsync(key, context.CancellationToken);
        if (Answered<TResponse>(stored, fingerprint) is { } earlier)
        {
            return earlier;
        }

        var record = stored is null ? null : JsonSerializer.Deserialize<RequestRecord>(stored.Value.Span);
        if (record is { Released: false } && TimeProvider.System.GetUtcNow() - record.ClaimedAt < AbandonedAfter)
        {
            throw new ConcurrencyConflictException("A request with this request_id is still being processed; retry shortly.", ConcurrencyConflictException.RequestInProgress);
        }

        var claimedVersion = (stored?.Version ?? 0) + 1;
        var claim = new RequestRecord(fingerprint, TimeProvider.System.GetUtcNow(), null, Released: false);
        if (!await store.TryCommitAsync(key, stored?.Version ?? 0, Serialize(claim), [], context.CancellationToken))
        {
            throw new ConcurrencyConflictException("A request with this request_id is being processed concurrently; retry shortly.", ConcurrencyConflictException.RequestInProgress);
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

        await store.TryCommitAsync(key, claimedVersion, Serialize(claim with { Response = ((IMessage)response).ToByteArray() }), [], CancellationToken.None);
        return response;
    }

    /// <summary>The kept answer of an earlier call with this id; INVALID_ARGUMENT when that call had another body.</summary>
    private static TResponse? Answered<TResponse>(Versioned? stored, string fingerprint)
        where TResponse : class
    {
        var record = stored is null ? null : JsonSerializer.Deserialize<RequestRecord>(stored.Value.Span);
        if (record is null)
        {
            return null;
        }

        if (record.Fingerprint != fingerprint)
        {
            throw new InvalidArgumentException([new FieldViolation("request_id", "was already used for a different request")]);
        }

        return record.Response is { } answer ? ParseResponse<TResponse>(answer) : null;
    }

    private static string? RequestIdOf(IMessage message) =>
        RequestIdFields.GetOrAdd(message.Descriptor, static descriptor => descriptor.FindFieldByName("request_id"))?.Accessor.GetValue(message) as string;

    private static TResponse ParseResponse<TResponse>(byte[] bytes)
    {
        var response = (IMessage)Activator.CreateInstance<TResponse>()!;
        response.MergeFrom(bytes);
        return (TResponse)response;
    }

    private static byte[] Serialize(RequestRecord record) => JsonSerializer.SerializeToUtf8Bytes(record);

    private sealed record RequestRecord(string Fingerprint, DateTimeOffset ClaimedAt, byte[]? Response, bool Released);
}
