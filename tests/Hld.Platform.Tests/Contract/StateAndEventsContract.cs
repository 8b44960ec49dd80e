using System.Collections.Concurrent;
using System.Text;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Events;
using Hld.Platform.State;
using Hld.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Hld.Platform.Tests.Contract;

/// <summary>
/// The one contract every adapter must meet (DESIGN.md, State and events). Each adapter runs this
/// class unchanged through a subclass that only says how to build its harness.
/// </summary>
public abstract class StateAndEventsContract(IAdapterHarnessFactory factory)
{
    private static readonly DateTimeOffset At = new(2013, 7, 15, 9, 0, 0, TimeSpan.Zero);

    private static EventDeliveryOptions FastDelivery(int maxAttempts = 5) => new()
    {
        MaxAttempts = maxAttempts,
        RedeliveryAfter = TimeSpan.FromMilliseconds(200),
        PollInterval = TimeSpan.FromMilliseconds(50),
        BatchSize = 16,
    };

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static EventEnvelope Registered(string participantId, long version = 1) =>
        EventEnvelopes.Create(ParticipantRegistered.Of(new Participant { ParticipantId = participantId, Category = ParticipantCategory.MemberState }), $"participant/{participantId}", version, At, "contract-test");

    [Fact]
    public async Task A_committed_value_reads_back_with_version_one()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());

        Assert.True(await harness.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), []));
        var stored = await harness.Store.GetAsync("participant/FRA");

        Assert.NotNull(stored);
        Assert.Equal("France", Encoding.UTF8.GetString(stored.Value.Span));
        Assert.Equal(1, stored.Version);
        Assert.Equal("1", stored.Etag);
        Assert.Null(await harness.Store.GetAsync("participant/never-written"));
    }

    [Fact]
    public async Task A_second_first_write_is_refused_and_keeps_the_first_value()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());
        Assert.True(await harness.Store.TryCommitAsync("k", 0, Bytes("first"), []));

        Assert.False(await harness.Store.TryCommitAsync("k", 0, Bytes("second"), []));

        var stored = await harness.Store.GetAsync("k");
        Assert.Equal("first", Encoding.UTF8.GetString(stored!.Value.Span));
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task A_write_with_a_stale_version_is_refused_and_changes_nothing()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());
        Assert.True(await harness.Store.TryCommitAsync("k", 0, Bytes("v1"), []));
        Assert.True(await harness.Store.TryCommitAsync("k", 1, Bytes("v2"), []));

        Assert.False(await harness.Store.TryCommitAsync("k", 1, Bytes("stale"), []));

        var stored = await harness.Store.GetAsync("k");
        Assert.Equal("v2", Encoding.UTF8.GetString(stored!.Value.Span));
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task Of_concurrent_writers_with_the_same_version_exactly_one_wins()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());
        Assert.True(await harness.Store.TryCommitAsync("k", 0, Bytes("base"), []));

        var writers = Enumerable.Range(0, 8).Select(i => harness.Store.TryCommitAsync("k", 1, Bytes($"writer-{i}"), [Registered($"W{i}", 2)]));
        var results = await Task.WhenAll(writers);

        Assert.Single(results, r => r);
        var winner = Array.IndexOf(results, true);
        var stored = await harness.Store.GetAsync("k");
        Assert.Equal($"writer-{winner}", Encoding.UTF8.GetString(stored!.Value.Span));
        Assert.Equal(2, stored.Version);
    }

    [Fact]
    public async Task Committed_events_are_delivered_with_their_ids_and_a_refused_write_publishes_nothing()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());
        var seen = new ConcurrentQueue<EventEnvelope>();
        await using var dispatch = Dispatch(harness, FastDelivery(), (_, e) => seen.Enqueue(e));
        await using var subscription = await dispatch.SubscribeAsync("contract-consumer");

        var accepted = Registered("FRA");
        var refused = Registered("DEU");
        Assert.True(await harness.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), [accepted]));
        Assert.False(await harness.Store.TryCommitAsync("participant/FRA", 0, Bytes("stale"), [refused]));
        // The sentinel is the same aggregate's next commit, after the refused one. Not every adapter
        // keeps order across aggregates (under Dapr, partitions of a batch run in parallel), so the
        // test waits for both the accepted event and the sentinel rather than for one of them.
        var sentinel = Registered("FRA", 2);
        Assert.True(await harness.Store.TryCommitAsync("participant/FRA", 1, Bytes("France again"), [sentinel]));

        await Eventually.True(() => seen.Any(e => e.EventId == sentinel.EventId) && seen.Any(e => e.EventId == accepted.EventId), what: "the accepted event and the sentinel");
        Assert.Contains(seen, e => e.EventId == accepted.EventId && e.Payload.Unpack<ParticipantRegistered>().ParticipantId == "FRA");
        Assert.DoesNotContain(seen, e => e.EventId == refused.EventId);
    }

    [Fact]
    public async Task An_event_taken_by_a_consumer_that_dies_before_acknowledging_is_delivered_again()
    {
        var options = FastDelivery();
        await using var harness = await factory.CreateAsync(options);
        var taken = new TaskCompletionSource();
        var redelivered = new TaskCompletionSource<EventEnvelope>(TaskCreationOptions.RunContinuationsAsynchronously);

        // The first consumer takes the event and hangs until it is killed: it never acknowledges.
        await using var crashing = Dispatch(harness, options, async (_, _, ct) =>
        {
            taken.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        });
        var first = await crashing.SubscribeAsync("contract-consumer");
        var envelope = Registered("FRA");
        Assert.True(await harness.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), [envelope]));
        await taken.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await first.DisposeAsync();

        await using var survivor = Dispatch(harness, options, (_, e) => redelivered.TrySetResult(e));
        await using var second = await survivor.SubscribeAsync("contract-consumer");

        var again = await redelivered.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(envelope.EventId, again.EventId);
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_sends_the_event_to_dead_letter_after_max_attempts_and_it_is_counted()
    {
        var options = FastDelivery(maxAttempts: 3);
        await using var harness = await factory.CreateAsync(options);
        var attempts = 0;
        await using var failing = Dispatch(harness, options, (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidOperationException("handler is broken");
        });
        await using var subscription = await failing.SubscribeAsync("contract-consumer");
        var deadLetters = new ConcurrentQueue<DeadLetter>();
        await using var watcher = Dispatch<DeadLetter>(harness, options, (l, _) => deadLetters.Enqueue(l));
        await using var watching = await watcher.SubscribeAsync("dead-letter-watcher");

        var envelope = Registered("FRA");
        Assert.True(await harness.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), [envelope]));

        await Eventually.Until(() => failing.Dispatcher.DeadLetterCountAsync("contract-consumer"), c => c == 1, what: "the dead-letter count");
        var letter = (await Eventually.Until(() => Task.FromResult(deadLetters.ToArray()), l => l.Length == 1, what: "the dead letter event"))[0];
        Assert.Equal(envelope.EventId, letter.Envelope.EventId);
        Assert.Equal(3, letter.Attempts);
        Assert.Equal("contract-consumer", letter.ConsumerGroup);
        Assert.Contains("handler is broken", letter.LastError, StringComparison.Ordinal);
        Assert.Equal(3, Volatile.Read(ref attempts));
    }

    [Fact]
    public async Task A_dead_letter_is_listed_and_an_operator_replays_it_once_when_its_handler_works_again()
    {
        var options = FastDelivery(maxAttempts: 2);
        await using var harness = await factory.CreateAsync(options);
        var broken = true;
        var applied = 0;
        await using var dispatch = Dispatch(harness, options, (_, _) =>
        {
            if (Volatile.Read(ref broken))
            {
                throw new InvalidOperationException("handler is broken");
            }

            Interlocked.Increment(ref applied);
        });
        await using var subscription = await dispatch.SubscribeAsync("contract-consumer");
        var envelope = Registered("FRA");
        Assert.True(await harness.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), [envelope]));
        await Eventually.Until(() => dispatch.Dispatcher.DeadLetterCountAsync("contract-consumer"), c => c == 1, what: "the dead letter");

        // Under Dapr the letter and its place in the list follow the count's commit (004).
        var (letters, next, total) = await Eventually.Until(() => dispatch.Dispatcher.ListDeadLettersAsync("contract-consumer", 0, 10, CancellationToken.None), r => r.Letters.Count == 1, what: "the listed letter");
        var listed = Assert.Single(letters);
        Assert.Equal((envelope.EventId, 2, 1L, 0L), (listed.Letter.Envelope.EventId, listed.Letter.Attempts, total, next));
        Assert.Null(listed.ReplayedAt);

        await Assert.ThrowsAsync<Hld.Platform.Errors.PlatformPreconditionException>(() => dispatch.Dispatcher.ReplayDeadLetterAsync("contract-consumer", envelope.EventId, CancellationToken.None));
        Assert.Null(Assert.Single((await dispatch.Dispatcher.ListDeadLettersAsync("contract-consumer", 0, 10, CancellationToken.None)).Letters).ReplayedAt);

        Volatile.Write(ref broken, false);
        var replayed = await dispatch.Dispatcher.ReplayDeadLetterAsync("contract-consumer", envelope.EventId, CancellationToken.None);
        var again = await dispatch.Dispatcher.ReplayDeadLetterAsync("contract-consumer", envelope.EventId, CancellationToken.None);

        Assert.NotNull(replayed.ReplayedAt);
        Assert.Equal(replayed.ReplayedAt, again.ReplayedAt);
        Assert.Equal(1, Volatile.Read(ref applied));
        await Assert.ThrowsAsync<Hld.Platform.Errors.NotFoundException>(() => dispatch.Dispatcher.ReplayDeadLetterAsync("contract-consumer", "no-such-event", CancellationToken.None));
    }

    [Fact]
    public async Task A_duplicate_delivery_of_the_same_event_id_has_no_second_effect()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());
        var effects = new ConcurrentDictionary<string, int>();
        await using var dispatch = Dispatch(harness, FastDelivery(), (_, e) => effects.AddOrUpdate(e.EventId, 1, (_, n) => n + 1));
        await using var subscription = await dispatch.SubscribeAsync("contract-consumer");

        // The same event committed twice, as a producer's relay retrying after a crash would.
        var envelope = Registered("FRA");
        Assert.True(await harness.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), [envelope]));
        Assert.True(await harness.Store.TryCommitAsync("participant/FRA", 1, Bytes("France"), [envelope]));
        // The sentinel follows both copies on the same aggregate; both it and the event are awaited,
        // since not every adapter keeps order across aggregates.
        var sentinel = Registered("FRA", 3);
        Assert.True(await harness.Store.TryCommitAsync("participant/FRA", 2, Bytes("France again"), [sentinel]));

        await Eventually.True(() => effects.ContainsKey(sentinel.EventId) && effects.ContainsKey(envelope.EventId), what: "the event and the sentinel");
        Assert.Equal(1, effects[envelope.EventId]);
    }

    [Fact]
    public async Task A_commit_writes_its_records_and_index_appends_with_the_aggregate_and_a_refused_one_writes_none()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());
        var accepted = new Commit("participant/FRA", 0, Bytes("France"), [Registered("FRA")])
        {
            Records = [new RecordWrite("request/one", Bytes("answer-1"))],
            Appends = [new IndexAppend("facet/all", "FRA"), new IndexAppend("facet/c1", "FRA")],
        };
        var refused = new Commit("participant/FRA", 0, Bytes("stale"), [Registered("FRA")])
        {
            Records = [new RecordWrite("request/two", Bytes("answer-2")), new RecordWrite("request/one", Bytes("overwritten"))],
            Appends = [new IndexAppend("facet/all", "DEU")],
        };

        Assert.True(await harness.Store.CommitAsync(accepted));
        Assert.False(await harness.Store.CommitAsync(refused));

        var stored = await harness.Store.GetManyAsync(["participant/FRA", "request/one", "request/two"]);
        Assert.Equal("France", Encoding.UTF8.GetString(stored[0]!.Value.Span));
        Assert.Equal("answer-1", Encoding.UTF8.GetString(stored[1]!.Value.Span));
        Assert.Equal(1, stored[1]!.Version);
        Assert.Null(stored[2]);
        Assert.Equal([new IndexEntry(1, "FRA")], await harness.Store.ReadIndexAsync("facet/all", 0, 10));
        Assert.Equal([new IndexEntry(1, "FRA")], await harness.Store.ReadIndexAsync("facet/c1", 0, 10));
    }

    [Fact]
    public async Task A_record_is_written_over_whatever_it_held_and_its_version_moves_by_one()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());
        Assert.True(await harness.Store.CommitAsync(new Commit("a/1", 0, Bytes("a"), []) { Records = [new RecordWrite("shared", Bytes("first"))] }));
        Assert.True(await harness.Store.CommitAsync(new Commit("a/2", 0, Bytes("b"), []) { Records = [new RecordWrite("shared", Bytes("second"))] }));

        var shared = await harness.Store.GetAsync("shared");
        Assert.Equal("second", Encoding.UTF8.GetString(shared!.Value.Span));
        Assert.Equal(2, shared.Version);
    }

    [Fact]
    public async Task A_record_with_a_version_condition_that_does_not_hold_refuses_the_whole_commit()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());
        Assert.True(await harness.Store.CommitAsync(new Commit("a/1", 0, Bytes("a"), [Registered("FRA")]) { Records = [new RecordWrite("request/r1", Bytes("first answer"), ExpectedVersion: 0)] }));

        var refused = await harness.Store.CommitAsync(new Commit("a/2", 0, Bytes("b"), [Registered("DEU")])
        {
            Records = [new RecordWrite("request/r1", Bytes("second answer"), ExpectedVersion: 0)],
            Appends = [new IndexAppend("facet", "DEU")],
        });

        Assert.False(refused);
        Assert.Null(await harness.Store.GetAsync("a/2"));
        Assert.Equal("first answer", Encoding.UTF8.GetString((await harness.Store.GetAsync("request/r1"))!.Value.Span));
        Assert.Equal(0, await harness.Store.IndexLengthAsync("facet"));
        Assert.True(await harness.Store.CommitAsync(new Commit("a/2", 0, Bytes("b"), []) { Records = [new RecordWrite("request/r1", Bytes("replaced"), ExpectedVersion: 1)] }));
        Assert.Equal(2, (await harness.Store.GetAsync("request/r1"))!.Version);
    }

    // Commits asked for at once may be sent to the store together (Redis groups them into one script,
    // decision 018): each must still hold or fail on its own checks, as if it had been sent alone.
    [Fact]
    public async Task Commits_made_at_once_each_hold_or_fail_on_their_own_checks()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());
        Assert.True(await harness.Store.CommitAsync(new Commit("taken", 0, Bytes("first"), []) { Records = [new RecordWrite("request/taken", Bytes("first"), ExpectedVersion: 0)] }));
        var seen = new ConcurrentQueue<EventEnvelope>();
        await using var dispatch = Dispatch(harness, FastDelivery(), (_, e) => seen.Enqueue(e));
        await using var subscription = await dispatch.SubscribeAsync("contract-consumer");

        // 150 new aggregates, each with an event, a request record and a place in one index; 10 stale
        // writes of an existing aggregate; 10 new aggregates whose request record is already taken.
        var fresh = Enumerable.Range(0, 150).Select(i => new Commit($"p/{i}", 0, Bytes($"value-{i}"), [Registered($"P{i}")])
        {
            Records = [new RecordWrite($"request/{i}", Bytes($"answer-{i}"), ExpectedVersion: 0)],
            Appends = [new IndexAppend("facet/all", $"P{i}")],
        }).ToArray();
        var stale = Enumerable.Range(0, 10).Select(i => new Commit("taken", 0, Bytes($"stale-{i}"), [Registered($"S{i}")])).ToArray();
        var clashing = Enumerable.Range(0, 10).Select(i => new Commit($"c/{i}", 0, Bytes("clash"), [Registered($"C{i}")])
        {
            Records = [new RecordWrite("request/taken", Bytes("clash"), ExpectedVersion: 0)],
            Appends = [new IndexAppend("facet/all", $"C{i}")],
        }).ToArray();

        Commit[] all = [.. fresh, .. stale, .. clashing];
        var held = await Task.WhenAll(all.Select(c => Task.Run(() => harness.Store.CommitAsync(c))));

        var outcome = all.Zip(held).ToDictionary(x => x.First, x => x.Second);
        Assert.All(fresh, c => Assert.True(outcome[c], c.Key));
        Assert.All(stale.Concat(clashing), c => Assert.False(outcome[c], c.Key));
        var values = await harness.Store.GetManyAsync([.. fresh.Select(c => c.Key), .. clashing.Select(c => c.Key), "taken", "request/taken"]);
        Assert.Equal(fresh.Select((_, i) => ($"value-{i}", 1L)), values.Take(150).Select(v => (Encoding.UTF8.GetString(v!.Value.Span), v.Version)));
        Assert.All(values.Skip(150).Take(10), Assert.Null);
        Assert.Equal(("first", 1L), (Encoding.UTF8.GetString(values[160]!.Value.Span), values[160]!.Version));
        Assert.Equal(("first", 1L), (Encoding.UTF8.GetString(values[161]!.Value.Span), values[161]!.Version));
        var index = await harness.Store.ReadIndexAsync("facet/all", 0, 1000);
        Assert.Equal(Enumerable.Range(1, 150).Select(n => (long)n), index.Select(e => e.Position));
        Assert.Equal(fresh.Select(c => c.Appends[0].Member).Order(), index.Select(e => e.Member).Order());
        await Eventually.True(() => seen.Count(e => e.AggregateKey.StartsWith("participant/P", StringComparison.Ordinal)) >= 150, what: "the 150 events of the commits that held");
        Assert.DoesNotContain(seen, e => e.AggregateKey.StartsWith("participant/S", StringComparison.Ordinal) || e.AggregateKey.StartsWith("participant/C", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Records_written_on_their_own_land_together_and_a_condition_is_refused()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());
        Assert.True(await harness.Store.TryCommitAsync("marker/2", 0, Bytes("old"), []));

        await harness.Store.WriteRecordsAsync([new RecordWrite("marker/1", Bytes("1")), new RecordWrite("marker/2", Bytes("1"))]);

        var read = await harness.Store.GetManyAsync(["marker/1", "marker/2"]);
        Assert.Equal([("1", 1L), ("1", 2L)], read.Select(v => (Encoding.UTF8.GetString(v!.Value.Span), v.Version)));
        await Assert.ThrowsAsync<ArgumentException>(() => harness.Store.WriteRecordsAsync([new RecordWrite("marker/3", Bytes("1"), ExpectedVersion: 0)]));
        Assert.Null(await harness.Store.GetAsync("marker/3"));
    }

    [Fact]
    public async Task Bookkeeping_written_with_a_time_to_live_is_forgotten_after_it_and_the_rest_is_kept()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());
        var ttl = TimeSpan.FromMilliseconds(300);
        Assert.True(await harness.Store.CommitAsync(new Commit("aggregate/kept", 0, Bytes("kept"), [])
        {
            Records = [new RecordWrite("request/expiring", Bytes("answer"), ExpectedVersion: 0, TimeToLive: ttl), new RecordWrite("record/kept", Bytes("kept"))],
        }));
        Assert.True(await harness.Store.CommitAsync(new Commit("request/alone", 0, Bytes("answer"), []) { TimeToLive = ttl }));
        await harness.Store.WriteRecordsAsync([new RecordWrite("marker/expiring", Bytes("1"), TimeToLive: ttl)]);
        Assert.All(await harness.Store.GetManyAsync(["request/expiring", "request/alone", "marker/expiring"]), Assert.NotNull);

        // Redis and InMemory to the millisecond, Dapr's ttlInSeconds to the second above.
        var expiring = new[] { "request/expiring", "request/alone", "marker/expiring" };
        await Eventually.Until(() => harness.Store.GetManyAsync(expiring), read => read.All(v => v is null), what: "the expiring records to be forgotten");

        Assert.All(await harness.Store.GetManyAsync(["aggregate/kept", "record/kept"]), Assert.NotNull);
    }

    [Fact]
    public async Task An_index_keeps_each_member_at_its_first_position_and_reads_in_order_from_any_position()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());
        foreach (var (key, member) in new[] { ("p/KEN", "KEN"), ("p/MEX", "MEX") })
        {
            Assert.True(await harness.Store.CommitAsync(new Commit(key, 0, Bytes(member), []) { Appends = [new IndexAppend("facet", member)] }));
        }

        await harness.Store.AppendAsync(new IndexAppend("facet", "KEN"));
        await harness.Store.AppendAsync(new IndexAppend("facet", "NOR"));
        Assert.True(await harness.Store.CommitAsync(new Commit("p/MEX", 1, Bytes("again"), []) { Appends = [new IndexAppend("facet", "MEX")] }));

        Assert.Equal([new IndexEntry(1, "KEN"), new IndexEntry(2, "MEX"), new IndexEntry(3, "NOR")], await harness.Store.ReadIndexAsync("facet", 0, 10));
        Assert.Equal([new IndexEntry(2, "MEX")], await harness.Store.ReadIndexAsync("facet", 1, 1));
        Assert.Empty(await harness.Store.ReadIndexAsync("facet", 3, 10));
        Assert.Equal(3, await harness.Store.IndexLengthAsync("facet"));
        Assert.Empty(await harness.Store.ReadIndexAsync("never-appended", 0, 10));
        Assert.Equal(0, await harness.Store.IndexLengthAsync("never-appended"));
    }

    [Fact]
    public async Task Several_keys_read_at_once_come_back_in_the_order_asked_with_null_for_the_missing()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());
        Assert.True(await harness.Store.TryCommitAsync("k/1", 0, Bytes("one"), []));
        Assert.True(await harness.Store.TryCommitAsync("k/3", 0, Bytes("three"), []));
        Assert.True(await harness.Store.TryCommitAsync("k/3", 1, Bytes("three again"), []));

        var read = await harness.Store.GetManyAsync(["k/3", "k/2", "k/1"]);

        Assert.Equal([("three again", 2L), (null, 0L), ("one", 1L)], read.Select(v => (v is null ? null : Encoding.UTF8.GetString(v.Value.Span), v?.Version ?? 0)));
        Assert.Empty(await harness.Store.GetManyAsync([]));
    }

    [Fact]
    public async Task Events_of_one_aggregate_are_handled_in_commit_order_while_batches_are_delivered_in_parallel()
    {
        var options = FastDelivery();
        await using var harness = await factory.CreateAsync(options);
        var seen = new ConcurrentDictionary<string, ConcurrentQueue<long>>();
        var total = 0;
        await using var dispatch = Dispatch(harness, options, async (e, envelope, ct) =>
        {
            // A little work per event, so partitions of one batch overlap.
            await Task.Delay(Random.Shared.Next(0, 3), ct);
            seen.GetOrAdd(envelope.AggregateKey, _ => new()).Enqueue(envelope.AggregateVersion);
            Interlocked.Increment(ref total);
        });

        // Committed before anyone subscribes, so the consumer meets full batches mixing five aggregates.
        var countries = new[] { "FRA", "KEN", "MEX", "NOR", "VNM" };
        for (var version = 1; version <= 12; version++)
        {
            foreach (var country in countries)
            {
                Assert.True(await harness.Store.TryCommitAsync($"participant/{country}", version - 1, Bytes($"v{version}"), [Registered(country, version)]));
            }
        }

        await using var subscription = await dispatch.SubscribeAsync("contract-consumer");
        await Eventually.True(() => Volatile.Read(ref total) >= 60, what: "all sixty events");

        foreach (var country in countries)
        {
            var versions = seen[$"participant/{country}"].ToList();
            Assert.Equal(Enumerable.Range(1, 12).Select(v => (long)v), factory.OrdersPerAggregate ? versions : versions.Order());
        }
    }

    [Fact]
    public async Task A_consumer_killed_in_the_middle_of_a_batch_loses_nothing_and_applies_nothing_twice()
    {
        var options = FastDelivery();
        await using var harness = await factory.CreateAsync(options);
        var effects = new ConcurrentDictionary<string, int>();
        var stuck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ids = Enumerable.Range(0, 10).Select(i => $"P{i:D2}").ToList();
        var envelopes = ids.ToDictionary(id => id, id => Registered(id));
        foreach (var id in ids)
        {
            Assert.True(await harness.Store.TryCommitAsync($"participant/{id}", 0, Bytes(id), [envelopes[id]]));
        }

        // The first consumer applies what it can of its batch and hangs on P05 until it is killed:
        // it acknowledges nothing, so the whole batch comes again to the survivor.
        await using var crashing = Dispatch(harness, options, async (e, _, ct) =>
        {
            if (e.ParticipantId == "P05")
            {
                stuck.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }

            effects.AddOrUpdate(e.ParticipantId, 1, (_, n) => n + 1);
        });
        var first = await crashing.SubscribeAsync("contract-consumer");
        await stuck.Task.WaitAsync(TimeSpan.FromSeconds(15));
        // Killed once the rest of the batch is applied and marked processed, but not acknowledged.
        var others = ids.Where(id => id != "P05").Select(id => EventDispatcher.ProcessedKey("contract-consumer", envelopes[id].EventId)).ToList();
        // Delivered one call at a time (Dapr without bulk), the rest of the batch waits behind the
        // stuck call until the sidecar's deadline (10 s), and a loaded machine can let the stuck
        // event come due again first: the wait allows for a few such deadlines.
        await Eventually.Until(() => harness.Store.GetManyAsync(others), marks => marks.All(m => m is not null), TimeSpan.FromSeconds(60), what: "the rest of the batch marked processed");
        await first.DisposeAsync();

        await using var survivor = Dispatch(harness, options, (e, _) => effects.AddOrUpdate(e.ParticipantId, 1, (_, n) => n + 1));
        await using var second = await survivor.SubscribeAsync("contract-consumer");

        await Eventually.True(() => effects.Count == ids.Count, what: "every event applied");
        await Task.Delay(options.RedeliveryAfter * 3);
        Assert.All(ids, id => Assert.Equal(1, effects[id]));
    }

    [Fact]
    public async Task A_handler_that_deduplicates_itself_gets_every_delivery_and_no_marker_is_kept_for_it()
    {
        await using var harness = await factory.CreateAsync(FastDelivery());
        var deliveries = new ConcurrentDictionary<string, int>();
        await using var dispatch = Dispatch<ParticipantRegistered>(harness, FastDelivery(), (_, e, _) =>
        {
            deliveries.AddOrUpdate(e.EventId, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }, deduplicatesItself: true);
        await using var subscription = await dispatch.SubscribeAsync("contract-consumer");

        // The same event committed twice, as a producer's relay retrying after a crash would: the
        // handler sees both and its own write has to make the second harmless.
        var envelope = Registered("FRA");
        Assert.True(await harness.Store.TryCommitAsync("participant/FRA", 0, Bytes("France"), [envelope]));
        Assert.True(await harness.Store.TryCommitAsync("participant/FRA", 1, Bytes("France"), [envelope]));

        await Eventually.True(() => deliveries.GetValueOrDefault(envelope.EventId) == 2, what: "both deliveries");
        Assert.Null(await harness.Store.GetAsync(EventDispatcher.ProcessedKey("contract-consumer", envelope.EventId)));
    }

    private static DispatchHarness Dispatch(IAdapterHarness harness, EventDeliveryOptions options, Action<ParticipantRegistered, EventEnvelope> effect) =>
        Dispatch(harness, options, (e, envelope, _) =>
        {
            effect(e, envelope);
            return Task.CompletedTask;
        });

    private static DispatchHarness Dispatch(IAdapterHarness harness, EventDeliveryOptions options, Func<ParticipantRegistered, EventEnvelope, CancellationToken, Task> effect) =>
        Dispatch<ParticipantRegistered>(harness, options, effect);

    private static DispatchHarness Dispatch<TEvent>(IAdapterHarness harness, EventDeliveryOptions options, Action<TEvent, EventEnvelope> effect)
        where TEvent : class, Google.Protobuf.IMessage<TEvent>, new() =>
        Dispatch<TEvent>(harness, options, (e, envelope, _) =>
        {
            effect(e, envelope);
            return Task.CompletedTask;
        });

    private static DispatchHarness Dispatch<TEvent>(IAdapterHarness harness, EventDeliveryOptions options, Func<TEvent, EventEnvelope, CancellationToken, Task> effect, bool deduplicatesItself = false)
        where TEvent : class, Google.Protobuf.IMessage<TEvent>, new()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new DelegateHandler<TEvent>(effect));
        services.AddEventHandler<TEvent, DelegateHandler<TEvent>>(deduplicatesItself);
        var provider = services.BuildServiceProvider();
        var dispatcher = new EventDispatcher(
            harness.Store,
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetServices<EventSubscription>(),
            Options.Create(options),
            TimeProvider.System,
            NullLogger<EventDispatcher>.Instance);
        return new DispatchHarness(harness.Bus, dispatcher, provider);
    }

    /// <summary>A dispatcher wired to a test handler, as a host would wire it.</summary>
    protected sealed class DispatchHarness(IEventBus bus, EventDispatcher dispatcher, ServiceProvider provider) : IAsyncDisposable
    {
        public EventDispatcher Dispatcher => dispatcher;

        public Task<IAsyncDisposable> SubscribeAsync(string group) =>
            bus.SubscribeAsync(group, dispatcher.Topics, (e, ct) => dispatcher.DispatchAsync(group, e, ct));

        public async ValueTask DisposeAsync()
        {
            await dispatcher.DisposeAsync();
            await provider.DisposeAsync();
        }
    }

    private sealed class DelegateHandler<TEvent>(Func<TEvent, EventEnvelope, CancellationToken, Task> effect) : IEventHandler<TEvent>
        where TEvent : Google.Protobuf.IMessage
    {
        public Task HandleAsync(TEvent @event, EventEnvelope envelope, CancellationToken cancellationToken) => effect(@event, envelope, cancellationToken);
    }
}
