using System.Globalization;
using System.Text;

namespace Hld.Platform.State;

/// <summary>
/// Records and indexes made of single-key reads and compare-and-sets, for adapters whose store has
/// nothing better (the Dapr state API): an index is a length key, one key per position (the member)
/// and one key per member (its position), so appending twice keeps the first position. Not atomic
/// with the aggregate's commit: an append cut short by a crash leaves an empty position, which reads
/// skip, and is done again by whoever heals it.
/// </summary>
public static class KeyByKey
{
    public static string LengthKey(string index) => $"platform/index/{index}/length";

    public static string SlotKey(string index, long position) => $"platform/index/{index}/slots/{Format(position)}";

    public static string MemberKey(string index, string member) => $"platform/index/{index}/members/{member}";

    /// <summary>
    /// A commit made of single keys: the records' conditions checked first (as close as single keys
    /// allow), then the aggregate by <paramref name="commitAggregate"/>, then the records by
    /// <paramref name="writeRecords"/> and the appends; false, with nothing written, when a condition
    /// or the aggregate's compare-and-set fails.
    /// </summary>
    public static async Task<bool> CommitAsync(
        IAggregateStore store,
        Commit commit,
        Func<Task<bool>> commitAggregate,
        Func<IReadOnlyList<RecordWrite>, Task> writeRecords,
        CancellationToken cancellationToken)
    {
        foreach (var record in commit.Records.Where(r => r.ExpectedVersion is not null))
        {
            if (await store.GetVersionAsync(record.Key, cancellationToken) != record.ExpectedVersion)
            {
                return false;
            }
        }

        if (!await commitAggregate())
        {
            return false;
        }

        await writeRecords(commit.Records);
        foreach (var append in commit.Appends)
        {
            await store.AppendAsync(append, cancellationToken);
        }

        return true;
    }

    /// <summary>Last write wins: read the version, write over it, again on a lost race; a conditional record is written once, at its version.</summary>
    public static async Task WriteRecordAsync(IAggregateStore store, RecordWrite record, CancellationToken cancellationToken)
    {
        if (record.ExpectedVersion is { } expected)
        {
            await store.TryCommitAsync(record.Key, expected, record.Value, [], cancellationToken);
            return;
        }

        while (true)
        {
            var version = await store.GetVersionAsync(record.Key, cancellationToken);
            if (await store.TryCommitAsync(record.Key, version, record.Value, [], cancellationToken))
            {
                return;
            }
        }
    }

    public static void RefuseConditions(IReadOnlyList<RecordWrite> records)
    {
        if (records.Any(r => r.ExpectedVersion is not null))
        {
            throw new ArgumentException("Records written on their own are unconditional; a condition belongs to a commit.", nameof(records));
        }
    }

    public static async Task AppendAsync(IAggregateStore store, IndexAppend append, CancellationToken cancellationToken)
    {
        var memberKey = MemberKey(append.Index, append.Member);
        if (await store.GetVersionAsync(memberKey, cancellationToken) > 0)
        {
            return;
        }

        long position;
        while (true)
        {
            var length = await store.GetAsync(LengthKey(append.Index), cancellationToken);
            position = (length is null ? 0 : Parse(length.Value)) + 1;
            if (await store.TryCommitAsync(LengthKey(append.Index), length?.Version ?? 0, Encoding.ASCII.GetBytes(Format(position)), [], cancellationToken))
            {
                break;
            }
        }

        // Whoever writes the member's key first owns its position; a loser's position stays empty.
        if (await store.TryCommitAsync(memberKey, 0, Encoding.ASCII.GetBytes(Format(position)), [], cancellationToken))
        {
            await store.TryCommitAsync(SlotKey(append.Index, position), 0, Encoding.UTF8.GetBytes(append.Member), [], cancellationToken);
        }
    }

    public static async Task<long> IndexLengthAsync(IAggregateStore store, string index, CancellationToken cancellationToken)
    {
        var length = await store.GetAsync(LengthKey(index), cancellationToken);
        return length is null ? 0 : Parse(length.Value);
    }

    public static async Task<IReadOnlyList<IndexEntry>> ReadIndexAsync(IAggregateStore store, string index, long afterPosition, int count, CancellationToken cancellationToken)
    {
        var length = await IndexLengthAsync(store, index, cancellationToken);
        var entries = new List<IndexEntry>(count);
        var next = Math.Max(0, afterPosition) + 1;
        while (entries.Count < count && next <= length)
        {
            var window = (int)Math.Min(count - entries.Count, length - next + 1);
            var positions = Enumerable.Range(0, window).Select(i => next + i).ToList();
            var slots = await store.GetManyAsync([.. positions.Select(p => SlotKey(index, p))], cancellationToken);
            for (var i = 0; i < window; i++)
            {
                if (slots[i] is { } slot)
                {
                    entries.Add(new IndexEntry(positions[i], Encoding.UTF8.GetString(slot.Value.Span)));
                }
            }

            next += window;
        }

        return entries;
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static long Parse(ReadOnlyMemory<byte> value) => long.Parse(Encoding.ASCII.GetString(value.Span), CultureInfo.InvariantCulture);
}
