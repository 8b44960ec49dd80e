using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hld.Contracts.Events.V1;
using Hld.Platform.Errors;
using Hld.Platform.State;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Events;

/// <summary>Delivery policy shared by every adapter.</summary>
public sealed class EventDeliveryOptions
{
    /// <summary>Failed deliveries after which an event goes to dead letter.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long an unacknowledged delivery waits before another consumer may take it.</summary>
    public TimeSpan RedeliveryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest a consumer sleeps between polls when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Entries read per poll.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>
    /// Aggregates whose entries of one batch are handled at once (each aggregate's in order). A service
    /// whose handlers all update one read-model key gains nothing from more than 1: its handlers would
    /// only contend for that key (sessions and hearings set 1).
    /// </summary>
    public int Parallelism { get; set; } = 32;

    /// <summary>Immediate re-runs of a handler that lost a compare-and-set race, before it counts as a failed attempt.</summary>
    public int ConflictRetries { get; set; } = 8;

    /// <summary>
    /// Partitions of a consumer group's aggregates (by a stable hash of the aggregate key). Replicas of a
    /// service split them between them and each partition is consumed by one replica at a time, so one
    /// aggregate's events keep their order across replicas (decision 015). 1 keeps one group named as
    /// the service, as before; more gives each partition its own group, which reads every entry and
    /// handles its own. Changing it on a running system starts the new groups from the beginning of
    /// the streams, deduplicated by the processed markers.
    /// </summary>
    public int Partitions { get; set; } = 1;

    /// <summary>How long a partition's lease lives without renewal: the longest a crashed replica's partitions wait for another.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// This replica's id among the replicas of its service; unique per replica and the same across its
    /// restarts, so a restarted replica takes back its own leases at once. Default: HOSTNAME (the pod's
    /// name in Kubernetes), else the machine name.
    /// </summary>
    public string? ReplicaId { get; set; }

