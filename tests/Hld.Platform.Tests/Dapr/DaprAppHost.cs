using System.Net;
using Hld.Platform.Dapr;
using Hld.Platform.Errors;
using Hld.Platform.Events;
using Hld.Platform.Hosting;
using Hld.Platform.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hld.Platform.Tests.Dapr;

/// <summary>
/// An app as a host with <c>Hld:Store=Dapr</c> wires it: the production registration
/// (<see cref="DaprRegistration"/>) and the app callback on an h2c port, attached to a fake sidecar.
/// </summary>
public sealed class DaprAppHost : IAsyncDisposable
{
    public const string AppId = "contract-app";

    private readonly WebApplication _app;

    private DaprAppHost(WebApplication app, string endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public string Endpoint { get; }

    public IServiceProvider Services => _app.Services;

    public IAggregateStore Store => _app.Services.GetRequiredService<IAggregateStore>();

    public IEventBus Bus => _app.Services.GetRequiredService<IEventBus>();

    /// <param name="relay">False: the app runs no outbox relay of its own (not even its start-up sweep), so a test's relay is the only one.</param>
    public static async Task<DaprAppHost> StartAsync(FakeDaprSidecar sidecar, TimeSpan? relayInterval = null, IReadOnlyDictionary<string, string?>? settings = null, bool relay = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hld:AppId"] = AppId,
            ["Hld:Dapr:GrpcEndpoint"] = sidecar.GrpcEndpoint,
            ["Hld:Dapr:StateStore"] = sidecar.Settings.StateStore,
            ["Hld:Dapr:PubSub"] = sidecar.Settings.PubSub,
            ["Hld:Dapr:ApiToken"] = sidecar.Settings.ApiToken,
            ["Hld:Dapr:AppApiToken"] = sidecar.Settings.AppApiToken,
            ["Hld:Dapr:RelayInterval"] = (relayInterval ?? TimeSpan.FromMilliseconds(500)).ToString(),
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var hld = builder.Configuration.GetSection("Hld");
        builder.Services.Configure<HldOptions>(hld);
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<ErrorMappingInterceptor>());
        builder.Services.AddDaprAdapter(hld);
        if (!relay)
        {
            foreach (var hosted in builder.Services.Where(d => d.ImplementationType == typeof(DaprOutboxRelay)).ToList())
            {
                builder.Services.Remove(hosted);
            }
        }

        builder.Services.AddPositionalLog(Topics.Of<Hld.Contracts.Events.V1.EventStored>()); // as the reporting host declares it

        var app = builder.Build();
        app.MapDaprAppCallback();
        await app.StartAsync();
        var endpoint = app.Urls.First();
        sidecar.AttachApp(endpoint);
        return new DaprAppHost(app, endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
