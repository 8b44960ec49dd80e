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
public sealed class RedisAdapterContract(RedisServer redis) : StateAndEventsContract(new RedisHarnessFactory(redis)), IClassFixture<RedisServer>
{
    private sealed class RedisHarnessFactory(RedisServer redis) : IAdapterHarnessFactory
    {
        public Task<IAdapterHarness> CreateAsync(EventDeliveryOptions options)
        {
            var redisOptions = new RedisOptions { Configuration = redis.Configuration, KeyPrefix = $"t{Guid.NewGuid():N}:" };
            var store = new RedisAggregateStore(redis.Connection, redisOptions);
            var log = new RedisEventStreamLog(redis.Connection, redisOptions);
            var bus = new PollingEventBus(log, Options.Create(options), NullLogger<PollingEventBus>.Instance);
            return Task.FromResult<IAdapterHarness>(new Harness(store, bus));
        }
    }

    private sealed record Harness(IAggregateStore Store, IEventBus Bus) : IAdapterHarness
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
