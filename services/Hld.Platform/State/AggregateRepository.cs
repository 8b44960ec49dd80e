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
/// Typed access to aggregates for hosts: domain state stored as JSON under one key, written with
/// compare-and-set together with the integration events the change causes.
/// </summary>
public sealed class AggregateRepository(IAggregateStore store, TimeProvider clock, IOptions<HldOptions> options)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task<Loaded<T>?> LoadAsync<T>(string key, CancellationToken cancellationToken)
    {
        var stored = RequestScope.Current?.Read(key) ?? await store.GetAsync(key, cancellationToken);
        return stored is null ? null : new Loaded<T>(JsonSerializer.Deserialize<T>(stored.Value.Span, Json)!, stored.Version);
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
    /// Read-modify-write for projections and read models: applies <paramref name="change"/> to the
    /// current value (default when absent) and retries on a lost race, so competing consumers of one
    /// group can update the same key safely. Returns the value committed.
    /// </summary>
    public async Task<T> UpdateAsync<T>(string key, Func<T?, T> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await LoadAsync<T>(key, cancellationToken);
            var next = change(current is null ? default : current.Value);
            try
            {
                await CommitAsync(key, current?.Version ?? 0, next, [], cancellationToken);
                return next;
            }
            catch (ConcurrencyConflictException)
            {
                // Another consumer committed first: read again and reapply.
            }
        }
    }

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
