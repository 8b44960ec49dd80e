// Events that carry an entity embed the API's message for it (decision 011). For one release they
// also write the flat fields the message replaced, so that a consumer built before still reads them,
// and a consumer reads an event stored before through Upgraded(). This file is the only code that
// touches the deprecated fields; when they are reserved, it goes.
#pragma warning disable CS0612 // deprecated fields: written and read here only, on purpose

using Hld.Contracts.Hearings.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Sessions.V1;

namespace Hld.Contracts.Events.V1;

/// <summary>An event whose fields moved into an embedded API message: Upgraded() reads one stored before.</summary>
public interface IUpgradableEvent<out TEvent>
{
    TEvent Upgraded();
}

/// <summary>What consumers call on every event they receive, so that none of them upgrades by hand.</summary>
public static class StoredEvents
{
    /// <summary>The event in its current shape: upgraded where it is one of decision 011's, unchanged otherwise.</summary>
    public static TEvent Current<TEvent>(TEvent stored) => stored is IUpgradableEvent<TEvent> old ? old.Upgraded() : stored;
}

public sealed partial class ParticipantRegistered : IUpgradableEvent<ParticipantRegistered>
{
    /// <summary>The event for a participant just registered. The contact e-mail and the etag stay in the registry.</summary>
    public static ParticipantRegistered Of(Participant participant)
    {
        var carried = participant.Clone();
        carried.ContactEmail = string.Empty;
        carried.Etag = string.Empty;
        return new ParticipantRegistered
        {
            ParticipantId = carried.ParticipantId,
            Participant = carried,
            Category = carried.Category,
            Name = carried.Name,
            CountryCode = carried.CountryCode,
            RegionalGroup = carried.RegionalGroup,
            EcosocStatus = carried.EcosocStatus,
            GlobalMigrationGroupMember = carried.GlobalMigrationGroupMember,
            RegionalCommission = carried.RegionalCommission,
            Acronym = carried.Acronym,
        };
    }

    /// <summary>This event with <see cref="Participant"/> set, built from the flat fields for an event stored before it.</summary>
    public ParticipantRegistered Upgraded() => Participant is not null ? this : new ParticipantRegistered(this)
    {
        Participant = new Participant
        {
            ParticipantId = ParticipantId,
            Category = Category,
            Name = Name,
            CountryCode = CountryCode,
            RegionalGroup = RegionalGroup,
            EcosocStatus = EcosocStatus,
            GlobalMigrationGroupMember = GlobalMigrationGroupMember,
            RegionalCommission = RegionalCommission,
            Acronym = Acronym,
        },
    };
}

public sealed partial class SpeakerInscribed : IUpgradableEvent<SpeakerInscribed>
{
    /// <summary>Writes the flat fields <see cref="Speaker"/> replaced, for consumers built before it.</summary>
    public SpeakerInscribed WithLegacyFields()
    {
        Name = Speaker.Name;
        Category = Speaker.Category;
        RegionalGroup = Speaker.RegionalGroup;
        Level = Speaker.Level;
        Rank = (PlenarySpeakerRank)Speaker.Rank;
        Position = Speaker.Position;
        Fits = Speaker.Fits;
        InscribedAt = Speaker.InscribedAt;
        HearingGroup = Speaker.HearingGroup;
        RepresentativeName = Speaker.RepresentativeName;
        return this;
    }

    /// <summary>This event with <see cref="Speaker"/> set, built from the flat fields for an event stored before it.</summary>
    public SpeakerInscribed Upgraded() => Speaker is not null ? this : new SpeakerInscribed(this)
    {
        Speaker = new SpeakerPosition
        {
            ParticipantId = ParticipantId,
            Name = Name,
            Category = Category,
            RegionalGroup = RegionalGroup,
            Level = Level,
            Rank = (SpeakerRank)Rank,
            Position = Position,
            Fits = Fits,
            InscribedAt = InscribedAt,
            HearingGroup = HearingGroup,
            RepresentativeName = RepresentativeName,
        },
    };
}

