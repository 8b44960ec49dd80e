using System.Text;
using Hld.Platform.Redis;
using Hld.Platform.State;
using Hld.Testing;
using StackExchange.Redis;
using Xunit;

namespace Hld.Platform.Tests.Redis;

/// <summary>
/// The Redis adapter's near cache (decision 093) on a real redis-server: a value read once is served
/// from the process after that, and every way the stored value can change (this process's commit,
/// another replica's commit or record write, a lost subscription) makes the next read see Redis again.
/// </summary>
public sealed class RedisNearCacheTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string Covered = "registry/participant/";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(Versioned? stored) => Encoding.UTF8.GetString(stored!.Value.Span);

    private static RedisOptions Options(string prefix, int maxEntries = 100) =>
        new() { KeyPrefix = prefix, NearCache = new NearCacheOptions { Prefixes = [Covered], MaxEntries = maxEntries } };

    /// <summary>Two replicas of one service on one Redis: the same prefix and the same near-cache setting.</summary>
    private async Task<Replicas> ReplicasAsync()
    {
        var prefix = $"n{Guid.NewGuid():N}:";
        var first = new RedisAggregateStore(redis.Connection, Options(prefix));
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var second = new RedisAggregateStore(connection, Options(prefix));
        await Eventually.True(() => first.NearCache.Live && second.NearCache.Live, what: "both caches subscribed");
        return new Replicas(first, second, prefix, connection);
    }

    private sealed record Replicas(RedisAggregateStore First, RedisAggregateStore Second, string Prefix, IConnectionMultiplexer SecondConnection) : IDisposable
    {
        public void Dispose()
        {
            First.Dispose();
            Second.Dispose();
            SecondConnection.Dispose();
        }
    }

    private static Task ReadUntilKeptAsync(RedisAggregateStore store, string key) =>
        Eventually.Until(
            async () =>
            {
                await store.GetAsync(key);
                return store.NearCache.TryGet(key, out _);
            },
            kept => kept,
            what: $"{key} kept");

    // Changes the stored value without any announcement, as no writer of this system does: a read that
    // still answers the old value came from the cache.
    private Task BehindTheCacheAsync(string prefix, string key, string value) =>
        redis.Connection.GetDatabase().HashSetAsync($"{prefix}state:{key}", [new HashEntry("v", value), new HashEntry("n", 99)]);

    [Fact]
    public async Task A_covered_value_read_once_is_served_from_the_process_and_other_keys_always_from_Redis()
    {
        using var replicas = await ReplicasAsync();
        var (store, other, prefix) = (replicas.First, replicas.Second, replicas.Prefix);
        Assert.True(await store.CommitAsync(new Commit(Covered + "FRA", 0, Bytes("France"), [])));
        Assert.True(await store.CommitAsync(new Commit("registry/list/NGO", 0, Bytes("list"), [])));
        await store.GetAsync(Covered + "FRA");
        await store.GetAsync("registry/list/NGO");

        await BehindTheCacheAsync(prefix, Covered + "FRA", "changed behind");
        await BehindTheCacheAsync(prefix, "registry/list/NGO", "changed behind");

        Assert.Equal("France", Text(await store.GetAsync(Covered + "FRA")));
        Assert.Equal("changed behind", Text(await store.GetAsync("registry/list/NGO")));
        Assert.Equal(1, store.NearCache.Count);
    }

    [Fact]
    public async Task Whoever_commits_reads_what_it_committed_at_once_and_a_lost_race_is_decided_again_on_what_won()
    {
        using var replicas = await ReplicasAsync();
        var (store, other) = (replicas.First, replicas.Second);
        var key = Covered + "KEN";
        Assert.True(await store.CommitAsync(new Commit(key, 0, Bytes("v1"), [])));
        Assert.Equal(1, (await store.GetAsync(key))!.Version);

        Assert.True(await store.CommitAsync(new Commit(key, 1, Bytes("v2"), [])));
        var afterOwn = await store.GetAsync(key);
        Assert.Equal(("v2", 2L), (Text(afterOwn), afterOwn!.Version));

        // The other replica wins a race this one then loses; its next read is what won, with no wait for the announcement.
        Assert.Equal(2, (await other.GetAsync(key))!.Version);
        Assert.True(await store.CommitAsync(new Commit(key, 2, Bytes("v3"), [])));
        Assert.False(await other.CommitAsync(new Commit(key, 2, Bytes("lost"), [])));
        var afterLoss = await other.GetAsync(key);
        Assert.Equal(("v3", 3L), (Text(afterLoss), afterLoss!.Version));
    }

    [Fact]
    public async Task Another_replicas_commit_and_record_write_are_announced_and_its_cache_forgets_them()
    {
        using var replicas = await ReplicasAsync();
        var (store, other) = (replicas.First, replicas.Second);
        var committed = Covered + "MEX";
        var written = Covered + "NOR";
        Assert.True(await store.CommitAsync(new Commit(committed, 0, Bytes("v1"), [])));
        await store.WriteRecordsAsync([new RecordWrite(written, Bytes("r1"))]);
        // A read that the first writes' own announcements overtake keeps nothing: read until kept.
        await ReadUntilKeptAsync(other, committed);
        await ReadUntilKeptAsync(other, written);
        Assert.Equal("v1", Text(await other.GetAsync(committed)));
        Assert.Equal("r1", Text(await other.GetAsync(written)));

        Assert.True(await store.CommitAsync(new Commit(committed, 1, Bytes("v2"), [])));
        await store.WriteRecordsAsync([new RecordWrite(written, Bytes("r2"))]);

        await Eventually.True(() => !other.NearCache.TryGet(committed, out _) && !other.NearCache.TryGet(written, out _), what: "the other replica to forget both keys");
        Assert.Equal("v2", Text(await other.GetAsync(committed)));
        Assert.Equal("r2", Text(await other.GetAsync(written)));
    }

    [Fact]
    public async Task A_read_that_raced_a_write_is_not_kept()
    {
        using var replicas = await ReplicasAsync();
        var (cache, prefix) = (replicas.First.NearCache, replicas.Prefix);
        var key = Covered + "VNM";
        var stale = new Versioned(Bytes("read before the write"), 1);

        // The write's announcement arrives while the read is under way.
        var mark = cache.Begin(key);
        cache.OnAnnouncement(RedisNearCache.Announce(replicas.Second.NearCache.Writer, [$"{prefix}state:{key}"]));
        cache.Keep(key, stale, mark);
        Assert.False(cache.TryGet(key, out _));

        // An announcement of another key does not stop a read from being kept.
        mark = cache.Begin(key);
        cache.OnAnnouncement(RedisNearCache.Announce(replicas.Second.NearCache.Writer, [$"{prefix}state:{Covered}OTHER"]));
        cache.Keep(key, stale, mark);
        Assert.True(cache.TryGet(key, out _));
    }

    [Fact]
    public async Task An_announcement_it_cannot_read_makes_the_cache_forget_everything()
    {
        using var replicas = await ReplicasAsync();
        var store = replicas.First;
        Assert.True(await store.CommitAsync(new Commit(Covered + "CHL", 0, Bytes("Chile"), [])));
        await store.GetAsync(Covered + "CHL");
        Assert.Equal(1, store.NearCache.Count);

        store.NearCache.OnAnnouncement("another;99:too short"u8);

        Assert.Equal(0, store.NearCache.Count);
    }

    [Fact]
    public async Task The_cache_holds_no_more_than_its_limit_whatever_is_read()
    {
        var prefix = $"n{Guid.NewGuid():N}:";
        using var store = new RedisAggregateStore(redis.Connection, Options(prefix, maxEntries: 3));
        await Eventually.True(() => store.NearCache.Live, what: "the cache subscribed");
        for (var i = 0; i < 10; i++)
        {
            Assert.True(await store.CommitAsync(new Commit($"{Covered}P{i}", 0, Bytes($"p{i}"), [])));
            Assert.Equal($"p{i}", Text(await store.GetAsync($"{Covered}P{i}")));
        }

        Assert.InRange(store.NearCache.Count, 1, 3);
    }

    [Fact]
    public async Task A_dropped_subscription_forgets_everything_and_serves_nothing_until_it_is_back()
    {
        var prefix = $"n{Guid.NewGuid():N}:";
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        using var store = new RedisAggregateStore(connection, Options(prefix));
        await Eventually.True(() => store.NearCache.Live, what: "the cache subscribed");
        var key = Covered + "PER";
        Assert.True(await store.CommitAsync(new Commit(key, 0, Bytes("Peru"), [])));
        await store.GetAsync(key);
        var subscriptions = store.NearCache.Subscriptions;

        // Announcements made while the subscription is down are lost; a write behind the cache stands for them.
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var killed = await admin.GetServer($"127.0.0.1:{redis.Port}").ExecuteAsync("CLIENT", "KILL", "TYPE", "pubsub");
        Assert.True((long)killed >= 1);
        await BehindTheCacheAsync(prefix, key, "written while unsubscribed");

        await Eventually.True(() => store.NearCache.Live && store.NearCache.Subscriptions > subscriptions, what: "the cache subscribed again");
        Assert.Equal("written while unsubscribed", Text(await store.GetAsync(key)));
    }

    private sealed record Named(string Name, IReadOnlyList<string> Tags);

    [Fact]
    public async Task A_value_the_cache_keeps_is_decoded_once_for_every_reader_and_anew_once_it_changes()
    {
        using var replicas = await ReplicasAsync();
        var store = replicas.First;
        var repository = new AggregateRepository(store, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new Hld.Platform.Hosting.HldOptions { AppId = "registry" }));
        const string key = Covered + "NGA";
        await repository.CommitAsync(key, 0, new Named("Nigeria", ["AFG"]), [], CancellationToken.None);
        await ReadUntilKeptAsync(store, key);

        var first = await repository.LoadAsync<Named>(key, CancellationToken.None);
        var second = await repository.LoadAsync<Named>(key, CancellationToken.None);
        Assert.Same(first!.Value, second!.Value);
        Assert.Equal("Nigeria", second.Value.Name);

        await repository.CommitAsync(key, first.Version, first.Value with { Name = "Federal Republic of Nigeria" }, [], CancellationToken.None);
        var changed = await repository.LoadAsync<Named>(key, CancellationToken.None);
        Assert.Equal(("Federal Republic of Nigeria", 2L), (changed!.Value.Name, changed.Version));
        Assert.NotSame(first.Value, changed.Value);

        // A key the cache does not cover is decoded on every read: no reader shares another's aggregate.
        await repository.CommitAsync("registry/list/NGO", 0, new Named("list", []), [], CancellationToken.None);
        var once = await repository.LoadAsync<Named>("registry/list/NGO", CancellationToken.None);
        var again = await repository.LoadAsync<Named>("registry/list/NGO", CancellationToken.None);
        Assert.Equal(once!.Value.Name, again!.Value.Name);
        Assert.NotSame(once.Value, again.Value);
    }
}
