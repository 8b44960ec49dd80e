using System.Globalization;
using System.Text;
using Hld.Platform.State;
using Microsoft.Extensions.Logging;

namespace Hld.Platform.Events;

/// <summary>
/// Which partitions of a consumer group this replica consumes, so that replicas of one service share
/// the group without two of them handling one aggregate's events at once (decision 015).
/// <list type="bullet">
/// <item>A replica registers in the group's member list, a key of the store renewed by compare-and-set.</item>
/// <item>The live members, sorted by id, share the partitions round robin: partition n goes to the
/// member of rank n mod count. Members beyond the number of partitions stand by.</item>
/// <item>A replica consumes a partition only while it holds the partition's lease: a key holding its id
/// with a time to live, renewed by compare-and-set on its version. A lease lapses when its holder stops
/// renewing (a crash, a store it cannot reach); it is handed over at once when its holder stops or the
/// partition moves to another member, once the holder's loop has finished and acknowledged its batch.</item>
/// </list>
/// Expiry is the store's own (a key's time to live), so replicas need no shared clock for leases; the
/// member list compares wall clocks, with a margin of three lease durations.
/// </summary>
public sealed class PartitionLeases : IAsyncDisposable
{
    private static readonly TimeProvider Clock = TimeProvider.System;
    private readonly IAggregateStore _store;
    private readonly string _group;
    private readonly Lease[] _leases;
    private readonly TimeSpan _duration;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private bool _firstRound = true;
    private int _disposed;

    public PartitionLeases(IAggregateStore store, string group, int partitions, string replica, TimeSpan duration, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(replica);
        _store = store;
        _group = group;
        Replica = replica;
        _duration = duration;
        _logger = logger;
        _leases = [.. Enumerable.Range(0, partitions).Select(_ => new Lease())];
    }

    /// <summary>Raised when a partition is acquired, or asked to be handed over: partition loops re-check.</summary>
    public event Action? Changed;

    public string Replica { get; }

    public int Partitions => _leases.Length;

    /// <summary>The group's member list.</summary>
    public static string MembersKey(string group) => $"platform/consumers/{group}/members";

    /// <summary>The lease of one partition of a group.</summary>
    public static string LeaseKey(string group, int partition) => $"platform/consumers/{group}/partitions/{partition.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The partition an aggregate's events belong to: a stable hash of its key (the same in every process), modulo the count.</summary>
    public static int PartitionOf(string aggregateKey, int partitions)
    {
        if (partitions == 1)
        {
            return 0;
        }

        // FNV-1a over the key's UTF-8 bytes: stable across processes and runtimes, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(aggregateKey))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)partitions);
    }

