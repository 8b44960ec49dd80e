using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Platform.State;
using Hld.Reporting.Participation;

namespace Hld.Reporting.Api.Handlers;

/// <summary>Counts each registered participant into the participation projection.</summary>
public sealed class ParticipantRegisteredHandler(AggregateRepository repository) : IEventHandler<ParticipantRegistered>
{
    public const string Key = "reporting/participation-counts";

    public async Task HandleAsync(ParticipantRegistered @event, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        await repository.UpdateAsync<ParticipationCounts>(Key, current => (current ?? ParticipationCounts.Empty).Count(
            @event.ParticipantId, (Hld.Domain.ParticipantCategory)@event.Category, (Hld.Domain.RegionalGroup)@event.RegionalGroup), cancellationToken);
    }
}
