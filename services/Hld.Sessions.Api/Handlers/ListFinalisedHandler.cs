using System.Collections.Immutable;
using Hld.Contracts.Events.V1;
using Hld.Domain;
using Hld.Platform.Api;
using Hld.Platform.Events;
using Hld.Platform.State;
using Hld.Sessions.Api.Grpc;
using Hld.Sessions.Api.State;
using Hld.Sessions.Participants;
using Common = Hld.Contracts.Common.V1;

namespace Hld.Sessions.Api.Handlers;

/// <summary>
/// A PGA list became final: its entries that stand are the only organisations the round tables may
/// seat (paras 9, 12, 13), and the only other intergovernmental organisations that take part (para 8).
/// </summary>
public sealed class ListFinalisedHandler(AggregateRepository repository) : IEventHandler<ListFinalised>
{
    public Task HandleAsync(ListFinalised @event, EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var kind = @event.Kind switch
        {
            Common.ListKind.OtherIgos => StakeholderListKind.OtherIgos,
            Common.ListKind.EcosocNgos => StakeholderListKind.EcosocNgos,
            Common.ListKind.OtherStakeholders => StakeholderListKind.OtherStakeholders,
            _ => StakeholderListKind.Unspecified,
        };
        if (kind == StakeholderListKind.Unspecified)
        {
            return Task.CompletedTask;
        }

        var list = new FinalList(
            @event.ListId,
            kind,
            (@event.FinalisedAt ?? envelope.OccurredAt).ToDateTimeOffset(),
            @event.Entries.Select(e => new Hld.Sessions.Participants.FinalListEntry(e.ParticipantId, (ParticipantCategory)e.Category, ApiValues.Texts(e.Name), e.CountryCode, (RegionalGroup)e.RegionalGroup)).ToImmutableList());
        return repository.UpdateAsync<FinalLists>(SessionsState.FinalListsKey, current =>
        {
            var lists = current ?? FinalLists.Empty;
            return lists.Apply(list) ?? lists;
        }, cancellationToken);
    }
}
