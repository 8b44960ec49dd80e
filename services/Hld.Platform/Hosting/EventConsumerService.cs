using Hld.Platform.Events;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Hosting;

/// <summary>Subscribes this service's consumer group to the topics it has handlers for.</summary>
public sealed class EventConsumerService(IEventBus bus, EventDispatcher dispatcher, IOptions<HldOptions> options) : IHostedService
{
    private IAsyncDisposable? _subscription;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (dispatcher.Topics.Count == 0)
        {
            return;
        }

        var group = options.Value.AppId;
        _subscription = await bus.SubscribeAsync(group, dispatcher.Topics, (envelope, ct) => dispatcher.DispatchAsync(group, envelope, ct), cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }
}
