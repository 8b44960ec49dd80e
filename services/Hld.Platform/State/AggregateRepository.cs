using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Google.Protobuf;
using Hld.Platform.Errors;
using Hld.Platform.Events;
using Hld.Platform.Hosting;
using Hld.Platform.Idempotency;
using Microsoft.Extensions.Options;

namespace Hld.Platform.State;

/// <summary>A loaded aggregate and the version it was read at.</summary>
public sealed record Loaded<T>(T Value, long Version)
{
    public string Etag => Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A change to commit to one aggregate: its next state and the events it causes, with the records and
/// index appends that go in the same commit.
/// </summary>
public sealed record Change<T>(T State, IReadOnlyList<IMessage> Events)
{
    public IReadOnlyList<RecordWrite>? Records { get; init; }

    public IReadOnlyList<IndexAppend>? Appends { get; init; }
}

/// <summary>
/// Typed access to aggregates for hosts: domain state stored as JSON under one key, written with
/// compare-and-set together with the integration events the change causes.
/// </summary>
public sealed class AggregateRepository(IAggregateStore store, TimeProvider clock, IOptions<HldOptions> options)
{
    // Keyed by the stored value's identity, held no longer than the value itself.
    private static readonly ConditionalWeakTable<Versioned, object> SharedDecodes = new();

    /// <summary>
    /// For <see cref="ChangeAsync{T}(string, Func{Loaded{T}?, ValueTask{Change{T}?}}, int, CancellationToken)"/>:
    /// retry every lost race. Event handlers use it: their changes are idempotent, and giving up would
    /// count a delivery failure towards the dead letter.
    /// </summary>
    public const int UntilCommitted = int.MaxValue;

    /// <summary>A request without an etag decides again on fresh state this many times before ABORTED.</summary>
    public const int RequestAttempts = 8;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<Loaded<T>?> LoadAsync<T>(string key, CancellationToken cancellationToken)
    {
        var stored = RequestScope.Current?.Read(key) ?? await store.GetAsync(key, cancellationToken);
        return stored is null ? null : new Loaded<T>(Decode<T>(key, stored), stored.Version);
    }

    /// <summary>
    /// The aggregate a stored value holds. Where the store hands one stored value to many readers (its
    /// near cache), the value is decoded once and what was decoded is shared, for as long as the store
    /// keeps that value: a changed value is a new instance, decoded anew. Shared aggregates are never
    /// changed in place (domain state is immutable records; a change is a new state).
    /// </summary>
    private T Decode<T>(string key, Versioned stored)
    {
        if (!store.SharesReadsOf(key))
        {
            return JsonSerializer.Deserialize<T>(stored.Value.Span, Json)!;
        }

        if (SharedDecodes.TryGetValue(stored, out var kept) && kept is T known)
        {
            return known;
        }

        var decoded = JsonSerializer.Deserialize<T>(stored.Value.Span, Json)!;
        SharedDecodes.AddOrUpdate(stored, decoded!);
        return decoded;
    }

    /// <summary>Several aggregates in one read, in the order asked (null where a key was never written).</summary>
    public async Task<IReadOnlyList<Loaded<T>?>> LoadManyAsync<T>(IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        var scope = RequestScope.Current;
        var stored = await store.GetManyAsync(keys, cancellationToken);
        return [.. stored.Select((s, i) => scope?.Read(keys[i]) ?? s).Select(s => s is null ? null : new Loaded<T>(JsonSerializer.Deserialize<T>(s.Value.Span, Json)!, s.Version))];
    }

    /// <summary>The stored version of <paramref name="key"/> without its value; 0 when absent.</summary>
    public Task<long> VersionAsync(string key, CancellationToken cancellationToken) =>
        RequestScope.Current?.Read(key) is { } held ? Task.FromResult(held.Version) : store.GetVersionAsync(key, cancellationToken);

    /// <summary>
    /// Commits at <paramref name="expectedVersion"/>, with the records and index appends given (one
    /// operation, see <see cref="Commit"/>); returns the new version, or throws ABORTED on a lost race.
    /// </summary>
    public async Task<long> CommitAsync<T>(
        string key,
        long expectedVersion,
        T value,
        IEnumerable<IMessage> events,
        CancellationToken cancellationToken,
        IReadOnlyList<RecordWrite>? records = null,
        IReadOnlyList<IndexAppend>? appends = null)
    {
        var next = expectedVersion + 1;
        var now = clock.GetUtcNow();
        var envelopes = events.Select(e => EventEnvelopes.Create(e, key, next, now, options.Value.AppId)).ToList();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, Json);
        var commit = new Commit(key, expectedVersion, bytes, envelopes) { Records = records ?? [], Appends = appends ?? [] };
        // A request's commit goes to the store with its record once the handler has answered.
        if (RequestScope.Current is { } request && await request.TryHoldAsync(store, commit, cancellationToken))
        {
            return next;
        }

        if (!await store.CommitAsync(commit, cancellationToken))
        {
            throw new ConcurrencyConflictException();
        }

        return next;
    }

    /// <summary>
    /// The platform's one write loop: read the aggregate, decide, commit the change with its events, records
    /// and index appends in one operation; on a lost compare-and-set race, read and decide again on what the
    /// winner wrote, up to <paramref name="attempts"/> times (the last loss is ABORTED). <paramref name="decide"/>
    /// gets the stored aggregate (null when never written) and returns the change, or null when nothing
    /// changes; a refusal it throws reaches the caller unchanged, and so does a
    /// <see cref="ConcurrencyConflictException"/> of its own (a stale etag is not retried). Returns what is
    /// stored afterwards: the committed change, or the aggregate as read when nothing changed.
    /// </summary>
    public async Task<Loaded<T>?> ChangeAsync<T>(string key, Func<Loaded<T>?, ValueTask<Change<T>?>> decide, int attempts, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            var current = await LoadAsync<T>(key, cancellationToken);
            if (await decide(current) is not { } change)
            {
                return current;
            }

            try
            {
                var version = await CommitAsync(key, current?.Version ?? 0, change.State, change.Events, cancellationToken, change.Records, change.Appends);
                return new Loaded<T>(change.State, version);
            }
            catch (ConcurrencyConflictException) when (attempt < attempts)
            {
                // Lost the race: decide again on what the winner wrote.
            }
        }
    }

    /// <summary>As the other overload, for a decision that reads nothing more.</summary>
    public Task<Loaded<T>?> ChangeAsync<T>(string key, Func<Loaded<T>?, Change<T>?> decide, int attempts, CancellationToken cancellationToken) =>
        ChangeAsync<T>(key, current => ValueTask.FromResult(decide(current)), attempts, cancellationToken);

    /// <summary>
    /// Read-modify-write for projections and read models: applies <paramref name="change"/> to the
    /// current value (default when absent) until it commits, so competing consumers of one group can
    /// update the same key safely. Returns the value committed.
    /// </summary>
    public async Task<T> UpdateAsync<T>(string key, Func<T?, T> change, CancellationToken cancellationToken) =>
        (await ChangeAsync<T>(key, current => new Change<T>(change(current is null ? default : current.Value), []), UntilCommitted, cancellationToken))!.Value;

    /// <summary>Parses a partner's etag; an empty one means "whatever is stored now" is not allowed for updates.</summary>
    public static long ParseEtag(string etag, string field = "etag")
    {
        if (!long.TryParse(etag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version) || version < 1)
        {
            throw new InvalidArgumentException([new FieldViolation(field, "must be the etag returned by the last read")]);
        }

        return version;
    }
}
