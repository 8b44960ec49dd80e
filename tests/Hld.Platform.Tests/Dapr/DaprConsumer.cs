using System.Collections.Concurrent;
using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Tests.Dapr;

/// <summary>
/// A consumer group wired as a host wires it: the dispatcher above the bus, a handler of
/// <see cref="ParticipantRegistered"/> that counts attempts and effects, and fails when told to.
/// </summary>
internal sealed class DaprConsumer : IAsyncDisposable
{
    public const string Group = "dapr-test-consumer";

    private readonly ConcurrentDictionary<string, int> _handled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _effects = new();
    private ServiceProvider? _provider;
    private IAsyncDisposable? _subscription;

    public EventDispatcher Dispatcher { get; private set; } = null!;

    /// <summary>Event ids in the order their effects were applied.</summary>
    public IReadOnlyList<string> Effects => [.. _effects];

    public int Handled(string eventId) => _handled.GetValueOrDefault(eventId);

    public int Attempts(string eventId) => _attempts.GetValueOrDefault(eventId);

    /// <summary>The next <paramref name="times"/> attempts at <paramref name="eventId"/> throw.</summary>
    public void FailNext(string eventId, int times) => _failures[eventId] = times;

    public static async Task<DaprConsumer> SubscribeAsync(DaprAppHost app, int maxAttempts = 5, bool fail = false)
    {
        var consumer = new DaprConsumer();
        var services = new ServiceCollection();
        services.AddSingleton(new CountingHandler(consumer, fail));
        services.AddEventHandler<ParticipantRegistered, CountingHandler>();
        consumer._provider = services.BuildServiceProvider();
        var dispatcher = new EventDispatcher(
            app.Store,
            consumer._provider.GetRequiredService<IServiceScopeFactory>(),
            consumer._provider.GetServices<EventSubscription>(),
            Options.Create(new EventDeliveryOptions { MaxAttempts = maxAttempts }),
            TimeProvider.System,
            NullLogger<EventDispatcher>.Instance);
        consumer.Dispatcher = dispatcher;
        consumer._subscription = await app.Bus.SubscribeAsync(Group, dispatcher.Topics, (e, ct) => dispatcher.DispatchAsync(Group, e, ct));
        return consumer;
    }

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync();
        }
    }

    private bool TakeFailure(string eventId)
    {
        while (_failures.TryGetValue(eventId, out var left) && left > 0)
        {
            if (_failures.TryUpdate(eventId, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class CountingHandler(DaprConsumer consumer, bool fail) : IEventHandler<ParticipantRegistered>
    {
        public Task HandleAsync(ParticipantRegistered @event, EventEnvelope envelope, CancellationToken cancellationToken)
        {
            consumer._attempts.AddOrUpdate(envelope.EventId, 1, (_, n) => n + 1);
            if (fail || consumer.TakeFailure(envelope.EventId))
            {
                throw new InvalidOperationException("handler is broken");
            }

            consumer._handled.AddOrUpdate(envelope.EventId, 1, (_, n) => n + 1);
            consumer._effects.Enqueue(envelope.EventId);
            return Task.CompletedTask;
        }
    }
}
