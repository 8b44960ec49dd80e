using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi.Models;

namespace Hld.Platform.Rest;

/// <summary>
/// REST for reporting teams (docs/decisions/014-rest-transcoding.md): the RPCs whose protos carry a
/// google.api.http option answer JSON on the same routes' policies, an OpenAPI document describes them
/// in Development and Testing, and the port named <c>Hld:Rest:Port</c> speaks HTTP/1.1.
/// </summary>
public static class RestApi
{
    public const string DocumentRoute = "/openapi/{documentName}.json";

    public static WebApplicationBuilder AddRestApi(this WebApplicationBuilder builder, string title)
    {
        // Transcoding writes a refusal's google.rpc.Status (grpc-status-details-bin) as JSON, and it can
        // write an Any only of a type it is told about.
        builder.Services.AddGrpc().AddJsonTranscoding(o => o.TypeRegistry = JsonStatusResults.ErrorDetails);
        if (IsDevelopmentOrTesting(builder.Environment))
        {
            builder.Services.AddGrpcSwagger();
            builder.Services.AddSwaggerGen(swagger =>
            {
                swagger.SwaggerDoc("v1", new OpenApiInfo { Title = title, Version = "v1" });
                // The protos' comments, which Grpc.Tools writes as the contracts' XML docs.
                var docs = Path.Combine(AppContext.BaseDirectory, "Hld.Contracts.xml");
                if (File.Exists(docs))
                {
                    swagger.IncludeXmlComments(docs);
                    swagger.IncludeGrpcXmlComments(docs, includeControllerXmlComments: true);
                }
            });
        }

        return builder;
    }

    public static WebApplication MapRestApi(this WebApplication app)
    {
        if (IsDevelopmentOrTesting(app.Environment))
        {
            app.MapSwagger(DocumentRoute).AllowAnonymous();
        }

        return app;
    }

    /// <summary>
    /// The hosts listen h2c (HTTP/2 by prior knowledge, Kestrel:EndpointDefaults:Protocols). A cleartext
    /// endpoint offering both HTTP/1.1 and HTTP/2 speaks only HTTP/1.1, since nothing negotiates without
    /// TLS, so the REST port is a separate one that the host already listens on (--urls, ASPNETCORE_HTTP_PORTS),
    /// and <c>Hld:Rest:Port</c> names it. Every host honours it, so one deployment shape serves all four.
    /// </summary>
    public static void UseRestPort(WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetValue<int?>("Hld:Rest:Port") is not { } port)
        {
            return;
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
        {
            if (listen.IPEndPoint?.Port == port)
            {
                listen.Protocols = HttpProtocols.Http1;
            }
        }));
    }

    private static bool IsDevelopmentOrTesting(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");
}
