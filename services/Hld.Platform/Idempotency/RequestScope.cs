using Hld.Platform.State;

namespace Hld.Platform.Idempotency;

/// <summary>
/// One RPC with a request_id, on a store that commits atomically: the handler's commit is held back
/// until the handler has answered, so that the aggregate, its events and the request record with
/// that answer go to the store as one commit (docs/decisions/006). Ambient, like the call's own context,
/// so the domain's repository needs no parameter for it.
/// </summary>
public sealed class RequestScope
{
    private static readonly AsyncLocal<RequestScope?> Ambient = new();

    public static RequestScope? Current => Ambient.Value;

    /// <summary>The commit held back; null while the handler has committed nothing.</summary>
    public Commit? Held { get; private set; }

    /// <summary>True once commits of this request go to the store ahead of the answer (a handler that writes twice).</summary>
    public bool Flushed { get; private set; }

    public static IDisposable Enter(RequestScope scope)
    {
        var outer = Ambient.Value;
        Ambient.Value = scope;
        return new Exit(outer);
    }

    /// <summary>
    /// Holds <paramref name="commit"/> back when it is the request's first; returns false when the
    /// caller must commit it at once. A handler that writes twice gets its first commit flushed here and
    /// every later one committed as it comes, so its own retry loops work as they always have; the
    /// record of such a request is written after them, on its own (docs/decisions/006).
    /// </summary>
    public async Task<bool> TryHoldAsync(IAggregateStore store, Commit commit, CancellationToken cancellationToken)
    {
        if (Flushed)
        {
            return false;
        }

        if (Held is not { } earlier)
        {
            Held = commit;
            return true;
        }

        Held = null;
        Flushed = true;
        if (!await store.CommitAsync(earlier, cancellationToken))
        {
            throw new Errors.ConcurrencyConflictException();
        }

        return false;
    }

    /// <summary>The held commit's value when <paramref name="key"/> is its key: a handler reads its own write.</summary>
    public Versioned? Read(string key) =>
        Held is { } held && held.Key == key ? new Versioned(held.Value, held.ExpectedVersion + 1) : null;

    private sealed class Exit(RequestScope? outer) : IDisposable
    {
        public void Dispose() => Ambient.Value = outer;
    }
}
