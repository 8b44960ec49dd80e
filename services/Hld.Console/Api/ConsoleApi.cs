using Grpc.Net.Client;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Hearings.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Reporting.V1;
using Hld.Contracts.Sessions.V1;
using Microsoft.Extensions.Options;

namespace Hld.Console.Api;

/// <summary>Where the four services answer (<c>Hld:Console:Api</c>); the defaults are <c>./hld up</c>'s ports.</summary>
public sealed class ApiOptions
{
    public const string Section = "Hld:Console:Api";

    public Uri Registry { get; set; } = new("http://127.0.0.1:5101");
    public Uri Sessions { get; set; } = new("http://127.0.0.1:5102");
    public Uri Hearings { get; set; } = new("http://127.0.0.1:5103");
    public Uri Reporting { get; set; } = new("http://127.0.0.1:5104");
}

/// <summary>
/// The public gRPC API as the console sees it: one channel per service, shared by every request (a
/// channel multiplexes calls over HTTP/2), and the generated clients. The console holds nothing else
/// of the services: no store, no event stream (docs/decisions/100-web-console.md).
/// </summary>
public sealed class ConsoleApi : IDisposable
{
    private readonly GrpcChannel[] _channels;

    public ConsoleApi(IOptions<ApiOptions> options)
    {
        var registry = GrpcChannel.ForAddress(options.Value.Registry);
        var sessions = GrpcChannel.ForAddress(options.Value.Sessions);
        var hearings = GrpcChannel.ForAddress(options.Value.Hearings);
        var reporting = GrpcChannel.ForAddress(options.Value.Reporting);
        _channels = [registry, sessions, hearings, reporting];
        Registry = new RegistryService.RegistryServiceClient(registry);
        Sessions = new SessionsService.SessionsServiceClient(sessions);
        Hearings = new HearingsService.HearingsServiceClient(hearings);
        Reporting = new ReportingService.ReportingServiceClient(reporting);
        // Every host serves the clock; the Hall and the desk measure meetings and deadlines by the sessions' one.
        Clock = new ClockService.ClockServiceClient(sessions);
    }

    public RegistryService.RegistryServiceClient Registry { get; }
    public SessionsService.SessionsServiceClient Sessions { get; }
    public HearingsService.HearingsServiceClient Hearings { get; }
    public ReportingService.ReportingServiceClient Reporting { get; }
    public ClockService.ClockServiceClient Clock { get; }

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }
    }
}
