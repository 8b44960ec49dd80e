using Hld.Domain;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hld.Registry.Accreditation;
using Hld.Registry.Delegations;
using Hld.Registry.Lists;
using Common = Hld.Contracts.Common.V1;
using Contract = Hld.Contracts.Events.V1;
using Model = Hld.Registry.Participants;

namespace Hld.Registry.Api;

/// <summary>The registry's integration events (hld.events.v1), built from what the domain decided.</summary>
internal static class RegistryEvents
{
    public static Contract.ParticipantRegistered Registered(Model.Participant participant) =>
        Contract.ParticipantRegistered.Of(Grpc.ParticipantMapping.ToContract(participant, etag: string.Empty));

    public static Contract.ParticipantUpdated Updated(Model.Participant participant, long version) => new()
    {
        ParticipantId = participant.Id,
        Category = (Common.ParticipantCategory)participant.Category,
        Name = Text(participant.Names),
        ParticipantVersion = version,
    };

    public static Contract.DelegationLevelChanged LevelChanged(DelegationLevelChange change, long version) => new()
    {
        ParticipantId = change.Delegation.ParticipantId,
        Category = (Common.ParticipantCategory)change.Delegation.Category,
        RegionalGroup = (Common.RegionalGroup)change.Delegation.RegionalGroup,
        Level = (Common.LevelOfRepresentation)change.Delegation.Level,
        PreviousLevel = (Common.LevelOfRepresentation)change.PreviousLevel,
        HeadOfDelegation = change.Delegation.Head.Title.Length > 0 ? $"{change.Delegation.Head.Name}, {change.Delegation.Head.Title}" : change.Delegation.Head.Name,
        DelegationVersion = version,
    };

    public static IEnumerable<IMessage> Of(ListChange change) => change.Events.Select<ListEvent, IMessage>(e => e switch
    {
        ListStatusChanged changed => new Contract.ListStatusChanged
        {
            ListId = changed.List.Id,
            Kind = (Common.ListKind)changed.List.Kind,
            Status = (Common.ListStatus)changed.List.Status,
            PreviousStatus = (Common.ListStatus)changed.Previous,
            ObjectionDeadline = changed.List.Status == ListStatus.Circulated && changed.List.ObjectionDeadline is { } deadline ? Timestamp.FromDateTimeOffset(deadline) : null,
            EntryCount = changed.List.Entries.Count,
        },
        ObjectionLodged lodged => new Contract.ObjectionLodged
        {
            ListId = lodged.ListId,
            ParticipantId = lodged.ParticipantId,
            LodgedAt = Timestamp.FromDateTimeOffset(lodged.LodgedAt),
        },
        ListFinalised finalised => new Contract.ListFinalised
        {
            ListId = finalised.List.Id,
            Kind = (Common.ListKind)finalised.List.Kind,
            Entries =
            {
                finalised.List.Entries.Where(x => x.Status == ListEntryStatus.Standing).Select(x => new Contract.FinalListEntry
                {
                    ParticipantId = x.ParticipantId,
                    Category = (Common.ParticipantCategory)x.Category,
                    Name = Text(x.Names),
                    CountryCode = x.CountryCode,
                    RegionalGroup = (Common.RegionalGroup)x.RegionalGroup,
                }),
            },
            DroppedParticipantIds = { finalised.List.Entries.Where(x => x.Status == ListEntryStatus.Dropped).Select(x => x.ParticipantId) },
            FinalisedAt = Timestamp.FromDateTimeOffset(finalised.List.FinalisedAt!.Value),
        },
        HearingConflictRecorded recorded => new Contract.HearingDateConflictRecorded
        {
            ListId = recorded.ListId,
            HearingDate = Date(recorded.Conflict.HearingDate),
            ObjectionDeadline = Timestamp.FromDateTimeOffset(recorded.ObjectionDeadline),
            LatestAllowedDeadline = Date(recorded.Conflict.LatestAllowedDeadline),
            DetectedAt = Timestamp.FromDateTimeOffset(recorded.Conflict.DetectedAt),
        },
        HearingConflictResolved resolved => new Contract.HearingDateConflictResolved
        {
            ListId = resolved.ListId,
            HearingDate = Date(resolved.Conflict.HearingDate),
            ObjectionDeadline = Timestamp.FromDateTimeOffset(resolved.ObjectionDeadline),
            Resolution = (Hld.Contracts.Registry.V1.HearingConflictResolution)resolved.Conflict.Resolution,
            ResolvedAt = Timestamp.FromDateTimeOffset(resolved.Conflict.ResolvedAt!.Value),
        },
        _ => throw new InvalidOperationException($"No integration event for {e.GetType().Name}."),
    });

    public static Contract.RepresentativeAccredited Accredited(Model.Participant participant, Representative representative) => new()
    {
        ParticipantId = participant.Id,
        RepresentativeId = representative.Id,
        Name = representative.FullName,
        Function = representative.Function,
        BadgeNumber = representative.BadgeNumber,
        Category = (Common.ParticipantCategory)participant.Category,
    };

    public static Contract.RepresentativeWithdrawn Withdrawn(string participantId, Representative representative) => new()
    {
        ParticipantId = participantId,
        RepresentativeId = representative.Id,
        BadgeNumber = representative.BadgeNumber,
        WithdrawnAt = Timestamp.FromDateTimeOffset(representative.WithdrawnAt!.Value),
    };

    public static Common.CalendarDate Date(DateOnly day) => new() { Year = day.Year, Month = day.Month, Day = day.Day };

    public static Common.LocalizedText Text(IReadOnlyDictionary<string, string> texts) => new() { Texts = { texts.ToDictionary(StringComparer.Ordinal) } };
}
