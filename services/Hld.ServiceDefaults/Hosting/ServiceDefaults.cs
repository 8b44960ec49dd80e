using System.Runtime.CompilerServices;
using Hld.Modalities;
using Hld.Platform.Dapr;
using Hld.Platform.Errors;
using Hld.Platform.Events;
using Hld.Platform.Idempotency;
using Hld.Platform.InMemory;
using Hld.Platform.Redis;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Platform.Time;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Hld.Platform.Hosting;

/// <summary>What every HLD host has: store, events, errors, idempotency, auth, health, telemetry, clock.</summary>
public static class ServiceDefaults
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string appId)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var environment = builder.Environment;
        var hld = configuration.GetSection("Hld");
        services.Configure<HldOptions>(hld);
        services.PostConfigure<HldOptions>(o => o.AppId = string.IsNullOrEmpty(o.AppId) ? appId : o.AppId);
        services.Configure<EventDeliveryOptions>(hld.GetSection("Events"));
        services.Configure<LimitOptions>(hld.GetSection("Limits"));
        services.AddSingleton<StreamLimiter>();
        var options = hld.Get<HldOptions>() ?? new HldOptions();
        var definition = builder.AddDialogueDefinition();

        services.AddSingleton(TimeProviderFor(hld.GetSection("Clock").Get<ClockOptions>() ?? new(), environment, definition));
        AddStore(services, hld, options.Store, environment);
        services.AddSingleton<AggregateRepository>();
        services.AddSingleton<EventDispatcher>();
        services.AddHostedService<EventConsumerService>();

        // Interceptors and the platform's services hold no state of a call: one instance serves every
        // call (grpc-dotnet takes them from DI when they are registered) instead of one built per call.
        services.AddSingleton<ErrorMappingInterceptor>();
        services.AddSingleton<StreamLimitInterceptor>();
        services.AddSingleton<IdempotencyInterceptor>();
        services.AddSingleton<ClockGrpcService>();
        services.AddSingleton<OperationsGrpcService>();
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxMessageBytes;
            grpc.EnableDetailedErrors = false;
            // Outermost first: errors from idempotency bookkeeping are mapped too.
            grpc.Interceptors.Add<ErrorMappingInterceptor>();
            grpc.Interceptors.Add<StreamLimitInterceptor>();
            grpc.Interceptors.Add<IdempotencyInterceptor>();
        });
        // Two health services: "" (readiness: the process and its store) and "liveness" (the process
        // only), so a store outage takes pods out of rotation instead of restarting them all.
        services.AddGrpcHealthChecks(o => o.Services.Map("liveness", check => check.Tags.Contains("live")))
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<StoreHealthCheck>("store");
        UseRecentHealthReports(services);
        if (environment.IsDevelopment())
        {
            services.AddGrpcReflection();
        }

        AddAuth(services, hld.GetSection("Auth").Get<AuthOptions>() ?? new(), environment);
        services.AddCallerRateLimits(hld.GetSection("RateLimits").Get<RateLimitOptions>() ?? new());
        Rest.RestApi.UseRestPort(builder);
        AddTelemetry(services, configuration, appId);
        QuietRequestDiagnostics(builder.Logging, configuration);
        return builder;
    }

    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseDetailsOnFrameworkRefusals();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        // Probes are never throttled: a refused probe would take a healthy pod out of rotation.
        app.MapGrpcHealthChecksService().AllowAnonymous().DisableRateLimiting();
        app.MapGrpcService<ClockGrpcService>();
        app.MapGrpcService<OperationsGrpcService>();
        if (app.Services.GetRequiredService<IOptions<HldOptions>>().Value.Store == "Dapr")
        {
            MapDapr(app);
        }
        if (app.Environment.IsDevelopment())
        {
            app.MapGrpcReflectionService().AllowAnonymous();
        }

        return app;
    }

    private static bool IsDevelopmentOrTesting(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    // A manual clock starts where it is told, else on the day the meeting's resolution was adopted, so a
    // rehearsal of any meeting (./hld up --dialogue hld-2006) begins before everything the meeting decides.
    private static TimeProvider TimeProviderFor(ClockOptions clock, IHostEnvironment environment, DialogueDefinition definition)
    {
        if (!clock.Manual)
        {
            return TimeProvider.System;
        }

        if (!IsDevelopmentOrTesting(environment))
        {
            throw new InvalidOperationException("Hld:Clock:Manual is for Development and Testing only; production rules run on real time.");
        }

        return new ManualTimeProvider(clock.Start ?? new DateTimeOffset(definition.Resolution.AdoptedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));
    }

    private static void AddStore(IServiceCollection services, IConfigurationSection hld, string store, IHostEnvironment environment)
    {
        switch (store)
        {
            case "Redis":
                UseRedis(services, hld);
                break;
            case "InMemory":
                if (!IsDevelopmentOrTesting(environment))
                {
                    throw new InvalidOperationException("Hld:Store=InMemory is for tests only and is refused outside Development and Testing.");
                }

                services.AddSingleton<InMemoryEventStreamLog>();
                services.AddSingleton<IEventStreamLog>(sp => sp.GetRequiredService<InMemoryEventStreamLog>());
                services.AddSingleton<IEventLogReader>(sp => sp.GetRequiredService<InMemoryEventStreamLog>());
                services.AddSingleton<IAggregateStore, InMemoryAggregateStore>();
                services.AddSingleton<IEventBus, PollingEventBus>();
                break;
            case "Dapr":
                UseDapr(services, hld);
                break;
            default:
                throw new InvalidOperationException($"Hld:Store '{store}' is not one of Redis, Dapr, InMemory.");
        }
    }

    // One method per adapter, never inlined: the JIT loads an adapter's assembly (and its store
    // client) only when the configured store calls for it, so a Dapr host never loads StackExchange.Redis.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UseRedis(IServiceCollection services, IConfigurationSection hld) => services.AddRedisAdapter(hld);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void UseDapr(IServiceCollection services, IConfigurationSection hld) => services.AddDaprAdapter(hld);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MapDapr(WebApplication app) => app.MapDaprAppCallback();

    /// <summary>Health answers from <see cref="RecentHealthReports"/>, which runs the framework's checks at most once a second.</summary>
    private static void UseRecentHealthReports(IServiceCollection services)
    {
        var checks = services.LastOrDefault(d => d.ServiceType == typeof(HealthCheckService) && !d.IsKeyedService && d.ImplementationType is not null)
            ?? throw new InvalidOperationException("AddGrpcHealthChecks registers the health check service; it was not found.");
        services.Remove(checks);
        services.AddSingleton<HealthCheckService>(sp => new RecentHealthReports(
            (HealthCheckService)ActivatorUtilities.CreateInstance(sp, checks.ImplementationType!),
            sp.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations));
    }

    /// <summary>
    /// ASP.NET Core starts an Activity and a logging scope for every request as soon as its request
    /// logger ("Request starting", "Request finished", at Information, which no host shows) is enabled
    /// at all, whether or not anything traces. Off unless the configuration names that logger; traces,
    /// where they are sent, still get their spans from OpenTelemetry's listener.
    /// </summary>
    private static void QuietRequestDiagnostics(ILoggingBuilder logging, ConfigurationManager configuration)
    {
        const string RequestLogger = "Microsoft.AspNetCore.Hosting.Diagnostics";
        if (configuration.GetSection($"Logging:LogLevel:{RequestLogger}").Value is null)
        {
            logging.AddFilter(RequestLogger, LogLevel.None);
        }
    }

    private static void AddAuth(IServiceCollection services, AuthOptions auth, IHostEnvironment environment)
    {
        // Checked here, at start-up: inside the bearer options it would run on the first request and
        // turn every call, health included, into HTTP 500.
        if (string.IsNullOrEmpty(auth.Authority) && !IsDevelopmentOrTesting(environment))
        {
            throw new InvalidOperationException("Hld:Auth:Authority is required outside Development and Testing.");
        }

        var tokens = new ValidatedTokenCache();
        services.AddSingleton(tokens);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            jwt.Events = tokens.Events();
            jwt.TokenValidationParameters.RoleClaimType = HldClaims.Role;
            jwt.TokenValidationParameters.NameClaimType = HldClaims.Subject;
            jwt.TokenValidationParameters.ValidAudience = auth.Audience;
            if (!string.IsNullOrEmpty(auth.Authority))
            {
                jwt.Authority = auth.Authority;
                return;
            }

            jwt.TokenValidationParameters.ValidIssuer = DevelopmentTokens.Issuer;
            jwt.TokenValidationParameters.IssuerSigningKey = DevelopmentTokens.Key(
                string.IsNullOrEmpty(auth.SigningKey) ? DevelopmentTokens.DefaultSigningKey : auth.SigningKey);
        });
        // A token with no role we know (say "admin") is refused everywhere but the anonymous endpoints,
        // and the operator reads no content: a bare [Authorize] means the Dialogue's participants.
        var participants = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Policies.ParticipantRoles).Build();
        var anyRole = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResults>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Participants, participants)
            .AddPolicy(Policies.AnyRole, anyRole)
            .SetDefaultPolicy(participants)
            .SetFallbackPolicy(anyRole);
    }

    private static void AddTelemetry(IServiceCollection services, ConfigurationManager configuration, string appId)
    {
        // Traces and metrics are recorded only where they are sent: with no exporter, a span per call
        // and the listening to every request's instruments are work no one reads. The meters themselves
        // (Hld.*, ASP.NET Core's) stay, for dotnet-counters and any listener.
        var otlp = configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? configuration["Hld:Otlp:Endpoint"];
        if (string.IsNullOrEmpty(otlp))
        {
            return;
        }

        // Traces for a share of the calls (parent-based, so a trace begun elsewhere stays whole): a
        // span per call costs more than the call itself.
        var exportTo = new Uri(otlp);
        var ratio = double.TryParse(configuration["Hld:Telemetry:TraceSampleRatio"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var r) ? r : 0.1;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(appId))
            .WithTracing(t => t
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(Math.Clamp(ratio, 0, 1))))
                .AddAspNetCoreInstrumentation()
                .AddSource("Hld.*")
                .AddOtlpExporter(o => o.Endpoint = exportTo))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Hld.*")
                .AddOtlpExporter(o => o.Endpoint = exportTo));
    }
}
