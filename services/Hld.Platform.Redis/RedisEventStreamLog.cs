using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using StackExchange.Redis;

namespace Hld.Platform.Redis;

/// <summary>
/// Topics as Redis Streams, one consumer group per subscribing service. A commit script publishes
/// the topic on a wake channel so idle consumers react at once instead of waiting for their poll.
/// </summary>
public sealed class RedisEventStreamLog : IEventStreamLog, IEventLogReader
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisKeys _keys;
    private readonly RedisResilience _resilience;
    private int _listening;
    private Action<string>? _appended;

    public RedisEventStreamLog(IConnectionMultiplexer redis, RedisOptions options)
    {
        _redis = redis;
        _keys = new RedisKeys(options.KeyPrefix);
        _resilience = new RedisResilience(options);
    }

    public event Action<string>? Appended
    {
        add
        {
            _appended += value;
            if (Interlocked.Exchange(ref _listening, 1) == 0)
            {
                _redis.GetSubscriber().Subscribe(_keys.Wake, (_, topic) => _appended?.Invoke(topic.ToString()));
            }
        }

        remove => _appended -= value;
    }

    public async Task EnsureGroupAsync(string group, IReadOnlyCollection<string> topics, CancellationToken cancellationToken)
    {
        foreach (var topic in topics)
        {
            try
            {
                await _resilience.Idempotent.ExecuteAsync(
                    async _ => await _redis.GetDatabase().StreamCreateConsumerGroupAsync(_keys.Stream(topic), group, StreamPosition.Beginning, createStream: true),
                    cancellationToken);
            }
            catch (RedisServerException ex) when (ex.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
            {
                // The group exists: it resumes where it stopped.
            }
        }
    }

    public async Task<IReadOnlyList<LogEntry>> ReadNewAsync(string group, string consumer, IReadOnlyCollection<string> topics, int count, CancellationToken cancellationToken)
    {
        var positions = topics.Select(t => new StreamPosition(_keys.Stream(t), StreamPosition.NewMessages)).ToArray();
        var streams = await _resilience.Idempotent.ExecuteAsync(
            async _ => await _redis.GetDatabase().StreamReadGroupAsync(positions, group, consumer, count),
            cancellationToken);
        var topicsByKey = topics.ToDictionary(t => (string)_keys.Stream(t)!, StringComparer.Ordinal);
        return [.. streams.SelectMany(s => s.Entries.Select(e => ToEntry(topicsByKey[(string)s.Key!], e)))];
    }

    public async Task<IReadOnlyList<LogEntry>> ClaimStaleAsync(string group, string consumer, IReadOnlyCollection<string> topics, TimeSpan minIdle, int count, CancellationToken cancellationToken)
    {
        var claimed = new List<LogEntry>();
        foreach (var topic in topics)
        {
            var result = await _resilience.Idempotent.ExecuteAsync(
                async _ => await _redis.GetDatabase().StreamAutoClaimAsync(_keys.Stream(topic), group, consumer, (long)minIdle.TotalMilliseconds, "0-0", count),
                cancellationToken);
            claimed.AddRange(result.ClaimedEntries.Where(e => !e.IsNull).Select(e => ToEntry(topic, e)));
        }

        return claimed;
    }

    public async Task AcknowledgeAsync(string group, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken)
    {
        // One XACK per topic of the batch, all in flight at once.
        await Task.WhenAll(entries.GroupBy(e => e.Topic, StringComparer.Ordinal).Select(topic =>
            _resilience.Idempotent.ExecuteAsync(
                async _ => await _redis.GetDatabase().StreamAcknowledgeAsync(_keys.Stream(topic.Key), group, [.. topic.Select(e => (RedisValue)e.EntryId)]),
                cancellationToken).AsTask()));
    }

    public async Task<IReadOnlyList<PositionedEnvelope>> ReadAfterAsync(string topic, string after, int count, CancellationToken cancellationToken)
    {
        var from = after.Length == 0 ? "-" : "(" + after;
        var entries = await _resilience.Idempotent.ExecuteAsync(
            async _ => await _redis.GetDatabase().StreamRangeAsync(_keys.Stream(topic), from, "+", count),
            cancellationToken);
        return [.. entries.Select(e => new PositionedEnvelope(e.Id!, EventEnvelope.Parser.ParseFrom((byte[])e["e"]!)))];
    }

    private static LogEntry ToEntry(string topic, StreamEntry entry) =>
        new(topic, entry.Id!, EventEnvelope.Parser.ParseFrom((byte[])entry["e"]!));
}
