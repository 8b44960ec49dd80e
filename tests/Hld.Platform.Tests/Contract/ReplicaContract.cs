using System.Collections.Concurrent;
using System.Text;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Events;
using Hld.Platform.InMemory;
using Hld.Platform.Redis;
using Hld.Platform.State;
using Hld.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Hld.Platform.Tests.Contract;

/// <summary>
/// Two replicas of one consumer on one stream (decision 015): they split the partitions, each
/// aggregate's events are handled in order by one replica at a time, and none is handled twice, also
/// when a replica stops or its store goes away mid-stream. Run on every adapter of the polling bus.
/// </summary>
public abstract class ReplicaContract(Func<(IAggregateStore Store, Func<IEventStreamLog> Log)> adapter)
{
    private const string Group = "replica-test";
    private const int Partitions = 4;
    private static readonly DateTimeOffset At = new(2013, 7, 15, 9, 0, 0, TimeSpan.Zero);

    private static EventDeliveryOptions Delivery(string replica) => new()
    {
        Partitions = Partitions,
        ReplicaId = replica,
        LeaseDuration = TimeSpan.FromMilliseconds(900),
        RedeliveryAfter = TimeSpan.FromMilliseconds(400),
        PollInterval = TimeSpan.FromMilliseconds(50),
        BatchSize = 8,
    };

    [Fact]
    public async Task Two_replicas_split_the_partitions_and_handle_each_aggregate_in_order_once()
    {
        var (store, log) = adapter();
        var handled = new ConcurrentQueue<Handled>();
        await using var a = await Replica.StartAsync(store, log(), "replica-a", handled);
        await using var b = await Replica.StartAsync(store, log(), "replica-b", handled);
        await WaitForSplitAsync(store, "replica-a", "replica-b");

        await CommitAsync(store, aggregates: 24, versions: 5);
        await Eventually.True(() => handled.Count >= 24 * 5, TimeSpan.FromSeconds(30));
        await Task.Delay(300); // anything handled twice would show now

        AssertInOrderOnce(handled, aggregates: 24, versions: 5);
        Assert.Contains(handled, h => h.Replica == "replica-a");
        Assert.Contains(handled, h => h.Replica == "replica-b");
        Assert.All(handled.GroupBy(h => h.Aggregate), g => Assert.Single(g.Select(h => h.Replica).Distinct()));
    }

    [Fact]
    public async Task When_a_replica_stops_mid_stream_the_other_takes_its_partitions_and_nothing_is_lost_or_repeated()
    {
        var (store, log) = adapter();
        var handled = new ConcurrentQueue<Handled>();
        await using var a = await Replica.StartAsync(store, log(), "replica-a", handled, slow: true);
        await using var b = await Replica.StartAsync(store, log(), "replica-b", handled, slow: true);
        await WaitForSplitAsync(store, "replica-a", "replica-b");

        var writing = CommitAsync(store, aggregates: 16, versions: 6);
        await Eventually.True(() => handled.Count(h => h.Replica == "replica-a") >= 5, TimeSpan.FromSeconds(30));
        await a.DisposeAsync();
        await writing;
        await Eventually.True(() => handled.Count >= 16 * 6, TimeSpan.FromSeconds(30));
        await Task.Delay(300);

        AssertInOrderOnce(handled, aggregates: 16, versions: 6);
        await HoldersAsync(store, holders => holders.All(h => h == "replica-b"));
    }

