using System.Collections.Immutable;
using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Dapr;

/// <summary>
/// Delivery through the sidecar: the sidecar owns the consumer group (the app id) and redelivers
/// until the app answers SUCCESS; this bus hands each event from <see cref="DaprAppCallbackService"/>
/// to one subscriber of every group on its topic and reports whether all of them processed it.
/// Nothing is acknowledged that no subscriber processed, so an event arriving between two
/// subscriptions comes again. Log topics (<see cref="DaprOptions.LogTopics"/>) are not published, so a
/// subscription to one is refused rather than left waiting forever: read them with
/// <see cref="IEventLogReader"/>.
/// </summary>
public sealed class DaprEventBus(IOptions<DaprOptions> options, IEnumerable<PositionalLogTopic> positionalLogs, ILogger<DaprEventBus> logger) : IEventBus
{
    private readonly Lock _gate = new();
    private ImmutableList<Subscription> _subscriptions = [];
    private int _turn;

    private ILogger Logger => logger;

    /// <summary>Topics some subscriber currently takes.</summary>
    public IReadOnlyCollection<string> Topics =>
        [.. Volatile.Read(ref _subscriptions).SelectMany(s => s.Topics).Distinct(StringComparer.Ordinal)];

    public Task<IAsyncDisposable> SubscribeAsync(string consumerGroup, IReadOnlyCollection<string> topics, EventDelivery deliver, CancellationToken cancellationToken = default)
    {
        var logTopics = options.Value.LogTopicsWith(positionalLogs);
        if (topics.FirstOrDefault(logTopics.Contains) is { } logTopic)
        {
            throw new InvalidOperationException(
                $"Topic {logTopic} is a log topic of the Dapr adapter (Hld:Dapr:LogTopics): it is appended to a log in the state store, not published, so no subscription would receive it. Read it with IEventLogReader, or take it out of Hld:Dapr:LogTopics.");
        }

        var subscription = new Subscription(this, consumerGroup, topics, deliver);
        lock (_gate)
        {
            _subscriptions = _subscriptions.Add(subscription);
        }

        return Task.FromResult<IAsyncDisposable>(subscription);
    }

    /// <summary>Delivers to one subscriber of each group taking the topic; true only when every group processed it.</summary>
    public async Task<bool> DeliverAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var groups = Volatile.Read(ref _subscriptions)
            .Where(s => s.Topics.Contains(envelope.Topic))
            .GroupBy(s => s.Group, StringComparer.Ordinal)
            .ToList();
        if (groups.Count == 0)
        {
            logger.LogDebug("No subscriber takes {Topic} now; event {EventId} is left for redelivery", envelope.Topic, envelope.EventId);
            return false;
        }

        // Members of one group compete, as replicas of an app do behind their sidecars.
        var turn = Interlocked.Increment(ref _turn) & int.MaxValue;
        var outcomes = await Task.WhenAll(groups.Select(g =>
        {
            var members = g.ToList();
            return members[turn % members.Count].DeliverAsync(envelope, cancellationToken);
        }));
        return outcomes.All(delivered => delivered);
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Remove(subscription);
        }
    }

    private sealed class Subscription(DaprEventBus bus, string group, IReadOnlyCollection<string> topics, EventDelivery deliver) : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private bool _stopped;
        private int _inFlight;

        public string Group => group;

        public HashSet<string> Topics { get; } = new(topics, StringComparer.Ordinal);

        public async Task<bool> DeliverAsync(EventEnvelope envelope, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                if (_stopped)
                {
                    return false;
                }

                _inFlight++;
            }

            try
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, cancellationToken);
                await deliver(envelope, linked.Token);
                return true;
            }
            catch (Exception ex)
            {
                // Not processed: the sidecar delivers it again. The dispatcher has counted and logged it.
                bus.Logger.LogDebug(ex, "Delivery of {EventId} to {Group} failed; the sidecar retries it", envelope.EventId, group);
                return false;
            }
            finally
            {
                lock (_gate)
                {
                    if (--_inFlight == 0 && _stopped)
                    {
                        _drained.TrySetResult();
                    }
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            bus.Remove(this);
            lock (_gate)
            {
                _stopped = true;
                if (_inFlight == 0)
                {
                    _drained.TrySetResult();
                }
            }

            // In-flight deliveries are cancelled, not acknowledged: the sidecar hears RETRY.
            await _stop.CancelAsync();
            await _drained.Task;
            _stop.Dispose();
        }
    }
}
