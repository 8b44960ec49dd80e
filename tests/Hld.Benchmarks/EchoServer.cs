using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hld.Benchmarks;

/// <summary>
/// The framework's ceiling: a Kestrel gRPC host whose one unary RPC answers at once, with no auth,
/// no interceptors and no store. It reuses <c>grpc.health.v1.Health/Check</c>, a generated service
/// the packages already ship, so the benchmark compiles no proto of its own (only Hld.Contracts does).
/// It runs as a child process, so that it shares the machine with the load generator the way the
/// real services do.
/// </summary>
public static class EchoServer
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port, o => o.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var app = builder.Build();
        app.MapGrpcService<Echo>();
        await app.RunAsync();
        return 0;
    }

    private sealed class Echo : Health.HealthBase
    {
        private static readonly Task<HealthCheckResponse> Serving = Task.FromResult(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving });

        public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context) => Serving;
    }
}
