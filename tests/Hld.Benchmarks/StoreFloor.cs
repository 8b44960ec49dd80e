using Hld.Platform.Events;
using Hld.Platform.Redis;
using Hld.Platform.State;
using StackExchange.Redis;

namespace Hld.Benchmarks;

/// <summary>
/// The store's floor under a write: the compare-and-set commit the platform makes for one write with
/// one event (a new participant at version 0 and its ParticipantRegistered event), issued straight to
/// the benchmark's Redis through the platform's own adapter, with no gRPC and no host. Each commit
/// takes a fresh key, so no two contend. Everything goes under its own key prefix, so its state keys
/// and its event stream are apart from the services' (<c>hld:</c>): no service reads or consumes them,
/// and <see cref="RemoveAsync"/> takes them away again once the figure is taken.
/// </summary>
public sealed class StoreFloor(string redisConfiguration) : IAsyncDisposable
{
    public const string KeyPrefix = "floor:";
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(redisConfiguration);
    private readonly string _run = $"floor-{Environment.ProcessId}";
    private RedisAggregateStore? _store;
    private long _next;

    /// <summary>One commit of a new participant with its event, built as the registry builds them.</summary>
    public async Task CommitOneAsync()
    {
        var n = Interlocked.Increment(ref _next);
        var participant = Seeding.Participant($"{_run}-{n}", n);
        var key = Seeding.Key(participant.Id);
        var envelope = EventEnvelopes.Create(Seeding.Registered(participant), key, 1, Seeding.RegisteredAt, Seeding.Source);
        if (!await Store().CommitAsync(new Commit(key, 0, Seeding.Json(participant), [envelope])))
        {
            // A fresh key never has a version: a conflict here is a fault of the benchmark, not a measurement.
            throw new InvalidOperationException($"the store floor's fresh key {key} already existed");
        }
    }

    /// <summary>Deletes every key under <see cref="KeyPrefix"/>: the participants and the stream the figure wrote.</summary>
    public async Task<long> RemoveAsync()
    {
        var database = _redis.GetDatabase();
        long removed = 0;
        foreach (var endpoint in _redis.GetEndPoints())
        {
            var batch = new List<RedisKey>(1_000);
            await foreach (var key in _redis.GetServer(endpoint).KeysAsync(pattern: $"{KeyPrefix}*", pageSize: 1_000))
            {
                batch.Add(key);
                if (batch.Count == 1_000)
                {
                    removed += await database.KeyDeleteAsync([.. batch]);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                removed += await database.KeyDeleteAsync([.. batch]);
            }
        }

        return removed;
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    // The services' options but the prefix: the same deadline, no stream cap.
    private RedisAggregateStore Store() => _store ??= new(_redis, new RedisOptions { Configuration = redisConfiguration, KeyPrefix = KeyPrefix });
}
