using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Dapr;

/// <summary>
/// Publishes the pending events of several aggregates for the outbox relay, each aggregate's events
/// of a topic in commit order. With <see cref="DaprOptions.BulkPublish"/> it sends waves of bulk
/// requests: a wave holds at most one event per aggregate and topic (the oldest not yet out), so the
/// order of one request's entries never matters. That is necessary, not cautious: daprd publishes
/// the entries of a bulk request to a component without bulk support (Redis among them) in parallel.
/// The next wave goes once the previous one is answered. An entry the sidecar reports failed is sent
/// again alone in the next wave, and its aggregate's later events wait for it; after
/// <see cref="EntryAttempts"/> failures in one relay its aggregate stops there, stays marked, and the
/// next sweep carries on from it (decision 008).
/// </summary>
public sealed class DaprPublisher(DaprSidecar sidecar, IOptions<DaprOptions> options, ILogger<DaprPublisher> logger)
{
    /// <summary>Most entries in one bulk request; a larger wave goes as several requests at once.</summary>
    public const int MaxEntriesPerRequest = 256;

    /// <summary>Failures of one entry within one relay before its aggregate waits for the next sweep.</summary>
    public const int EntryAttempts = 3;

    /// <summary>
    /// Publishes each sequence (one aggregate's pending events, in commit order) and returns the ids
    /// of the events that are out. An aggregate whose event could not be published has only the events
    /// before it in the answer, topic by topic.
    /// </summary>
    internal async Task<IReadOnlySet<string>> PublishAsync(IReadOnlyList<IReadOnlyList<PendingEvent>> sequences, CancellationToken cancellationToken)
    {
        var published = new HashSet<string>(StringComparer.Ordinal);
        if (!options.Value.BulkPublish)
        {
            // One call per event, aggregates side by side, each aggregate's events one after another.
            var done = await Task.WhenAll(sequences.Select(async sequence =>
            {
                foreach (var pending in sequence)
                {
                    await sidecar.PublishAsync(pending, cancellationToken);
                }

                return sequence;
            }));
            published.UnionWith(done.SelectMany(s => s).Select(e => e.EventId));
            return published;
        }

        // One queue per aggregate and topic: events of different topics are delivered by different
        // subscriptions, which never kept an order between them.
        var queues = sequences
            .SelectMany(sequence => sequence.GroupBy(e => e.Topic, StringComparer.Ordinal))
            .Select(topic => new Queue<PendingEvent>(topic))
            .ToList();
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        while (queues.Count > 0)
        {
            var heads = queues.Select(q => q.Peek()).ToList();
            var requests = heads.GroupBy(e => e.Topic, StringComparer.Ordinal)
                .SelectMany(topic => topic.Chunk(MaxEntriesPerRequest).Select(chunk => (Topic: topic.Key, Entries: chunk)));
            var failed = (await Task.WhenAll(requests.Select(r => sidecar.BulkPublishAsync(r.Topic, r.Entries, cancellationToken))))
                .SelectMany(f => f)
                .ToHashSet(StringComparer.Ordinal);

            foreach (var queue in queues)
            {
                var head = queue.Peek();
                if (!failed.Contains(head.EventId))
                {
                    published.Add(head.EventId);
                    queue.Dequeue();
                }
                else if ((failures[head.EventId] = failures.GetValueOrDefault(head.EventId) + 1) >= EntryAttempts)
                {
                    logger.LogWarning("The sidecar failed to publish event {EventId} on {Topic} {Attempts} times; its aggregate's later events wait for the next sweep", head.EventId, head.Topic, EntryAttempts);
                    queue.Clear();
                }
            }

            queues.RemoveAll(q => q.Count == 0);
        }

        return published;
    }
}
