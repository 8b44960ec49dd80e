using Hld.Modalities;
using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Registry.Api.Grpc;
using Hld.Registry.Api.Handlers;
using Hld.Registry.Api.Storage;
using Hld.Registry.Reference;
using Microsoft.Extensions.Options;

namespace Hld.Registry.Api.Hosting;

/// <summary>What the registry host adds to the service defaults.</summary>
public static class RegistryRegistration
{
    public static WebApplicationBuilder AddRegistry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The definition first, then any override in configuration on top of it.
        services.AddOptions<RegistryOptions>()
            .Configure<DialogueDefinition>((options, definition) => options.DefinedBy(definition))
            .Bind(builder.Configuration.GetSection("Registry"));

        // The reference files are read and checked once, at start-up: bad data stops the service here.
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<RegistryOptions>>().Value;
            var files = ReferenceDataFiles.ReadDirectory(options.ReferenceData.Directory).ToList();
            if (options.ReferenceData.ConsultativeStatusFile.Length > 0)
            {
                files.Add(ReferenceDataFiles.ReadConsultativeStatus(options.ReferenceData.ConsultativeStatusFile));
            }

            return ReferenceCatalogue.Build(files, options.ReferenceDate);
        });
        // How each category takes part, from the definition's participation rules.
        services.AddSingleton(sp => new ParticipationRoutes(sp.GetRequiredService<DialogueDefinition>().Participation
            .SelectMany(rule => rule.Categories.Select(category => new ParticipationRoute(category, rule.Delegation, rule.List)))));
        services.AddSingleton<ParticipantDirectory>();
        services.AddSingleton<ListStore>();
        services.AddSingleton<HearingCalendar>();
        services.AddSingleton<ReferenceDataLoader>();

        // Redis and InMemory list a participant in the commit that registers it; under Dapr the
        // listing follows the commit, so the registry's own consumer heals one a crash cut short.
        if (builder.Configuration["Hld:Store"] == "Dapr")
        {
            services.AddEventHandler<ParticipantRegistered, ParticipantIndexHandler>();
        }

        services.AddEventHandler<ListStatusChanged, ListCatalogueHandler>();
        services.AddEventHandler<HearingScheduled, HearingScheduledHandler>();

        // The service keeps nothing of a call: one instance for every call instead of one built per call.
        services.AddSingleton<RegistryGrpcService>();

        services.AddHostedService<ReferenceDataStartupLoad>();
        services.AddHostedService<NonObjectionDeadlineSweep>();
        return builder;
    }
}
