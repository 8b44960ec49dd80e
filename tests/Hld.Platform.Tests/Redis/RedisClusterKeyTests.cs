using Hld.Platform.Redis;
using Hld.Testing;
using StackExchange.Redis;
using Xunit;

namespace Hld.Platform.Tests.Redis;

/// <summary>What a Redis Cluster asks of the key layout, on a real three-primary cluster.</summary>
public sealed class RedisClusterKeyTests(RedisCluster cluster) : IClassFixture<RedisCluster>
{
    [Fact]
    public void A_prefix_without_a_hash_tag_is_refused_on_a_cluster_with_a_message_that_names_the_setting()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new RedisAggregateStore(cluster.Connection, new RedisOptions { KeyPrefix = "hld:" }));

        Assert.Contains("Hld:Redis:KeyPrefix", refused.Message, StringComparison.Ordinal);
        Assert.Contains("hash tag", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_prefix_carries_a_hash_tag_and_is_accepted_on_a_cluster()
    {
        var options = new RedisOptions();

        Assert.Equal("{hld}:", options.KeyPrefix);
        _ = new RedisAggregateStore(cluster.Connection, options);
    }

    [Fact]
    public async Task Without_the_tag_a_commit_would_span_slots_and_the_cluster_refuses_it()
    {
        // Why the check exists: a script over keys of two slots is refused (by the client before the server).
        var db = cluster.Connection.GetDatabase();
        var refused = await Assert.ThrowsAsync<RedisCommandException>(() => db.ScriptEvaluateAsync("return 1", ["hld:state:participant/FRA", "hld:stream:registry.participant-registered"]));

        Assert.Contains("slot", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("{hld}:", "hld")]
    [InlineData("prod:{hld-2013}:", "hld-2013")]
    [InlineData("hld:", null)]
    [InlineData("{}hld:", null)]
    [InlineData("{hld", null)]
    public void The_hash_tag_is_what_redis_cluster_hashes(string prefix, string? tag)
    {
        Assert.Equal(tag, new RedisOptions { KeyPrefix = prefix }.HashTag);
    }

    [Fact]
    public void A_plain_server_accepts_a_prefix_without_a_tag_as_before()
    {
        // Single-primary deployments keep working with an old prefix: the check is for clusters only.
        using var plain = ConnectionMultiplexer.Connect("127.0.0.1:1,abortConnect=false,connectTimeout=100");
        _ = new RedisAggregateStore(plain, new RedisOptions { KeyPrefix = "hld:" });
    }
}
