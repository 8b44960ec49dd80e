using System.Collections.Concurrent;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Events;
using Hld.Platform.State;
using Hld.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>Redelivery on a host whose rules run on the manual clock (Development and these tests).</summary>
public sealed class RedeliveryTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    [Fact]
    public async Task A_delivery_that_failed_comes_again_though_the_manual_clock_stands_still()
    {
        // Found by ./hld chaos: the bus scheduled its claims of stale entries on the manual clock,
        // so after the first claim of a process nothing left pending was ever delivered again.
        var services = hosts.Registry.Services;
        var bus = services.GetRequiredService<IEventBus>();
        var store = services.GetRequiredService<IAggregateStore>();
        var attempts = new ConcurrentDictionary<string, int>();
        var envelope = EventEnvelopes.Create(ParticipantRegistered.Of(new Participant { ParticipantId = "redelivery-1", Category = ParticipantCategory.OtherNgo }), "test/redelivery-1", 1, DateTimeOffset.UtcNow, "redelivery-test");

        await using var subscription = await bus.SubscribeAsync("redelivery-test", [envelope.Topic], (e, _) =>
        {
            if (e.EventId != envelope.EventId)
            {
                return Task.CompletedTask;
            }

            // The first delivery fails; only a redelivery can succeed.
            return attempts.AddOrUpdate(e.EventId, 1, (_, n) => n + 1) == 1
                ? Task.FromException(new InvalidOperationException("first delivery fails"))
                : Task.CompletedTask;
        });
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.True(await store.TryCommitAsync("test/redelivery-1", 0, "{}"u8.ToArray(), [envelope]));

        await Eventually.Until(() => Task.FromResult(attempts.GetValueOrDefault(envelope.EventId)), n => n >= 2, TimeSpan.FromSeconds(20), "the failed delivery to come again");
    }
}
