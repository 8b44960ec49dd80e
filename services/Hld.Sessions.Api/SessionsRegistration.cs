using Hld.Modalities;
using Hld.Domain;
using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Sessions.Api.Handlers;
using Hld.Sessions.Api.State;
using Hld.Sessions.Wording;
using Microsoft.Extensions.Options;

namespace Hld.Sessions.Api;

/// <summary>The sessions service's own registrations: its configuration, its state, the events it learns from.</summary>
public static class SessionsRegistration
{
    public static WebApplicationBuilder AddSessions(this WebApplicationBuilder builder)
    {
        // The definition first, then any override in configuration on top of it.
        builder.Services.AddOptions<SessionsOptions>()
            .Configure<DialogueDefinition>((options, definition) => options.DefinedBy(definition))
            .BindConfiguration("Sessions")
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SessionsOptions>, SessionsOptionsValidation>();
        builder.Services.AddSingleton<SessionsState>();
        builder.Services.AddSingleton(new SessionsWording(MessageCatalogue.For<SessionsWording>()));
        // Learning a registration again writes the same row; a level change applies only above the
        // delegation version the row holds. Neither needs the dispatcher's processed marker.
        builder.Services.AddEventHandler<ParticipantRegistered, ParticipantRegisteredHandler>(deduplicatesItself: true);
        builder.Services.AddEventHandler<DelegationLevelChanged, DelegationLevelChangedHandler>(deduplicatesItself: true);
        builder.Services.AddEventHandler<ListFinalised, ListFinalisedHandler>();
        builder.Services.AddEventHandler<RepresentativeSelected, RepresentativeSelectedHandler>();
        return builder;
    }
}
