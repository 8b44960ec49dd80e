using Google.Protobuf.WellKnownTypes;
using Hld.Platform.Errors;
using Hld.Registry.Lists;
using Common = Hld.Contracts.Common.V1;
using Contract = Hld.Contracts.Registry.V1;
using Model = Hld.Registry;

namespace Hld.Registry.Api.Grpc;

/// <summary>Translates delegations, lists and representatives between the contract and the domain.</summary>
internal static class RegistryMapping
{
    public static Contract.Delegation ToContract(Model.Delegations.Delegation delegation, string etag) => new()
    {
        ParticipantId = delegation.ParticipantId,
        Category = (Common.ParticipantCategory)delegation.Category,
        RegionalGroup = (Common.RegionalGroup)delegation.RegionalGroup,
        Head = new Contract.HeadOfDelegation { Name = delegation.Head.Name, Title = delegation.Head.Title },
        Level = (Common.LevelOfRepresentation)delegation.Level,
        Members = { delegation.Members.Select(m => new Contract.DelegationMember { Name = m.Name, Function = m.Function }) },
        Etag = etag,
    };

    public static Contract.ParticipantList ToContract(ParticipantList list, string etag) => new()
    {
        ListId = list.Id,
        Kind = (Common.ListKind)list.Kind,
        Status = (Common.ListStatus)list.Status,
        Title = RegistryEvents.Text(list.Title),
        EntryCount = list.Entries.Count,
        Spread = { list.Spread().Select(s => new Contract.RegionalSpread { RegionalGroup = (Common.RegionalGroup)s.Group, Count = s.Count }) },
        CreatedAt = Timestamp.FromDateTimeOffset(list.CreatedAt),
        CirculatedAt = Stamp(list.CirculatedAt),
        ObjectionDeadline = Stamp(list.ObjectionDeadline),
        HearingDate = Date(list.HearingDate),
        FinalisedAt = Stamp(list.FinalisedAt),
        Consultations = { list.Consultations.Select(c => new Contract.ListConsultation { HeldOn = Date(c.HeldOn), Summary = c.Summary, RecordedAt = Timestamp.FromDateTimeOffset(c.RecordedAt) }) },
        HearingDateConflicts =
        {
            list.HearingDateConflicts.Select(c => new Contract.HearingDateConflict
            {
                HearingDate = Date(c.HearingDate),
                LatestAllowedDeadline = Date(c.LatestAllowedDeadline),
                DetectedAt = Timestamp.FromDateTimeOffset(c.DetectedAt),
                ResolvedAt = Stamp(c.ResolvedAt),
                Resolution = (Contract.HearingConflictResolution)c.Resolution,
            }),
        },
        Recirculations =
        {
            list.Recirculations.Select(r => new Contract.ListRecirculation
            {
                RecirculatedAt = Timestamp.FromDateTimeOffset(r.At),
                PreviousDeadline = Timestamp.FromDateTimeOffset(r.PreviousDeadline),
                ObjectionDeadline = Timestamp.FromDateTimeOffset(r.Deadline),
                HearingDate = Date(r.HearingDate),
            }),
        },
        DecisionReference = list.DecisionReference ?? string.Empty,
        Etag = etag,
    };

    /// <summary>An entry as the caller may see it: who objected only for the PGA office and the Secretariat (para 12).</summary>
    public static Contract.ListEntry ToContract(ListEntry entry, bool showObjectors) => new()
    {
        ParticipantId = entry.ParticipantId,
        Category = (Common.ParticipantCategory)entry.Category,
        Name = RegistryEvents.Text(entry.Names),
        CountryCode = entry.CountryCode,
        RegionalGroup = (Common.RegionalGroup)entry.RegionalGroup,
        EcosocStatus = (Common.EcosocStatus)entry.EcosocStatus,
        Status = (Contract.ListEntryStatus)entry.Status,
        Objected = entry.Objected,
        ObjectingMemberStates = { showObjectors ? entry.Objections.Select(o => o.MemberState) : [] },
        AddedAt = Timestamp.FromDateTimeOffset(entry.AddedAt),
    };

    public static Contract.AccreditedRepresentative ToContract(Model.Accreditation.Representative representative, string participantId) => new()
    {
        RepresentativeId = representative.Id,
        ParticipantId = participantId,
        GivenName = representative.GivenName,
        FamilyName = representative.FamilyName,
        Function = representative.Function,
        BadgeNumber = representative.BadgeNumber,
        AccreditedAt = Timestamp.FromDateTimeOffset(representative.AccreditedAt),
        WithdrawnAt = Stamp(representative.WithdrawnAt),
    };

    public static Common.CalendarDate? Date(DateOnly? day) => day is { } d ? RegistryEvents.Date(d) : null;

    /// <summary>A calendar date from the contract, or a field violation.</summary>
    public static DateOnly ToDate(Common.CalendarDate? date, string field)
    {
        if (date is not null && date.Year is >= 1945 and <= 9999 && date.Month is >= 1 and <= 12 && date.Day >= 1 && date.Day <= DateTime.DaysInMonth(date.Year, date.Month))
        {
            return new DateOnly(date.Year, date.Month, date.Day);
        }

        throw new InvalidArgumentException([new FieldViolation(field, "must be a valid calendar date")]);
    }

    private static Timestamp? Stamp(DateTimeOffset? instant) => instant is { } i ? Timestamp.FromDateTimeOffset(i) : null;
}
