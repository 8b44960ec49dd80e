using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Platform.InMemory;
using Hld.Platform.Redis;
using Hld.Platform.State;
using Hld.Testing;
using Xunit;

namespace Hld.Platform.Tests;

/// <summary>Positional reads of a topic's log, which projections use to apply each entry exactly once.</summary>
public abstract class EventLogReaderContract
{
    protected abstract (IAggregateStore Store, IEventLogReader Reader) Create();

    private static EventEnvelope Stored(int i) =>
        EventEnvelopes.Create(new EventStored { Envelope = new EventEnvelope { EventId = $"inner-{i}" } }, $"k/{i}", 1, DateTimeOffset.UnixEpoch, "test");

    [Fact]
    public async Task Reads_return_entries_in_commit_order_after_a_position_and_nothing_past_the_end()
    {
        var (store, reader) = Create();
        var topic = Topics.Of<EventStored>();
        for (var i = 0; i < 5; i++)
        {
            Assert.True(await store.TryCommitAsync($"k/{i}", 0, new byte[] { 1 }, [Stored(i)]));
        }

        var first = await reader.ReadAfterAsync(topic, string.Empty, 3, CancellationToken.None);
        var rest = await reader.ReadAfterAsync(topic, first[^1].Position, 10, CancellationToken.None);
        var after = await reader.ReadAfterAsync(topic, rest[^1].Position, 10, CancellationToken.None);

        Assert.Equal(["inner-0", "inner-1", "inner-2"], first.Select(e => e.Envelope.Payload.Unpack<EventStored>().Envelope.EventId));
        Assert.Equal(["inner-3", "inner-4"], rest.Select(e => e.Envelope.Payload.Unpack<EventStored>().Envelope.EventId));
        Assert.Empty(after);
    }
}

public sealed class InMemoryEventLogReaderTests : EventLogReaderContract
{
    protected override (IAggregateStore, IEventLogReader) Create()
    {
        var log = new InMemoryEventStreamLog();
        return (new InMemoryAggregateStore(log), log);
    }
}

public sealed class RedisEventLogReaderTests(RedisServer redis) : EventLogReaderContract, IClassFixture<RedisServer>
{
    protected override (IAggregateStore, IEventLogReader) Create()
    {
        var options = new RedisOptions { Configuration = redis.Configuration, KeyPrefix = $"r{Guid.NewGuid():N}:" };
        return (new RedisAggregateStore(redis.Connection, options), new RedisEventStreamLog(redis.Connection, options));
    }
}
