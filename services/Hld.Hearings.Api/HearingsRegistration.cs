using Hld.Contracts.Events.V1;
using Hld.Hearings.Api.Grpc;
using Hld.Hearings.Api.Handlers;
using Hld.Platform.Events;

namespace Hld.Hearings.Api;

public static class HearingsRegistration
{
    /// <summary>The hearing's configuration, its registry read model and its write helper.</summary>
    public static WebApplicationBuilder AddHearings(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<HearingsOptions>()
            .BindConfiguration("Hearings")
            .Validate(o => o.DialogueId.Length > 0 && o.Year > 0 && o.SummaryDeadline != default && o.DialogueOpensAt != default,
                "Hearings:DialogueId, Year, SummaryDeadline and DialogueOpensAt must be configured (appsettings.json carries the 2013 values).")
            .ValidateOnStart();
        builder.Services.AddSingleton<AggregateWriter>();
        // An index append: a second delivery appends nothing.
        builder.Services.AddEventHandler<ParticipantRegistered, ParticipantRegisteredHandler>(deduplicatesItself: true);
        builder.Services.AddEventHandler<ListStatusChanged, ListStatusChangedHandler>();
        builder.Services.AddEventHandler<ListFinalised, ListFinalisedHandler>();
        return builder;
    }
}