public sealed partial class SpeakerInscriptionWithdrawn : IUpgradableEvent<SpeakerInscriptionWithdrawn>
{
    /// <summary>Writes the deprecated copy of <see cref="SpeakerRank"/>.</summary>
    public SpeakerInscriptionWithdrawn WithLegacyFields()
    {
        Rank = (PlenarySpeakerRank)SpeakerRank;
        return this;
    }

    /// <summary>This event with <see cref="SpeakerRank"/> set, from the deprecated field for an event stored before it.</summary>
    public SpeakerInscriptionWithdrawn Upgraded() =>
        SpeakerRank != SpeakerRank.Unspecified || Rank == PlenarySpeakerRank.Unspecified ? this : new SpeakerInscriptionWithdrawn(this) { SpeakerRank = (SpeakerRank)Rank };
}

public sealed partial class SpeakersListFiguresChanged : IUpgradableEvent<SpeakersListFiguresChanged>
{
    /// <summary>Writes the flat fields <see cref="Figures"/> replaced, for consumers built before it.</summary>
    public SpeakersListFiguresChanged WithLegacyFields()
    {
        Speakers = Figures.Speakers;
        Fitting = Figures.Fitting;
        NotFitting = Figures.NotFitting;
        HearingRepresentatives = Figures.HearingRepresentatives;
        HearingRepresentativesFitting = Figures.HearingRepresentativesFitting;
        SpeakingTime = Figures.SpeakingTime;
        Needed = Figures.Needed;
        SpeakerTimeLimit = Figures.SpeakerTimeLimit;
        ByRank.Clear();
        ByRank.AddRange(Figures.ByRank.Select(r => new PlenarySpeakerRankCount { Rank = (PlenarySpeakerRank)r.Rank, Speakers = r.Speakers, Fitting = r.Fitting }));
        return this;
    }

    /// <summary>This event with <see cref="Figures"/> set, built from the flat fields for an event stored before it.</summary>
    public SpeakersListFiguresChanged Upgraded() => Figures is not null ? this : new SpeakersListFiguresChanged(this)
    {
        Figures = new SpeakersListFigures
        {
            MeetingNumber = MeetingNumber,
            Speakers = Speakers,
            Fitting = Fitting,
            NotFitting = NotFitting,
            HearingRepresentatives = HearingRepresentatives,
            HearingRepresentativesFitting = HearingRepresentativesFitting,
            SpeakingTime = SpeakingTime,
            Needed = Needed,
            SpeakerTimeLimit = SpeakerTimeLimit,
            ByRank = { ByRank.Select(r => new SpeakerRankFigures { Rank = (SpeakerRank)r.Rank, Speakers = r.Speakers, Fitting = r.Fitting }) },
        },
    };
}

public sealed partial class CoChairAppointed : IUpgradableEvent<CoChairAppointed>
{
    /// <summary>Writes the flat fields <see cref="CoChair"/> replaced, for consumers built before it.</summary>
    public CoChairAppointed WithLegacyFields()
    {
        StateName = CoChair.StateName;
        RegionalGroup = CoChair.RegionalGroup;
        RepresentativeName = CoChair.RepresentativeName;
        AppointedAt = CoChair.AppointedAt;
        return this;
    }

    /// <summary>This event with <see cref="CoChair"/> set, built from the flat fields for an event stored before it.</summary>
    public CoChairAppointed Upgraded() => CoChair is not null ? this : new CoChairAppointed(this)
    {
        CoChair = new CoChair
        {
            RoundTable = RoundTable,
            ParticipantId = ParticipantId,
            StateName = StateName,
            RegionalGroup = RegionalGroup,
            RepresentativeName = RepresentativeName,
            AppointedAt = AppointedAt,
        },
    };
}

public sealed partial class RoundTableParticipantAssigned : IUpgradableEvent<RoundTableParticipantAssigned>
{
    /// <summary>Writes the flat fields <see cref="Participant"/> replaced, for consumers built before it.</summary>
    public RoundTableParticipantAssigned WithLegacyFields()
    {
        Name = Participant.Name;
        Category = Participant.Category;
        RegionalGroup = Participant.RegionalGroup;
        ListId = Participant.ListId;
        AssignedAt = Participant.AssignedAt;
        return this;
    }

