using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Registry.Api.Storage;

namespace Hld.Registry.Api.Handlers;

/// <summary>Puts every created list in the catalogue, in case the request that created it stopped before doing so. Idempotent.</summary>
public sealed class ListCatalogueHandler(ListStore lists) : IEventHandler<ListStatusChanged>
{
    public Task HandleAsync(ListStatusChanged @event, EventEnvelope envelope, CancellationToken cancellationToken) =>
        @event.PreviousStatus == Contracts.Common.V1.ListStatus.Unspecified
            ? lists.AddToCatalogueAsync(new ListReference(@event.ListId, (Hld.Domain.ListKind)@event.Kind, envelope.OccurredAt.ToDateTimeOffset()), cancellationToken)
            : Task.CompletedTask;
}
