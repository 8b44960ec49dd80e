using Grpc.Net.Client;
using Hld.Platform.Time;
using Hld.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>One real host under test, on the shared redis-server, in the Testing environment.</summary>
public sealed class HostUnderTest<TMarker>(RedisServer redis, string keyPrefix, IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<TMarker>
    where TMarker : class
{
    private GrpcChannel? _channel;

    public GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });

    /// <summary>The host's clock, when the test asked for a manual one.</summary>
    public ManualTimeProvider Clock => (ManualTimeProvider)Services.GetRequiredService<TimeProvider>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Hld:Store", "Redis");
        builder.UseSetting("Hld:Redis:Configuration", redis.Configuration);
        builder.UseSetting("Hld:Redis:KeyPrefix", keyPrefix);
        builder.UseSetting("Hld:Events:PollInterval", "00:00:00.050");
        builder.UseSetting("Hld:Events:RedeliveryAfter", "00:00:00.500");
        builder.UseSetting("Hld:Clock:Manual", "true");
        builder.UseSetting("Hld:Clock:Start", "2013-06-01T00:00:00Z");
        // As in Development: out of reach, so only a test that lowers them meets them.
        builder.UseSetting("Hld:RateLimits:PermitsPerSecond", "1000000");
        builder.UseSetting("Hld:RateLimits:Burst", "1000000");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        _channel?.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>
/// The four services as they run in production — separate hosts sharing only Redis — started in
/// this process on a real redis-server, each test class in its own key space.
/// </summary>
public class HldHosts : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public HldHosts()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>The hosts with <paramref name="settings"/> over the Testing ones, for a fixture of its own.</summary>
    protected HldHosts(IReadOnlyDictionary<string, string?> settings) => _settings = settings;

    private readonly string _prefix = $"f{Guid.NewGuid():N}:";

    public HostUnderTest<Registry.Api.Grpc.RegistryGrpcService> Registry { get; private set; } = null!;

    public HostUnderTest<Sessions.Api.Grpc.SessionsGrpcService> Sessions { get; private set; } = null!;

    public HostUnderTest<Hearings.Api.Grpc.HearingsGrpcService> Hearings { get; private set; } = null!;

    public HostUnderTest<Reporting.Api.Grpc.ReportingGrpcService> Reporting { get; private set; } = null!;

    public RedisServer Redis => _redis;

    /// <summary>The key prefix all four hosts share on <see cref="Redis"/>.</summary>
    public string KeyPrefix => _prefix;

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        Registry = new(_redis, _prefix, _settings);
        Sessions = new(_redis, _prefix, _settings);
        Hearings = new(_redis, _prefix, _settings);
        Reporting = new(_redis, _prefix, _settings);
        // Touching Server starts each host, and with it its event consumers.
        _ = Registry.Server;
        _ = Sessions.Server;
        _ = Hearings.Server;
        _ = Reporting.Server;
    }

    public async Task DisposeAsync()
    {
        await Registry.DisposeAsync();
        await Sessions.DisposeAsync();
        await Hearings.DisposeAsync();
        await Reporting.DisposeAsync();
        await _redis.DisposeAsync();
    }
}