    /// <summary>This event with <see cref="Participant"/> set, built from the flat fields for an event stored before it.</summary>
    public RoundTableParticipantAssigned Upgraded() => Participant is not null ? this : new RoundTableParticipantAssigned(this)
    {
        Participant = new RoundTableParticipant
        {
            RoundTable = RoundTable,
            ParticipantId = ParticipantId,
            Name = Name,
            Category = Category,
            RegionalGroup = RegionalGroup,
            ListId = ListId,
            AssignedAt = AssignedAt,
        },
    };
}

public sealed partial class InterventionMade : IUpgradableEvent<InterventionMade>
{
    /// <summary>Writes the flat fields <see cref="Intervention"/> replaced, for consumers built before it.</summary>
    public InterventionMade WithLegacyFields()
    {
        SegmentId = Intervention.SegmentId;
        ParticipantId = Intervention.ParticipantId;
        SpeakerName = Intervention.SpeakerName;
        Group = Intervention.Group;
        RegionalGroup = Intervention.RegionalGroup;
        StartedAt = Intervention.StartedAt;
        Duration = Intervention.Duration;
        TimeAllowed = Intervention.TimeAllowed;
        OverTime = Intervention.OverTime;
        return this;
    }

    /// <summary>This event with <see cref="Intervention"/> set, built from the flat fields for an event stored before it.</summary>
    public InterventionMade Upgraded() => Intervention is not null ? this : new InterventionMade(this)
    {
        Intervention = new Intervention
        {
            InterventionId = InterventionId,
            SegmentId = SegmentId,
            ParticipantId = ParticipantId,
            SpeakerName = SpeakerName,
            Group = Group,
            RegionalGroup = RegionalGroup,
            StartedAt = StartedAt,
            Duration = Duration,
            TimeAllowed = TimeAllowed,
            OverTime = OverTime,
        },
    };
}

public sealed partial class ParticipantAdmitted : IUpgradableEvent<ParticipantAdmitted>
{
    /// <summary>Writes the flat fields <see cref="Participant"/> replaced, for consumers built before it.</summary>
    public ParticipantAdmitted WithLegacyFields()
    {
        Category = Participant.Category;
        Group = Participant.Group;
        Name = Participant.Name;
        CountryCode = Participant.CountryCode;
        RegionalGroup = Participant.RegionalGroup;
        ListKind = Participant.AdmittedFrom;
        AdmittedAt = Participant.AdmittedAt;
        return this;
    }

    /// <summary>This event with <see cref="Participant"/> set, built from the flat fields for an event stored before it.</summary>
    public ParticipantAdmitted Upgraded() => Participant is not null ? this : new ParticipantAdmitted(this)
    {
        Participant = new HearingParticipant
        {
            ParticipantId = ParticipantId,
            Category = Category,
            Group = Group,
            Name = Name,
            CountryCode = CountryCode,
            RegionalGroup = RegionalGroup,
            AdmittedFrom = ListKind,
            AdmittedAt = AdmittedAt,
        },
    };
}

public sealed partial class HearingSegmentScheduled : IUpgradableEvent<HearingSegmentScheduled>
{
    /// <summary>Writes the flat fields <see cref="Segment"/> replaced, for consumers built before it.</summary>
    public HearingSegmentScheduled WithLegacyFields()
    {
        Position = Segment.Position;
        Kind = Segment.Kind;
        Title = Segment.Title;
        Moderators.Clear();
        Moderators.AddRange(Segment.Moderators);
        SpeakingTimeLimit = Segment.SpeakingTimeLimit;
        return this;
    }

    /// <summary>This event with <see cref="Segment"/> set, built from the flat fields for an event stored before it.</summary>
    public HearingSegmentScheduled Upgraded() => Segment is not null ? this : new HearingSegmentScheduled(this)
    {
        Segment = new Segment
        {
            SegmentId = SegmentId,
            Position = Position,
            Kind = Kind,
            Title = Title,
            Moderators = { Moderators },
            SpeakingTimeLimit = SpeakingTimeLimit,
        },
    };
}
