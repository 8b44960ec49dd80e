using Hld.Contracts.Events.V1;
using Hld.Modalities;
using Hld.Hearings.Api.Grpc;
using Hld.Hearings.Api.Handlers;
using Hld.Platform.Events;

namespace Hld.Hearings.Api;

public static class HearingsRegistration
{
    /// <summary>The hearing's configuration, its registry read model and its write helper.</summary>
    public static WebApplicationBuilder AddHearings(this WebApplicationBuilder builder)
    {
        // The definition first, then any override in configuration on top of it.
        builder.Services.AddOptions<HearingsOptions>()
            .Configure<DialogueDefinition>((options, definition) => options.DefinedBy(definition))
            .BindConfiguration("Hearings")
            .Validate(o => o.DialogueId.Length > 0 && o.Year > 0 && o.SummaryDeadline != default && o.DialogueOpensAt != default,
                "Hearings:DialogueId, Year, SummaryDeadline and DialogueOpensAt must be set (the dialogue definition sets them).")
            .ValidateOnStart();
        builder.Services.AddSingleton<AggregateWriter>();
        // An index append: a second delivery appends nothing.
        builder.Services.AddEventHandler<ParticipantRegistered, ParticipantRegisteredHandler>(deduplicatesItself: true);
        builder.Services.AddEventHandler<ListStatusChanged, ListStatusChangedHandler>();
        builder.Services.AddEventHandler<ListFinalised, ListFinalisedHandler>();
        return builder;
    }
}
