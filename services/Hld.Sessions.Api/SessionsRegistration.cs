using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Sessions.Api.Handlers;
using Hld.Sessions.Api.State;
using Microsoft.Extensions.Options;

namespace Hld.Sessions.Api;

/// <summary>The sessions service's own registrations: its configuration, its state, the events it learns from.</summary>
public static class SessionsRegistration
{
    public static WebApplicationBuilder AddSessions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SessionsOptions>().BindConfiguration("Sessions").ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SessionsOptions>, SessionsOptionsValidation>();
        builder.Services.AddSingleton<SessionsState>();
        builder.Services.AddEventHandler<ParticipantRegistered, ParticipantRegisteredHandler>();
        builder.Services.AddEventHandler<DelegationLevelChanged, DelegationLevelChangedHandler>();
        builder.Services.AddEventHandler<ListFinalised, ListFinalisedHandler>();
        builder.Services.AddEventHandler<RepresentativeSelected, RepresentativeSelectedHandler>();
        return builder;
    }
}