    [Fact]
    public async Task When_a_replica_loses_its_store_its_partitions_lapse_to_the_other_in_order()
    {
        var (store, log) = adapter();
        var handled = new ConcurrentQueue<Handled>();
        var cut = new SeveredStore(store);
        await using var a = await Replica.StartAsync(cut, log(), "replica-a", handled, slow: true);
        await using var b = await Replica.StartAsync(store, log(), "replica-b", handled, slow: true);
        await WaitForSplitAsync(store, "replica-a", "replica-b");

        var writing = CommitAsync(store, aggregates: 16, versions: 6);
        await Eventually.True(() => handled.Count(h => h.Replica == "replica-a") >= 5, TimeSpan.FromSeconds(30));
        cut.Sever(); // replica A can neither renew nor mark what it handles: its leases run out
        await writing;
        await HoldersAsync(store, holders => holders.All(h => h == "replica-b"));
        await Eventually.True(() => handled.Select(h => (h.Aggregate, h.Version)).Distinct().Count() >= 16 * 6, TimeSpan.FromSeconds(30));

        // A's deliveries that it could not mark were delivered again to B; the processed markers of
        // what A did mark keep those from a second effect. What A handled and could not mark is the
        // one place an effect may repeat (at least once), and only ever as a repeat of the last one.
        var firsts = handled.GroupBy(h => (h.Aggregate, h.Version)).Select(g => g.First()).ToList();
        AssertInOrderOnce(new ConcurrentQueue<Handled>(firsts), aggregates: 16, versions: 6);
    }

    private static void AssertInOrderOnce(IEnumerable<Handled> handled, int aggregates, int versions)
    {
        var list = handled.ToList();
        Assert.Equal(aggregates * versions, list.Count);
        Assert.Equal(aggregates * versions, list.Select(h => (h.Aggregate, h.Version)).Distinct().Count());
        Assert.All(list.GroupBy(h => h.Aggregate), g => Assert.Equal(Enumerable.Range(1, versions).Select(v => (long)v), g.Select(h => h.Version)));
    }

    private static async Task CommitAsync(IAggregateStore store, int aggregates, int versions)
    {
        for (var v = 1; v <= versions; v++)
        {
            for (var i = 0; i < aggregates; i++)
            {
                var key = $"participant/P{i:D3}";
                var envelope = EventEnvelopes.Create(ParticipantRegistered.Of(new Participant { ParticipantId = $"P{i:D3}", Category = ParticipantCategory.MemberState }), key, v, At, "replica-test");
                Assert.True(await store.TryCommitAsync(key, v - 1, Encoding.UTF8.GetBytes($"v{v}"), [envelope]));
            }
        }
    }

    private static Task WaitForSplitAsync(IAggregateStore store, params string[] replicas) =>
        HoldersAsync(store, holders => replicas.All(r => holders.Count(h => h == r) == Partitions / replicas.Length));

    // Waits until the partitions' lease holders, as the store has them, are as wanted.
    private static Task<string?[]> HoldersAsync(IAggregateStore store, Func<string?[], bool> wanted) =>
        Eventually.Until(
            async () => (await store.GetManyAsync([.. Enumerable.Range(0, Partitions).Select(n => PartitionLeases.LeaseKey(Group, n))]))
                .Select(lease => lease is null ? null : Encoding.UTF8.GetString(lease.Value.Span)).ToArray(),
            wanted,
            TimeSpan.FromSeconds(20),
            "the partitions' lease holders");

    private sealed record Handled(string Replica, string Aggregate, long Version);

    /// <summary>One replica as a host wires it: its own bus and dispatcher over the shared store and log.</summary>
    private sealed class Replica : IAsyncDisposable
    {
        private readonly ServiceProvider _provider;
        private readonly EventDispatcher _dispatcher;
        private IAsyncDisposable? _subscription;

        private Replica(ServiceProvider provider, EventDispatcher dispatcher)
        {
            _provider = provider;
            _dispatcher = dispatcher;
        }