    /// <summary>Starts renewing: the first round runs before this returns, so a lone replica consumes at once.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning(ex, "Replica {Replica} of {Group} could not take its partitions yet; retrying", Replica, _group);
        }

        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Whether this replica may read and handle the partition now: it holds the lease, and no hand-over is asked.</summary>
    public bool MayConsume(int partition)
    {
        var lease = _leases[partition];
        return Volatile.Read(ref lease.Version) > 0 && !lease.HandOver && Clock.GetUtcNow().ToUnixTimeMilliseconds() < Volatile.Read(ref lease.HeldUntil);
    }

    /// <summary>True once after the partition was acquired: the loop first takes over what the previous holder left pending.</summary>
    public bool TakeFresh(int partition) => Interlocked.Exchange(ref _leases[partition].Fresh, 0) == 1;

    /// <summary>The partition loop's answer to a hand-over: its batch is done and acknowledged.</summary>
    public void Idle(int partition)
    {
        if (_leases[partition].HandOver)
        {
            _leases[partition].Idle.TrySetResult();
        }
    }

    /// <summary>One round: renew this replica's membership, then take, renew or hand over each partition's lease.</summary>
    internal async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var members = await HeartbeatAsync(leaving: false, cancellationToken);
        var rank = members.IndexOf(Replica);
        var stored = await _store.GetManyAsync([.. Enumerable.Range(0, Partitions).Select(n => LeaseKey(_group, n))], cancellationToken);
        var changed = false;
        var handOvers = new List<Task>();
        for (var n = 0; n < Partitions; n++)
        {
            var lease = _leases[n];
            var mine = rank >= 0 && n % members.Count == rank;
            if (mine && lease.Version > 0)
            {
                await RenewAsync(n, lease, cancellationToken);
            }
            else if (mine && (stored[n] is null || (_firstRound && Holder(stored[n]!) == Replica)))
            {
                // Free, or, on starting, this replica's own lease from before a restart (the same id): take
                // it. Later a lease under this id that this process does not hold belongs to another
                // process given the same id by mistake; it is left to lapse rather than fought over.
                changed |= await AcquireAsync(n, lease, stored[n]?.Version ?? 0, cancellationToken);
            }
            else if (!mine && lease.Version > 0)
            {
                handOvers.Add(HandOverAsync(n, lease, cancellationToken));
            }
        }

        _firstRound = false;
        if (changed)
        {
            Changed?.Invoke();
        }

        // After the renewals, so that waiting for a loop to finish its batch delays no other lease.
        await Task.WhenAll(handOvers);
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_duration / 3, stop);
                await RefreshAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store is out of reach: leases run out on their own, and their partitions stop with them.
                _logger.LogWarning(ex, "Replica {Replica} of {Group} could not renew its partitions; retrying", Replica, _group);
            }
        }
    }

    private async Task<bool> AcquireAsync(int partition, Lease lease, long expected, CancellationToken cancellationToken)
    {
        var sent = Clock.GetUtcNow();
        if (!await _store.CommitAsync(LeaseCommit(partition, expected, Replica), cancellationToken))
        {
            return false;
        }

        Volatile.Write(ref lease.HeldUntil, Until(sent));
        Volatile.Write(ref lease.Version, expected + 1);
        lease.Fresh = 1;
        _logger.LogInformation("Replica {Replica} of {Group} consumes partition {Partition}", Replica, _group, partition);
        return true;
    }

    private async Task RenewAsync(int partition, Lease lease, CancellationToken cancellationToken)
    {
        var sent = Clock.GetUtcNow();
        if (await _store.CommitAsync(LeaseCommit(partition, lease.Version, Replica), cancellationToken))
        {
            Volatile.Write(ref lease.Version, lease.Version + 1);
            Volatile.Write(ref lease.HeldUntil, Until(sent));
            return;
        }

        // It lapsed and someone else holds it, or it lapsed and is free: taken again next round if still ours.
        _logger.LogWarning("Replica {Replica} of {Group} lost partition {Partition}", Replica, _group, partition);
        Volatile.Write(ref lease.Version, 0);
    }

    // A lease is used for half its time to live from when its commit was sent: the store's clock starts
    // later than ours, and the other half covers a renewal that is slow or lost.
    private long Until(DateTimeOffset sent) => (sent + (_duration / 2)).ToUnixTimeMilliseconds();

    // Asks the partition's loop to stop after its batch, waits for it (at most half a lease), then frees the lease.
    private async Task HandOverAsync(int partition, Lease lease, CancellationToken cancellationToken)
    {
        lease.HandOver = true;
        Changed?.Invoke();
        await Task.WhenAny(lease.Idle.Task, Task.Delay(_duration / 2, cancellationToken));
        await _store.CommitAsync(LeaseCommit(partition, lease.Version, string.Empty) with { TimeToLive = TimeSpan.FromMilliseconds(1) }, cancellationToken);
        Volatile.Write(ref lease.Version, 0);
        lease.HandOver = false;
        lease.Idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _logger.LogInformation("Replica {Replica} of {Group} handed partition {Partition} over", Replica, _group, partition);
    }

    private Commit LeaseCommit(int partition, long expected, string holder) =>
        new(LeaseKey(_group, partition), expected, Encoding.UTF8.GetBytes(holder), []) { TimeToLive = _duration };

    private static string Holder(Versioned lease) => Encoding.UTF8.GetString(lease.Value.Span);

    // The member list: one "id<TAB>expires (Unix ms)" line per replica, rewritten by compare-and-set.
    private async Task<List<string>> HeartbeatAsync(bool leaving, CancellationToken cancellationToken)
    {
        var key = MembersKey(_group);
        for (var attempt = 0; ; attempt++)
        {
            var stored = await _store.GetAsync(key, cancellationToken);
            var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
            var members = Parse(stored).Where(m => m.Value > now && m.Key != Replica).ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
            if (!leaving)
            {
                members[Replica] = now + (long)(3 * _duration.TotalMilliseconds);
            }

            var text = string.Join('\n', members.Select(m => $"{m.Key}\t{m.Value.ToString(CultureInfo.InvariantCulture)}"));
            var commit = new Commit(key, stored?.Version ?? 0, Encoding.UTF8.GetBytes(text), []) { TimeToLive = 3 * _duration };
            if (await _store.CommitAsync(commit, cancellationToken) || attempt >= 8)
            {
                return [.. members.Keys.Order(StringComparer.Ordinal)];
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, long>> Parse(Versioned? stored)
    {
        if (stored is null)
        {
            yield break;
        }

        foreach (var line in Encoding.UTF8.GetString(stored.Value.Span).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab > 0 && long.TryParse(line.AsSpan(tab + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var expires))
            {
                yield return new(line[..tab], expires);
            }
        }
    }

    /// <summary>Leaves the member list and frees every lease held, so the other replicas take the partitions at once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        using var timeout = new CancellationTokenSource(_duration);
        try
        {
            await HeartbeatAsync(leaving: true, timeout.Token);
            for (var n = 0; n < Partitions; n++)
            {
                if (_leases[n].Version > 0)
                {
                    await _store.CommitAsync(LeaseCommit(n, _leases[n].Version, string.Empty) with { TimeToLive = TimeSpan.FromMilliseconds(1) }, timeout.Token);
                    _leases[n].Version = 0;
                }
            }
        }
        catch (Exception ex)
        {
            // The leases run out on their own.
            _logger.LogWarning(ex, "Replica {Replica} of {Group} could not free its partitions on stopping", Replica, _group);
        }

        _stop.Dispose();
    }

    private sealed class Lease
    {
        public long Version;
        public long HeldUntil; // Unix ms
        public volatile bool HandOver;
        public int Fresh;
        public TaskCompletionSource Idle = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
