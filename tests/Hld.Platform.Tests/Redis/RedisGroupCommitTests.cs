using System.Text;
using Hld.Platform.Redis;
using Hld.Platform.State;
using Hld.Testing;
using StackExchange.Redis;
using Xunit;

namespace Hld.Platform.Tests.Redis;

/// <summary>
/// Group commit on Redis (decision 018): commits made at once share scripts, so Redis runs fewer
/// scripts than it is given commits, while a lone commit is still sent at once. The contract suite
/// proves that each commit of a group still holds or fails on its own checks.
/// </summary>
public sealed class RedisGroupCommitTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private RedisAggregateStore NewStore(int commitsPerScript = 64) =>
        new(redis.Connection, new RedisOptions { KeyPrefix = $"g{Guid.NewGuid():N}:", CommitsPerScript = commitsPerScript });

    private async Task<long> ScriptsRunAsync()
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        var info = await admin.GetServer($"127.0.0.1:{redis.Port}").InfoAsync("commandstats");
        return info.SelectMany(g => g)
            .Where(p => p.Key is "cmdstat_evalsha" or "cmdstat_eval")
            .Sum(p => long.Parse(p.Value.Split(',')[0]["calls=".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(64, 5, 150)]
    [InlineData(1, 300, 300)]
    public async Task Three_hundred_commits_made_at_once_share_scripts_unless_grouping_is_off(int commitsPerScript, long fewest, long most)
    {
        var store = NewStore(commitsPerScript);
        var before = await ScriptsRunAsync();

        var held = await Task.WhenAll(Enumerable.Range(0, 300).Select(i =>
            Task.Run(() => store.CommitAsync(new Commit($"k/{i}", 0, Encoding.UTF8.GetBytes($"v{i}"), [])))));

        var scripts = await ScriptsRunAsync() - before;
        Assert.All(held, Assert.True);
        Assert.InRange(scripts, fewest, most);
        Assert.Equal(300, (await store.GetManyAsync([.. Enumerable.Range(0, 300).Select(i => $"k/{i}")])).Count(v => v?.Version == 1));
    }

    [Fact]
    public async Task A_lone_commit_is_one_script_and_reads_back_at_once()
    {
        var store = NewStore();
        var before = await ScriptsRunAsync();

        Assert.True(await store.CommitAsync(new Commit("alone", 0, "v"u8.ToArray(), [])));

        Assert.Equal(1, await ScriptsRunAsync() - before);
        Assert.Equal(1, (await store.GetAsync("alone"))!.Version);
    }

    [Fact]
    public async Task A_commit_whose_caller_gave_up_before_it_was_sent_writes_nothing()
    {
        var store = NewStore();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.CommitAsync(new Commit("given-up", 0, "v"u8.ToArray(), []), cancelled.Token));

        Assert.Null(await store.GetAsync("given-up"));
    }
}