    /// <summary>
    /// How long a processed marker is kept. Past it, only a delivery of the same event that old would
    /// slip through (a producer's relay retries within minutes), and handlers are replay-safe anyway.
    /// </summary>
    public TimeSpan ProcessedMarkerRetention { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// What happens to one delivery, whatever the adapter: a duplicate (same event id already processed
/// by this consumer group) has no second effect, by the group's processed marker or, for a handler
/// that deduplicates itself, by the handler's own write; a failure is counted and the event comes again; the
/// N-th failure moves the event to dead letter, where it is counted and kept. All bookkeeping goes
/// through the state port, one key per fact, so it is as durable as the aggregates themselves.
/// </summary>
public sealed class EventDispatcher(
    IAggregateStore store,
    IServiceScopeFactory scopes,
    IEnumerable<EventSubscription> subscriptions,
    IOptions<EventDeliveryOptions> options,
    TimeProvider clock,
    ILogger<EventDispatcher> logger) : IAsyncDisposable
{
    private static readonly ReadOnlyMemory<byte> Done = "1"u8.ToArray();
    private readonly Dictionary<string, EventSubscription> _byTopic = subscriptions.ToDictionary(s => s.Topic, StringComparer.Ordinal);
    private readonly MarkerWriter _markers = new(store, logger);

    public IReadOnlyCollection<string> Topics => _byTopic.Keys;

    public static string DeadLetterKey(string consumerGroup) => $"platform/dead-letters/{consumerGroup}";

    public static string ProcessedKey(string consumerGroup, string eventId) => $"platform/processed/{consumerGroup}/{eventId}";

    /// <summary>Processes one delivery; returns normally when it may be acknowledged, throws when it must come again.</summary>
    public async Task DispatchAsync(string consumerGroup, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        if (!_byTopic.TryGetValue(envelope.Topic, out var subscription))
        {
            logger.LogWarning("No handler for topic {Topic}; event {EventId} acknowledged unprocessed", envelope.Topic, envelope.EventId);
            return;
        }

        var processedKey = ProcessedKey(consumerGroup, envelope.EventId);
        if (!subscription.DeduplicatesItself && await store.GetAsync(processedKey, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await HandleAsync(subscription, envelope, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var attempts = await CountFailureAsync(consumerGroup, envelope.EventId, cancellationToken);
            if (attempts < options.Value.MaxAttempts)
            {
                logger.LogWarning(ex, "Event {EventId} on {Topic} failed in {Group} (attempt {Attempt})", envelope.EventId, envelope.Topic, consumerGroup, attempts);
                throw;
            }

            logger.LogError(ex, "Event {EventId} on {Topic} dead-lettered by {Group} after {Attempts} attempts", envelope.EventId, envelope.Topic, consumerGroup, attempts);
            await DeadLetterAsync(consumerGroup, envelope, attempts, ex, cancellationToken);
        }

        // Another consumer may have finished the same event meanwhile; either way it is done. Written
        // with the markers of the other deliveries finishing now, in one store call.
        if (!subscription.DeduplicatesItself)
        {
            await _markers.WriteAsync(new RecordWrite(processedKey, Done, TimeToLive: options.Value.ProcessedMarkerRetention), cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _markers.DisposeAsync();

    // Handlers are replay-safe (guarded transitions), so one that lost a race to a handler of the same
    // batch runs again at once instead of waiting RedeliveryAfter for its redelivery.
    private async Task HandleAsync(EventSubscription subscription, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await subscription.Handle(scope.ServiceProvider, envelope, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < options.Value.ConflictRetries)
            {
                logger.LogDebug("Event {EventId} lost a race in its handler; running it again", envelope.EventId);
            }
        }
    }

    /// <summary>How many events this consumer group has sent to dead letter.</summary>
    public async Task<long> DeadLetterCountAsync(string consumerGroup, CancellationToken cancellationToken = default)
    {
        var stored = await store.GetAsync(DeadLetterKey(consumerGroup), cancellationToken);
        return stored is null ? 0 : ParseCount(stored.Value);
    }

    private async Task<long> CountFailureAsync(string consumerGroup, string eventId, CancellationToken cancellationToken)
    {
        var key = $"platform/attempts/{consumerGroup}/{eventId}";
        return await IncrementAsync(key, _ => [], null, null, cancellationToken);
    }

    private async Task<long> DeadLetterAsync(string consumerGroup, EventEnvelope envelope, long attempts, Exception error, CancellationToken cancellationToken)
    {
        var key = DeadLetterKey(consumerGroup);
        var letter = new DeadLetter
        {
            Envelope = envelope,
            ConsumerGroup = consumerGroup,
            Attempts = (int)attempts,
            LastError = $"{error.GetType().Name}: {error.Message}",
            DeadLetteredAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()),
        };

        // The count, the letter itself and its place in the group's list, with the DeadLetter event.
        var count = await IncrementAsync(
            key,
            version => [EventEnvelopes.Create(letter, key, version + 1, clock.GetUtcNow(), consumerGroup)],
            [new RecordWrite(DeadLetters.LetterKey(consumerGroup, envelope.EventId), letter.ToByteArray())],
            [new IndexAppend(DeadLetters.IndexKey(consumerGroup), envelope.EventId)],
            cancellationToken);
        DeadLetters.Counter.Add(1, new KeyValuePair<string, object?>("consumer_group", consumerGroup), new KeyValuePair<string, object?>("topic", envelope.Topic));
        return count;
    }

    /// <summary>One page of the group's dead letters, oldest first, with their total.</summary>
    public async Task<(IReadOnlyList<DeadLetterRecord> Letters, long Next, long Total)> ListDeadLettersAsync(string consumerGroup, long after, int count, CancellationToken cancellationToken)
    {
        var entries = await store.ReadIndexAsync(DeadLetters.IndexKey(consumerGroup), after, count + 1, cancellationToken);
        var page = entries.Take(count).ToList();
        var keys = page.SelectMany(e => new[] { DeadLetters.LetterKey(consumerGroup, e.Member), DeadLetters.ReplayedKey(consumerGroup, e.Member) }).ToList();
        var stored = await store.GetManyAsync(keys, cancellationToken);
        var letters = new List<DeadLetterRecord>(page.Count);
        for (var i = 0; i < page.Count; i++)
        {
            if (stored[2 * i] is { } letter)
            {
                letters.Add(new DeadLetterRecord(DeadLetter.Parser.ParseFrom(letter.Value.Span), DeadLetters.ReplayedAt(stored[(2 * i) + 1])));
            }
        }

        return (letters, entries.Count > count ? page[^1].Position : 0, await DeadLetterCountAsync(consumerGroup, cancellationToken));
    }

    /// <summary>
    /// Hands a dead letter's event to its handler again. On success it is marked replayed and
    /// processed; a failure changes nothing and is thrown. A letter replayed before is returned as is.
    /// </summary>
    public async Task<DeadLetterRecord> ReplayDeadLetterAsync(string consumerGroup, string eventId, CancellationToken cancellationToken)
    {
        var stored = await store.GetManyAsync([DeadLetters.LetterKey(consumerGroup, eventId), DeadLetters.ReplayedKey(consumerGroup, eventId)], cancellationToken);
        var letter = stored[0] is { } found ? DeadLetter.Parser.ParseFrom(found.Value.Span) : throw new NotFoundException($"No dead letter '{eventId}' in {consumerGroup}.", "hld.events.v1.DeadLetter", $"{consumerGroup}/{eventId}");
        if (DeadLetters.ReplayedAt(stored[1]) is { } before)
        {
            return new DeadLetterRecord(letter, before);
        }

        var subscription = _byTopic.GetValueOrDefault(letter.Envelope.Topic)
            ?? throw new PlatformPreconditionException("DEAD_LETTER_REPLAY_FAILED", $"This service no longer handles topic {letter.Envelope.Topic}.");
        try
        {
            await HandleAsync(subscription, letter.Envelope, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new PlatformPreconditionException("DEAD_LETTER_REPLAY_FAILED", $"The handler failed again: {ex.GetType().Name}: {ex.Message}");
        }

        // Kept to the millisecond, so the answer now and every later read agree.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(clock.GetUtcNow().ToUnixTimeMilliseconds());
        await store.WriteRecordsAsync([new RecordWrite(DeadLetters.ReplayedKey(consumerGroup, eventId), Encoding.ASCII.GetBytes(now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)))], cancellationToken);
        if (!subscription.DeduplicatesItself)
        {
            await _markers.WriteAsync(new RecordWrite(ProcessedKey(consumerGroup, eventId), Done, TimeToLive: options.Value.ProcessedMarkerRetention), cancellationToken);
        }

        return new DeadLetterRecord(letter, now);
    }

    // A counter is an aggregate like any other: compare-and-set, retried on a lost race.
    private async Task<long> IncrementAsync(
        string key,
        Func<long, IReadOnlyList<EventEnvelope>> events,
        IReadOnlyList<RecordWrite>? records,
        IReadOnlyList<IndexAppend>? appends,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await store.GetAsync(key, cancellationToken);
            var version = current?.Version ?? 0;
            var next = (current is null ? 0 : ParseCount(current.Value)) + 1;
            var value = Encoding.ASCII.GetBytes(next.ToString(CultureInfo.InvariantCulture));
            if (await store.CommitAsync(new Commit(key, version, value, events(version)) { Records = records ?? [], Appends = appends ?? [] }, cancellationToken))
            {
                return next;
            }
        }
    }

    private static long ParseCount(ReadOnlyMemory<byte> value) =>
        long.Parse(Encoding.ASCII.GetString(value.Span), CultureInfo.InvariantCulture);
}
