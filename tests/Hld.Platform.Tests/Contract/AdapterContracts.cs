using Hld.Platform.Events;
using Hld.Platform.InMemory;
using Hld.Platform.Redis;
using Hld.Platform.State;
using Hld.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Hld.Platform.Tests.Contract;

/// <summary>The contract against the in-memory adapter (tests only).</summary>
public sealed class InMemoryAdapterContract() : StateAndEventsContract(new InMemoryHarnessFactory())
{
    private sealed class InMemoryHarnessFactory : IAdapterHarnessFactory
    {
        public Task<IAdapterHarness> CreateAsync(EventDeliveryOptions options)
        {
            var log = new InMemoryEventStreamLog();
            var store = new InMemoryAggregateStore(log);
            var bus = new PollingEventBus(log, Options.Create(options), NullLogger<PollingEventBus>.Instance);
            return Task.FromResult<IAdapterHarness>(new Harness(store, bus));
        }
    }

    private sealed record Harness(IAggregateStore Store, IEventBus Bus) : IAdapterHarness
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>The contract against a real redis-server process; each test gets its own key prefix.</summary>
public sealed class RedisAdapterContract(RedisServer redis)
    : StateAndEventsContract(new RedisHarnessFactory(() => redis.Connection, () => $"t{Guid.NewGuid():N}:")), IClassFixture<RedisServer>;

/// <summary>
/// The contract against the Redis adapter with its near cache on for the keys the contract writes
/// (decision 093): whatever is read from the cache, every case holds as it does without it.
/// </summary>
public sealed class RedisNearCacheAdapterContract(RedisServer redis)
    : StateAndEventsContract(new RedisHarnessFactory(() => redis.Connection, () => $"t{Guid.NewGuid():N}:", new NearCacheOptions { Prefixes = ["k", "participant/", "a/", "request/"] })), IClassFixture<RedisServer>;

/// <summary>
/// The contract against a real three-primary Redis Cluster: each test's prefix carries its own hash
/// tag, so every key a commit or a read touches sits in one slot, as on a production cluster.
/// </summary>
public sealed class RedisClusterAdapterContract(RedisCluster cluster)
    : StateAndEventsContract(new RedisHarnessFactory(() => cluster.Connection, RedisClusterKeys.TaggedPrefix)), IClassFixture<RedisCluster>;

/// <summary>The Redis adapter's store and log on one connection, under a fresh prefix per test.</summary>
internal sealed class RedisHarnessFactory(Func<StackExchange.Redis.IConnectionMultiplexer> connection, Func<string> prefix, NearCacheOptions? nearCache = null) : IAdapterHarnessFactory
{
    public Task<IAdapterHarness> CreateAsync(EventDeliveryOptions options)
    {
        var redisOptions = new RedisOptions { KeyPrefix = prefix(), NearCache = nearCache ?? new NearCacheOptions() };
        var store = new RedisAggregateStore(connection(), redisOptions);
        var log = new RedisEventStreamLog(connection(), redisOptions);
        var bus = new PollingEventBus(log, Options.Create(options), NullLogger<PollingEventBus>.Instance);
        return Task.FromResult<IAdapterHarness>(new Harness(store, bus));
    }

    private sealed record Harness(RedisAggregateStore Store, IEventBus Bus) : IAdapterHarness
    {
        IAggregateStore IAdapterHarness.Store => Store;

        public ValueTask DisposeAsync()
        {
            Store.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

internal static class RedisClusterKeys
{
    /// <summary>A fresh namespace for one test, hashed as one slot: <c>{t…}:</c>.</summary>
    public static string TaggedPrefix() => "{t" + Guid.NewGuid().ToString("N") + "}:";
}
