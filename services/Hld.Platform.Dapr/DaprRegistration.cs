using Dapr;
using Hld.Platform.Events;
using Hld.Platform.Resilience;
using Hld.Platform.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Dapr;

/// <summary>
/// <c>Hld:Store=Dapr</c>: state and events through the sidecar, events in through the gRPC app
/// callback, and log topics readable by position from the state store (<see cref="DaprEventLog"/>).
/// </summary>
public static class DaprRegistration
{
    public static IServiceCollection AddDaprAdapter(this IServiceCollection services, IConfigurationSection hld)
    {
        services.AddOptions<DaprOptions>()
            .Bind(hld.GetSection("Dapr"))
            .PostConfigure<IConfiguration>((options, configuration) => options.ApplyEnvironment(configuration));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DaprSidecar>();
        services.AddSingleton<DaprEventLog>();
        services.AddSingleton<IEventLogReader>(sp => sp.GetRequiredService<DaprEventLog>());
        // For its Appended event only, which in-process readers of the log wait on.
        services.AddSingleton<IEventStreamLog>(sp => sp.GetRequiredService<DaprEventLog>());
        services.AddSingleton<DaprPublisher>();
        services.AddSingleton<DaprOutbox>();
        services.AddHostedService<DaprOutboxRelay>();
        services.AddSingleton<IAggregateStore, DaprAggregateStore>();
        services.AddSingleton<DaprEventBus>();
        services.AddSingleton<IEventBus>(sp => sp.GetRequiredService<DaprEventBus>());
        services.AddSingleton<DaprBulkDelivery>();
        services.AddSingleton<DaprSidecarToken>();
        services.AddSingleton<IStoreFaults, DaprFaults>();
        return services;
    }

    /// <summary>
    /// Maps the app callback; anonymous because the sidecar presents the app API token, which the
    /// service checks. Outside Development and Testing a host without that token does not start: the
    /// callback would accept events from any caller that reaches the app port.
    /// </summary>
    public static WebApplication MapDaprAppCallback(this WebApplication app)
    {
        if (string.IsNullOrEmpty(app.Services.GetRequiredService<IOptions<DaprOptions>>().Value.AppApiToken)
            && !app.Environment.IsDevelopment() && !app.Environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException("Hld:Dapr:AppApiToken (or APP_API_TOKEN) is required outside Development and Testing: without it the Dapr app callback would accept events from any caller that reaches the app port.");
        }

        // The sidecar delivers every event through here, as one caller: a rate limit would be the
        // event path's, not a caller's (decision 010).
        app.MapGrpcService<DaprAppCallbackService>().AllowAnonymous().DisableRateLimiting();
        app.MapGrpcService<DaprAppCallbackAlphaService>().AllowAnonymous().DisableRateLimiting();
        return app;
    }

    /// <summary>The sidecar unreachable or its store behind it unavailable, as the sidecar reports it.</summary>
    private sealed class DaprFaults : IStoreFaults
    {
        public bool IsUnavailable(Exception exception) =>
            exception is DaprException { InnerException: Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.Unavailable or Grpc.Core.StatusCode.DeadlineExceeded } };
    }
}
