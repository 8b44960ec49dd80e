using Hld.Contracts.Events.V1;

namespace Hld.Platform.State;

/// <summary>An aggregate's stored value and its version. The version is the etag partners see.</summary>
public sealed record Versioned(ReadOnlyMemory<byte> Value, long Version)
{
    public string Etag => Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// A key written with a commit (request records, processed markers, projection rows); its version moves
/// by one. With <see cref="ExpectedVersion"/> it is a condition of the commit like the aggregate's own
/// (0: the key must not exist yet); without, it is written over whatever it held. With
/// <see cref="TimeToLive"/> the store forgets it that long after the write (bookkeeping that must not
/// grow for ever): Redis by PEXPIRE in the commit, Dapr by the state API's ttlInSeconds, InMemory likewise.
/// </summary>
public sealed record RecordWrite(string Key, ReadOnlyMemory<byte> Value, long? ExpectedVersion = null, TimeSpan? TimeToLive = null);

/// <summary>A member appended at the end of an index with a commit; a member already in the index keeps its position.</summary>
public sealed record IndexAppend(string Index, string Member);

/// <summary>One member of an index and its position (1 for the first member appended).</summary>
public sealed record IndexEntry(long Position, string Member);

/// <summary>
/// Everything one write changes: the aggregate at <see cref="Key"/>, written if and only if it is still
/// at <see cref="ExpectedVersion"/> (0: it must not exist yet), the events it publishes, the records it
/// writes and the index members it appends. Nothing is written unless the compare-and-set holds.
/// </summary>
public sealed record Commit(string Key, long ExpectedVersion, ReadOnlyMemory<byte> Value, IReadOnlyList<EventEnvelope> Events)
{
    public IReadOnlyList<RecordWrite> Records { get; init; } = [];

    public IReadOnlyList<IndexAppend> Appends { get; init; } = [];

    /// <summary>How long after the write the store forgets the aggregate itself (a bookkeeping key written alone); null: never.</summary>
    public TimeSpan? TimeToLive { get; init; }
}

/// <summary>
/// The state port: aggregates under keys, each written by compare-and-set on its version together
/// with the events the change causes; the value and the events commit together or not at all.
/// A commit may also write records and append to indexes (<see cref="Commit"/>): adapters whose store
/// can do that in one all-or-nothing operation (Redis, InMemory) say so with
/// <see cref="CommitsAtomically"/>; the others (Dapr) write them after the aggregate, and their callers
/// keep a way to heal (docs/decisions/004-one-commit.md).
/// </summary>
public interface IAggregateStore
{
    /// <summary>Reads an aggregate, or null when the key was never written.</summary>
    Task<Versioned?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// The version alone (0 when the key was never written), so a reader that keeps a large value in
    /// memory can tell whether it is still current. Adapters that can read it without the value do.
    /// </summary>
    async Task<long> GetVersionAsync(string key, CancellationToken cancellationToken = default) =>
        (await GetAsync(key, cancellationToken))?.Version ?? 0;

    /// <summary>
    /// Writes <paramref name="value"/> at version <paramref name="expectedVersion"/> + 1 if and only if
    /// the stored version is still <paramref name="expectedVersion"/> (0: the key must not exist yet),
    /// and publishes <paramref name="events"/> with it. Returns false, having changed and published
    /// nothing, when another writer got there first.
    /// </summary>
    Task<bool> TryCommitAsync(
        string key,
        long expectedVersion,
        ReadOnlyMemory<byte> value,
        IReadOnlyList<EventEnvelope> events,
        CancellationToken cancellationToken = default);

    /// <summary>True when <see cref="CommitAsync"/> writes the aggregate, its events, records and appends as one operation.</summary>
    bool CommitsAtomically => false;

    /// <summary>
    /// True when <see cref="GetAsync"/> of <paramref name="key"/> may answer many readers with the same
    /// <see cref="Versioned"/> instance until the value changes (a near cache, decision 093), so that a
    /// reader may decode it once and share what it decoded. False by default: every read is its own.
    /// </summary>
    bool SharesReadsOf(string key) => false;

    /// <summary>
    /// Commits <paramref name="commit"/>: false, having changed nothing, when the aggregate's version
    /// moved or a record's condition failed. Where <see cref="CommitsAtomically"/> is false, the records
    /// and appends are written after the aggregate, before this returns (a crash in between leaves them
    /// unwritten), and a record's condition is checked before the aggregate, not with it.
    /// </summary>
    Task<bool> CommitAsync(Commit commit, CancellationToken cancellationToken = default) =>
        KeyByKey.CommitAsync(
            this,
            commit,
            () => TryCommitAsync(commit.Key, commit.ExpectedVersion, commit.Value, commit.Events, cancellationToken),
            records => Task.WhenAll(records.Select(r => KeyByKey.WriteRecordAsync(this, r, cancellationToken))),
            cancellationToken);

    /// <summary>
    /// Writes records outside any aggregate's commit (processed markers, written many at a time), in
    /// one round trip where the store allows. Unconditional: a record with an expected version is refused.
    /// </summary>
    async Task WriteRecordsAsync(IReadOnlyList<RecordWrite> records, CancellationToken cancellationToken = default)
    {
        KeyByKey.RefuseConditions(records);
        await Task.WhenAll(records.Select(r => KeyByKey.WriteRecordAsync(this, r, cancellationToken)));
    }

    /// <summary>Several keys at once, in the order asked (null for a key never written); one round trip where the store allows.</summary>
    async Task<IReadOnlyList<Versioned?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) =>
        await Task.WhenAll(keys.Select(k => GetAsync(k, cancellationToken)));

    /// <summary>Appends outside a commit (healing, back-filling); appending a member already there changes nothing.</summary>
    Task AppendAsync(IndexAppend append, CancellationToken cancellationToken = default) =>
        KeyByKey.AppendAsync(this, append, cancellationToken);

    /// <summary>Up to <paramref name="count"/> members of <paramref name="index"/> after <paramref name="afterPosition"/>, in position order.</summary>
    Task<IReadOnlyList<IndexEntry>> ReadIndexAsync(string index, long afterPosition, int count, CancellationToken cancellationToken = default) =>
        KeyByKey.ReadIndexAsync(this, index, afterPosition, count, cancellationToken);

    /// <summary>How many members <paramref name="index"/> has (0 when it was never appended to).</summary>
    Task<long> IndexLengthAsync(string index, CancellationToken cancellationToken = default) =>
        KeyByKey.IndexLengthAsync(this, index, cancellationToken);
}
