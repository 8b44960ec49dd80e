using System.Threading.Channels;
using Hld.Contracts.Events.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Events;

/// <summary>One entry of a topic's stream, as a consumer group sees it.</summary>
public sealed record LogEntry(string Topic, string EntryId, EventEnvelope Envelope);

/// <summary>
/// A log of topics with consumer groups and pending entries (Redis Streams semantics). The Redis
/// and in-memory adapters implement it; <see cref="PollingEventBus"/> turns it into delivery.
/// </summary>
public interface IEventStreamLog
{
    /// <summary>Raised (with the topic) when this process learns that an entry was appended.</summary>
    event Action<string>? Appended;

    /// <summary>Creates the group on each topic if missing; a new group starts from the beginning.</summary>
    Task EnsureGroupAsync(string group, IReadOnlyCollection<string> topics, CancellationToken cancellationToken);

    /// <summary>Takes over entries delivered to any consumer of the group and unacknowledged for at least <paramref name="minIdle"/>.</summary>
    Task<IReadOnlyList<LogEntry>> ClaimStaleAsync(string group, string consumer, IReadOnlyCollection<string> topics, TimeSpan minIdle, int count, CancellationToken cancellationToken);

    /// <summary>Reads entries never delivered to the group.</summary>
    Task<IReadOnlyList<LogEntry>> ReadNewAsync(string group, string consumer, IReadOnlyCollection<string> topics, int count, CancellationToken cancellationToken);

    /// <summary>Marks entries processed by the group, in as few round trips as the store allows.</summary>
    Task AcknowledgeAsync(string group, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken);
}

/// <summary>
/// At-least-once delivery over an <see cref="IEventStreamLog"/>: new entries, then stale ones, a
/// batch at a time. A batch is split into partitions by aggregate key; partitions run at once (up to
/// <see cref="EventDeliveryOptions.Parallelism"/>), each in log order, so one aggregate's events keep
/// their order while different aggregates do not wait for each other. A partition stops at its first
/// failure, leaving that entry and the ones after it pending, so a later event never overtakes an
/// earlier one of the same aggregate within the batch. What succeeded is acknowledged in one call.
/// </summary>
public sealed class PollingEventBus(IEventStreamLog log, IOptions<EventDeliveryOptions> options, ILogger<PollingEventBus> logger) : IEventBus
{
    private IEventStreamLog Log => log;

    private EventDeliveryOptions Options => options.Value;

    // Redelivery runs on real time, like Redis's own idle times: on the manual clock of Development,
    // which stands still, a consumer claimed stale entries once per process and never again, so an
    // event a killed consumer held was never delivered (found by ./hld chaos).
    private static TimeProvider Clock => TimeProvider.System;

    private ILogger Logger => logger;

    public async Task<IAsyncDisposable> SubscribeAsync(string consumerGroup, IReadOnlyCollection<string> topics, EventDelivery deliver, CancellationToken cancellationToken = default)
    {
        await Log.EnsureGroupAsync(consumerGroup, topics, cancellationToken);
        var consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
        return new Subscription(this, consumerGroup, consumer, [.. topics], deliver);
    }

    private sealed class Subscription : IAsyncDisposable
    {
        private readonly PollingEventBus _bus;
        private readonly CancellationTokenSource _stop = new();
        private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        private readonly HashSet<string> _topics;
        private readonly Task _loop;
        private int _disposed;

        public Subscription(PollingEventBus bus, string group, string consumer, IReadOnlyCollection<string> topics, EventDelivery deliver)
        {
            _bus = bus;
            _topics = new HashSet<string>(topics, StringComparer.Ordinal);
            bus.Log.Appended += OnAppended;
            _loop = Task.Run(() => RunAsync(group, consumer, topics, deliver, _stop.Token));
        }

        private void OnAppended(string topic)
        {
            if (_topics.Contains(topic))
            {
                _wake.Writer.TryWrite(true);
            }
        }

