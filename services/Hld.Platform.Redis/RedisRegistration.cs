using Hld.Platform.Events;
using Hld.Platform.Resilience;
using Hld.Platform.State;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Hld.Platform.Redis;

/// <summary><c>Hld:Store=Redis</c>: state and events in one Redis, its streams read by the platform's polling bus.</summary>
public static class RedisRegistration
{
    public static IServiceCollection AddRedisAdapter(this IServiceCollection services, IConfigurationSection hld)
    {
        var redis = hld.GetSection("Redis").Get<RedisOptions>() ?? new RedisOptions();
        services.AddSingleton(redis);
        services.TryAddSingleton<IConnectionMultiplexer>(_ =>
        {
            var config = ConfigurationOptions.Parse(redis.Configuration);
            config.AbortOnConnectFail = false;
            return ConnectionMultiplexer.Connect(config);
        });
        services.AddSingleton<IAggregateStore, RedisAggregateStore>();
        services.AddSingleton<RedisEventStreamLog>();
        services.AddSingleton<IEventStreamLog>(sp => sp.GetRequiredService<RedisEventStreamLog>());
        services.AddSingleton<IEventLogReader>(sp => sp.GetRequiredService<RedisEventStreamLog>());
        services.AddSingleton<IEventBus, PollingEventBus>();
        services.AddSingleton<IStoreFaults, RedisFaults>();
        return services;
    }

    private sealed class RedisFaults : IStoreFaults
    {
        public bool IsUnavailable(Exception exception) => RedisResilience.IsTransient(exception);
    }
}
