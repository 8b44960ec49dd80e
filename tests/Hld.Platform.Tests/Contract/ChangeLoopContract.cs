using Hld.Contracts.Events.V1;
using Hld.Platform.Errors;
using Hld.Platform.Hosting;
using Hld.Platform.InMemory;
using Hld.Platform.Redis;
using Hld.Platform.State;
using Hld.Testing;
using Microsoft.Extensions.Options;
using Xunit;

namespace Hld.Platform.Tests.Contract;

/// <summary>
/// The platform's one write loop (<see cref="AggregateRepository.ChangeAsync{T}(string, Func{Loaded{T}?, ValueTask{Change{T}?}}, int, CancellationToken)"/>),
/// which every service's command and handler goes through, on each adapter that commits atomically.
/// A competing writer is simulated by committing straight to the store from inside the decision.
/// </summary>
public abstract class ChangeLoopContract(Func<IAggregateStore> createStore)
{
    private const string Key = "tests/change-loop/tally";

    private readonly IAggregateStore _store = createStore();

    private AggregateRepository Repository => new(_store, TimeProvider.System, Options.Create(new HldOptions { AppId = "tests" }));

    [Fact]
    public async Task A_lost_race_is_decided_again_on_what_the_winner_wrote()
    {
        var repository = Repository;
        var seen = new List<Tally?>();
        var stored = await repository.ChangeAsync<Tally>(Key, async current =>
        {
            seen.Add(current?.Value);
            if (seen.Count == 1)
            {
                await repository.CommitAsync(Key, 0, new Tally(["winner"]), [], CancellationToken.None);
            }

            return new Change<Tally>(new Tally([.. current?.Value.Names ?? [], "mine"]), [new ParticipantRegistered { ParticipantId = "MINE" }]);
        }, AggregateRepository.RequestAttempts, CancellationToken.None);

        Assert.Equal(2, seen.Count);
        Assert.Null(seen[0]);
        Assert.Equal(new[] { "winner" }, seen[1]!.Names);
        Assert.Equal(new[] { "winner", "mine" }, stored!.Value.Names);
        Assert.Equal(2, stored.Version);
        Assert.Equal(new[] { "winner", "mine" }, (await repository.LoadAsync<Tally>(Key, CancellationToken.None))!.Value.Names);
    }

    [Fact]
    public async Task The_last_lost_race_is_aborted_and_the_winner_kept()
    {
        var repository = Repository;
        var decisions = 0;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.ChangeAsync<Tally>(Key, async current =>
        {
            decisions++;
            await repository.CommitAsync(Key, current?.Version ?? 0, new Tally([$"winner {decisions}"]), [], CancellationToken.None);
            return new Change<Tally>(new Tally(["loser"]), []);
        }, 3, CancellationToken.None));

        Assert.Equal(3, decisions);
        var stored = await repository.LoadAsync<Tally>(Key, CancellationToken.None);
        Assert.Equal(new[] { "winner 3" }, stored!.Value.Names);
        Assert.Equal(3, stored.Version);
    }

    [Fact]
    public async Task No_change_commits_nothing_and_returns_what_is_stored()
    {
        var repository = Repository;
        await repository.CommitAsync(Key, 0, new Tally(["first"]), [], CancellationToken.None);

        var stored = await repository.ChangeAsync<Tally>(Key, _ => null, AggregateRepository.RequestAttempts, CancellationToken.None);

        Assert.Equal(new[] { "first" }, stored!.Value.Names);
        Assert.Equal(1, stored.Version);
        Assert.Equal(1, await _store.GetVersionAsync(Key));
        Assert.Null(await repository.ChangeAsync<Tally>("tests/change-loop/never", _ => null, 1, CancellationToken.None));
    }

    [Fact]
    public async Task A_refusal_reaches_the_caller_and_writes_nothing()
    {
        var repository = Repository;
        await Assert.ThrowsAsync<InvalidArgumentException>(() => repository.ChangeAsync<Tally>(Key,
            Change<Tally>? (_) => throw new InvalidArgumentException([new FieldViolation("name", "is refused")]), AggregateRepository.UntilCommitted, CancellationToken.None));
        Assert.Equal(0, await _store.GetVersionAsync(Key));
    }

    [Fact]
    public async Task Records_and_index_appends_commit_with_the_change()
    {
        var repository = Repository;
        var record = new RecordWrite("tests/change-loop/record", "\"noted\""u8.ToArray());
        var stored = await repository.ChangeAsync<Tally>(Key, _ => new Change<Tally>(new Tally(["one"]), [])
        {
            Records = [record],
            Appends = [new IndexAppend("tests/change-loop/index", "one")],
        }, 1, CancellationToken.None);

        Assert.Equal(1, stored!.Version);
        Assert.Equal("\"noted\"", System.Text.Encoding.UTF8.GetString((await _store.GetAsync(record.Key))!.Value.Span));
        var index = await _store.ReadIndexAsync("tests/change-loop/index", 0, 10);
        Assert.Equal(new[] { new IndexEntry(1, "one") }, index);
    }

    public sealed record Tally(IReadOnlyList<string> Names);
}

public sealed class InMemoryChangeLoopContract() : ChangeLoopContract(() => new InMemoryAggregateStore(new InMemoryEventStreamLog()));

public sealed class RedisChangeLoopContract(RedisServer redis)
    : ChangeLoopContract(() => new RedisAggregateStore(redis.Connection, new RedisOptions { Configuration = redis.Configuration, KeyPrefix = $"t{Guid.NewGuid():N}:" })),
    IClassFixture<RedisServer>;

public sealed class RedisClusterChangeLoopContract(RedisCluster cluster)
    : ChangeLoopContract(() => new RedisAggregateStore(cluster.Connection, new RedisOptions { Configuration = cluster.Configuration, KeyPrefix = RedisClusterKeys.TaggedPrefix() })),
    IClassFixture<RedisCluster>;