        public static async Task<Replica> StartAsync(IAggregateStore store, IEventStreamLog log, string id, ConcurrentQueue<Handled> handled, bool slow = false)
        {
            var options = Delivery(id);
            var services = new ServiceCollection();
            services.AddSingleton(new RecordingHandler(id, handled, slow));
            services.AddEventHandler<ParticipantRegistered, RecordingHandler>();
            var provider = services.BuildServiceProvider();
            var dispatcher = new EventDispatcher(store, provider.GetRequiredService<IServiceScopeFactory>(), provider.GetServices<EventSubscription>(),
                Options.Create(options), TimeProvider.System, NullLogger<EventDispatcher>.Instance);
            var bus = new PollingEventBus(log, Options.Create(options), NullLogger<PollingEventBus>.Instance, store);
            var replica = new Replica(provider, dispatcher);
            replica._subscription = await bus.SubscribeAsync(Group, dispatcher.Topics, (e, ct) => dispatcher.DispatchAsync(Group, e, ct));
            return replica;
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _subscription, null) is { } subscription)
            {
                await subscription.DisposeAsync();
                await _dispatcher.DisposeAsync();
                await _provider.DisposeAsync();
            }
        }
    }

    private sealed class RecordingHandler(string replica, ConcurrentQueue<Handled> handled, bool slow) : IEventHandler<ParticipantRegistered>
    {
        public async Task HandleAsync(ParticipantRegistered message, EventEnvelope envelope, CancellationToken cancellationToken)
        {
            if (slow)
            {
                await Task.Delay(Random.Shared.Next(2, 8), cancellationToken);
            }

            handled.Enqueue(new Handled(replica, envelope.AggregateKey, envelope.AggregateVersion));
        }
    }

    /// <summary>A store a replica loses: every call fails once severed, as over a broken network.</summary>
    private sealed class SeveredStore(IAggregateStore inner) : IAggregateStore
    {
        private volatile bool _severed;

        public void Sever() => _severed = true;

        public bool CommitsAtomically => inner.CommitsAtomically;

        private T Live<T>(Func<T> call) => _severed ? throw new TimeoutException("The store is out of reach.") : call();

        public Task<Versioned?> GetAsync(string key, CancellationToken cancellationToken = default) => Live(() => inner.GetAsync(key, cancellationToken));

        public Task<IReadOnlyList<Versioned?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default) => Live(() => inner.GetManyAsync(keys, cancellationToken));

        public Task<bool> TryCommitAsync(string key, long expectedVersion, ReadOnlyMemory<byte> value, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken = default) =>
            Live(() => inner.TryCommitAsync(key, expectedVersion, value, events, cancellationToken));

        public Task<bool> CommitAsync(Commit commit, CancellationToken cancellationToken = default) => Live(() => inner.CommitAsync(commit, cancellationToken));

        public Task WriteRecordsAsync(IReadOnlyList<RecordWrite> records, CancellationToken cancellationToken = default) => Live(() => inner.WriteRecordsAsync(records, cancellationToken));

        public Task AppendAsync(IndexAppend append, CancellationToken cancellationToken = default) => Live(() => inner.AppendAsync(append, cancellationToken));

        public Task<IReadOnlyList<IndexEntry>> ReadIndexAsync(string index, long afterPosition, int count, CancellationToken cancellationToken = default) =>
            Live(() => inner.ReadIndexAsync(index, afterPosition, count, cancellationToken));

        public Task<long> IndexLengthAsync(string index, CancellationToken cancellationToken = default) => Live(() => inner.IndexLengthAsync(index, cancellationToken));
    }
}

public sealed class InMemoryReplicaContract() : ReplicaContract(() =>
{
    var log = new InMemoryEventStreamLog();
    return (new InMemoryAggregateStore(log), () => log);
});

public sealed class RedisReplicaContract(RedisServer redis) : ReplicaContract(() =>
{
    var options = new RedisOptions { KeyPrefix = $"r{Guid.NewGuid():N}:" };
    return (new RedisAggregateStore(redis.Connection, options), () => new RedisEventStreamLog(redis.Connection, options));
}), IClassFixture<RedisServer>;

public sealed class RedisClusterReplicaContract(RedisCluster cluster) : ReplicaContract(() =>
{
    var options = new RedisOptions { KeyPrefix = RedisClusterKeys.TaggedPrefix() };
    return (new RedisAggregateStore(cluster.Connection, options), () => new RedisEventStreamLog(cluster.Connection, options));
}), IClassFixture<RedisCluster>;