        private async Task RunAsync(string group, string consumer, IReadOnlyCollection<string> topics, EventDelivery deliver, CancellationToken stop)
        {
            var options = _bus.Options;
            var nextClaim = PollingEventBus.Clock.GetUtcNow();
            var acknowledging = Task.CompletedTask;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    // The last batch's acknowledgement and this read go to the store together: the read
                    // does not wait a round trip for the acknowledgement, which nothing after it needs.
                    var reading = _bus.Log.ReadNewAsync(group, consumer, topics, options.BatchSize, stop);
                    await ObserveAsync(acknowledging, group, consumer);
                    acknowledging = Task.CompletedTask;
                    IReadOnlyList<LogEntry> entries = await reading;
                    if (entries.Count == 0 && PollingEventBus.Clock.GetUtcNow() >= nextClaim)
                    {
                        nextClaim = PollingEventBus.Clock.GetUtcNow() + options.RedeliveryAfter / 2;
                        entries = await _bus.Log.ClaimStaleAsync(group, consumer, topics, options.RedeliveryAfter, options.BatchSize, stop);
                    }

                    if (entries.Count == 0)
                    {
                        await WaitAsync(Min(options.PollInterval, options.RedeliveryAfter / 2), stop);
                        continue;
                    }

                    var done = await DeliverBatchAsync(entries, deliver, options.Parallelism, stop);
                    if (done.Count > 0)
                    {
                        acknowledging = _bus.Log.AcknowledgeAsync(group, done, stop);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    await ObserveAsync(acknowledging, group, consumer);
                    return;
                }
                catch (Exception ex)
                {
                    // The store is unreachable or refused us: back off and keep the subscription alive.
                    _bus.Logger.LogWarning(ex, "Consumer {Consumer} of {Group} could not poll; retrying", consumer, group);
                    await WaitAsync(options.PollInterval, stop);
                }
            }

            await ObserveAsync(acknowledging, group, consumer);
        }

        // An acknowledgement that failed leaves its entries pending: they come again after
        // RedeliveryAfter and their effects are not repeated (markers, self-deduplicating handlers).
        private async Task ObserveAsync(Task acknowledging, string group, string consumer)
        {
            try
            {
                await acknowledging;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _bus.Logger.LogWarning(ex, "Consumer {Consumer} of {Group} could not acknowledge a batch; it will be delivered again", consumer, group);
            }
            catch (OperationCanceledException)
            {
                // Stopping: what was not acknowledged is delivered again.
            }
        }

        private async Task<IReadOnlyList<LogEntry>> DeliverBatchAsync(IReadOnlyList<LogEntry> entries, EventDelivery deliver, int parallelism, CancellationToken stop)
        {
            var done = new System.Collections.Concurrent.ConcurrentBag<LogEntry>();
            var partitions = entries.GroupBy(e => e.Envelope.AggregateKey, StringComparer.Ordinal);
            await Parallel.ForEachAsync(partitions, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = stop }, async (partition, ct) =>
            {
                foreach (var entry in partition)
                {
                    try
                    {
                        await deliver(entry.Envelope, ct);
                    }
                    catch (Exception ex) when (!ct.IsCancellationRequested)
                    {
                        // Left pending on purpose, with the rest of its aggregate's entries: they come again after RedeliveryAfter.
                        _bus.Logger.LogDebug(ex, "Delivery of {EventId} failed; left pending", entry.Envelope.EventId);
                        return;
                    }

                    done.Add(entry);
                }
            });
            return [.. done];
        }

        private async Task WaitAsync(TimeSpan timeout, CancellationToken stop)
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timer.CancelAfter(timeout);
            try
            {
                await _wake.Reader.ReadAsync(timer.Token);
            }
            catch (OperationCanceledException)
            {
                // Timed out, or stopping: the loop checks which.
            }
        }

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

        public async ValueTask DisposeAsync()
        {
            // Hosts may stop twice (a test factory's dispose after an explicit stop): only the first counts.
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            _bus.Log.Appended -= OnAppended;
            await _stop.CancelAsync();
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // Stopped as asked.
            }

            _stop.Dispose();
        }
    }
}
