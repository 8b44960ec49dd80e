using System.Threading.Channels;
using Hld.Contracts.Events.V1;
using Hld.Platform.State;
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
/// Given a store for leases, replicas of one service share its group: the aggregates are split into
/// <see cref="EventDeliveryOptions.Partitions"/> partitions, and a replica reads and handles a
/// partition only while it holds its lease (<see cref="PartitionLeases"/>, decision 015). Without one,
/// a single consumer is assumed.
/// </summary>
public sealed class PollingEventBus(IEventStreamLog log, IOptions<EventDeliveryOptions> options, ILogger<PollingEventBus> logger, IAggregateStore? leaseStore = null) : IEventBus
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
        var consumer = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
        var partitions = Options.Partitions;
        if (leaseStore is null)
        {
            if (partitions != 1)
            {
                throw new InvalidOperationException($"Hld:Events:Partitions is {partitions}, and partitions need a store for their leases.");
            }

            await Log.EnsureGroupAsync(consumerGroup, topics, cancellationToken);
            return new Subscription(this, consumerGroup, consumer, [.. topics], deliver, Partition.Whole);
        }

        var replica = Options.ReplicaId ?? Environment.GetEnvironmentVariable("HOSTNAME") ?? Environment.MachineName;
        var leases = new PartitionLeases(leaseStore, consumerGroup, partitions, replica, Options.LeaseDuration, Logger);
        for (var n = 0; n < partitions; n++)
        {
            await Log.EnsureGroupAsync(GroupOf(consumerGroup, n, partitions), topics, cancellationToken);
        }

        await leases.StartAsync(cancellationToken);
        var subscriptions = Enumerable.Range(0, partitions)
            .Select(n => new Subscription(this, GroupOf(consumerGroup, n, partitions), consumer, [.. topics], deliver, new Partition(n, partitions, leases)))
            .ToArray();
        return new Partitioned(subscriptions, leases);
    }

    /// <summary>The store's consumer group of one partition: the service's own name when there is one partition.</summary>
    public static string GroupOf(string consumerGroup, int partition, int partitions) =>
        partitions == 1 ? consumerGroup : $"{consumerGroup}.p{partition.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>Which entries a subscription handles, and the leases that say when it may.</summary>
    private sealed record Partition(int Number, int Count, PartitionLeases? Leases)
    {
        public static readonly Partition Whole = new(0, 1, null);

        public bool Holds(LogEntry entry) => Count == 1 || PartitionLeases.PartitionOf(entry.Envelope.AggregateKey, Count) == Number;
    }

    // The partitions' loops stop first, each after its batch is acknowledged; then the leases are freed.
    private sealed class Partitioned(Subscription[] subscriptions, PartitionLeases leases) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Task.WhenAll(subscriptions.Select(s => s.DisposeAsync().AsTask()));
            await leases.DisposeAsync();
        }
    }

    private sealed class Subscription : IAsyncDisposable
    {
        private readonly PollingEventBus _bus;
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationTokenSource _abort = new();
        private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        private readonly HashSet<string> _topics;
        private readonly Partition _partition;
        private readonly Task _loop;
        private int _disposed;

        public Subscription(PollingEventBus bus, string group, string consumer, IReadOnlyCollection<string> topics, EventDelivery deliver, Partition partition)
        {
            _bus = bus;
            _partition = partition;
            _topics = new HashSet<string>(topics, StringComparer.Ordinal);
            bus.Log.Appended += OnAppended;
            if (partition.Leases is { } leases)
            {
                leases.Changed += OnLeasesChanged;
            }

            _loop = Task.Run(() => RunAsync(group, consumer, topics, deliver, _stop.Token, _abort.Token));
        }

        private void OnLeasesChanged() => _wake.Writer.TryWrite(true);

        private void OnAppended(string topic)
        {
            if (_topics.Contains(topic))
            {
                _wake.Writer.TryWrite(true);
            }
        }

        // stop: read nothing more; abort: cancel the batch in hand too. On stopping, the batch in hand is
        // finished and acknowledged first (within RedeliveryAfter), so that a replica handing its
        // partitions over leaves nothing half done for the next one.
        private async Task RunAsync(string group, string consumer, IReadOnlyCollection<string> topics, EventDelivery deliver, CancellationToken stop, CancellationToken abort)
        {
            var options = _bus.Options;
            var nextClaim = PollingEventBus.Clock.GetUtcNow();
            var acknowledging = Task.CompletedTask;
            var leases = _partition.Leases;
            var draining = false;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (leases is not null && !leases.MayConsume(_partition.Number))
                    {
                        // Not this replica's partition now, or asked to hand it over: finish, then say so.
                        await ObserveAsync(acknowledging, group, consumer);
                        acknowledging = Task.CompletedTask;
                        leases.Idle(_partition.Number);
                        await WaitAsync(options.PollInterval, stop);
                        continue;
                    }

                    IReadOnlyList<LogEntry> entries;
                    if (leases is not null && (leases.TakeFresh(_partition.Number) || draining))
                    {
                        // Just acquired: what the previous holder (or this replica before a restart) left
                        // pending comes first, all of it, batch after batch, before anything new, so a later
                        // event of an aggregate does not overtake it. A batch short of full is the last.
                        await ObserveAsync(acknowledging, group, consumer);
                        acknowledging = Task.CompletedTask;
                        entries = await _bus.Log.ClaimStaleAsync(group, consumer, topics, TimeSpan.Zero, options.BatchSize, stop);
                        draining = entries.Count >= options.BatchSize;
                    }
                    else
                    {
                        // The last batch's acknowledgement and this read go to the store together: the read
                        // does not wait a round trip for the acknowledgement, which nothing after it needs.
                        var reading = _bus.Log.ReadNewAsync(group, consumer, topics, options.BatchSize, stop);
                        await ObserveAsync(acknowledging, group, consumer);
                        acknowledging = Task.CompletedTask;
                        entries = await reading;
                    }

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

                    var done = await DeliverBatchAsync(entries, deliver, options.Parallelism, abort);
                    if (done.Count > 0)
                    {
                        acknowledging = _bus.Log.AcknowledgeAsync(group, done, abort);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested || abort.IsCancellationRequested)
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
            // Another partition's entries are acknowledged here unhandled: that partition's group handles them.
            var done = new System.Collections.Concurrent.ConcurrentBag<LogEntry>(entries.Where(e => !_partition.Holds(e)));
            var partitions = entries.Where(_partition.Holds).GroupBy(e => e.Envelope.AggregateKey, StringComparer.Ordinal);
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
            if (_partition.Leases is { } leases)
            {
                leases.Changed -= OnLeasesChanged;
            }

            await _stop.CancelAsync();
            if (await Task.WhenAny(_loop, Task.Delay(_bus.Options.RedeliveryAfter)) != _loop)
            {
                await _abort.CancelAsync();
            }

            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
                // Stopped as asked.
            }

            _stop.Dispose();
            _abort.Dispose();
        }
    }
}
