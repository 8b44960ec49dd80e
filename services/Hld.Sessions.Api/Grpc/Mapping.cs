using System.Collections.Immutable;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Hld.Contracts.Sessions.V1;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Model = Hld.Sessions;
using DialogueMandate = Hld.Sessions.Dialogues.DialogueMandate;
using DomainDialogue = Hld.Sessions.Dialogues.Dialogue;
using Common = Hld.Contracts.Common.V1;

namespace Hld.Sessions.Api.Grpc;

/// <summary>Translates between the contract and the domain, checking fields on the way in.</summary>
public static class Mapping
{
    public static Contracts.Sessions.V1.Programme ToContract(Programmes.Programme programme, long version, DomainDialogue dialogue, DialogueMandate mandate)
    {
        var contract = new Contracts.Sessions.V1.Programme
        {
            SpeakerTimeLimit = Duration.FromTimeSpan(programme.SpeakerTimeLimit),
            MaxRoundTablesPerMemberState = programme.MaxRoundTablesPerMemberState,
            Etag = ApiValues.Etag(version),
        };
        contract.PlenaryMeetings.AddRange(programme.PlenaryMeetings.OrderBy(m => m.Number).Select(m => new Contracts.Sessions.V1.PlenaryMeeting
        {
            Number = m.Number,
            StartsAt = Timestamp.FromDateTimeOffset(m.StartsAt),
            EndsAt = Timestamp.FromDateTimeOffset(m.EndsAt),
            Reserved = Duration.FromTimeSpan(m.Reserved),
            Day = dialogue.DayOf(m.StartsAt) ?? 0,
            HalfDay = (Contracts.Sessions.V1.HalfDay)dialogue.HalfDayOf(m.StartsAt, m.EndsAt),
            Closing = m.Number == programme.Closing.Number,
            HearingSpeakers = m.Number == mandate.HearingSpeakersMeeting,
            SpeakingTime = Duration.FromTimeSpan(m.SpeakingTime),
        }));
        contract.RoundTables.AddRange(programme.RoundTables.OrderBy(r => r.Number).Select(r => new Contracts.Sessions.V1.RoundTable
        {
            Number = r.Number,
            Theme = ApiValues.Localized(r.Theme),
            StartsAt = Timestamp.FromDateTimeOffset(r.StartsAt),
            EndsAt = Timestamp.FromDateTimeOffset(r.EndsAt),
            Capacity = r.Capacity,
            Day = dialogue.DayOf(r.StartsAt) ?? 0,
            HalfDay = (Contracts.Sessions.V1.HalfDay)dialogue.HalfDayOf(r.StartsAt, r.EndsAt),
            Paragraph = mandate.RoundTableSlots.Find(s => s.RoundTable == r.Number)?.Paragraph ?? string.Empty,
        }));
        return contract;
    }

    /// <summary>Checks a partner's programme field by field; the rules of the resolution are the domain's to check.</summary>
    public static Programmes.Programme ToDomain(Contracts.Sessions.V1.Programme? programme)
    {
        var checks = new FieldChecks();
        checks.Require(programme is not null, "programme", "is required").ThrowIfAny();
        var p = programme!;
        for (var i = 0; i < p.PlenaryMeetings.Count; i++)
        {
            var m = p.PlenaryMeetings[i];
            var field = $"programme.plenary_meetings[{i}]";
            checks.Require(m.Number >= 1, $"{field}.number", "must be 1 or more")
                .RequireInstant(m.StartsAt, $"{field}.starts_at")
                .RequireInstant(m.EndsAt, $"{field}.ends_at")
                .Require(m.StartsAt is null || m.EndsAt is null || m.EndsAt.ToDateTimeOffset() > m.StartsAt.ToDateTimeOffset(), $"{field}.ends_at", "must be after starts_at")
                .Require(m.Reserved is null || m.Reserved.ToTimeSpan() >= TimeSpan.Zero, $"{field}.reserved", "must not be negative")
                .Require(m.Reserved is null || m.StartsAt is null || m.EndsAt is null || m.Reserved.ToTimeSpan() < m.EndsAt.ToDateTimeOffset() - m.StartsAt.ToDateTimeOffset(), $"{field}.reserved", "must leave time for the speakers list");
        }

        for (var i = 0; i < p.RoundTables.Count; i++)
        {
            var r = p.RoundTables[i];
            var field = $"programme.round_tables[{i}]";
            checks.Require(r.Number >= 1, $"{field}.number", "must be 1 or more")
                .RequireTexts(r.Theme, $"{field}.theme", 1000)
                .RequireInstant(r.StartsAt, $"{field}.starts_at")
                .RequireInstant(r.EndsAt, $"{field}.ends_at")
                .Require(r.StartsAt is null || r.EndsAt is null || r.EndsAt.ToDateTimeOffset() > r.StartsAt.ToDateTimeOffset(), $"{field}.ends_at", "must be after starts_at")
                .Require(r.Capacity is >= 1 and <= 1000, $"{field}.capacity", "must be 1 to 1000");
        }

        checks.Require(p.SpeakerTimeLimit is not null && p.SpeakerTimeLimit.ToTimeSpan() >= TimeSpan.FromMinutes(1) && p.SpeakerTimeLimit.ToTimeSpan() <= TimeSpan.FromMinutes(60),
                "programme.speaker_time_limit", "must be 1 to 60 minutes")
            .Require(p.MaxRoundTablesPerMemberState >= 1, "programme.max_round_tables_per_member_state", "must be 1 or more")
            .ThrowIfAny();
        return new Programmes.Programme(
            p.PlenaryMeetings.Select(m => new Programmes.PlenaryMeeting(m.Number, m.StartsAt.ToDateTimeOffset(), m.EndsAt.ToDateTimeOffset(), m.Reserved?.ToTimeSpan() ?? TimeSpan.Zero)).ToImmutableList(),
            p.RoundTables.Select(r => new Programmes.RoundTable(r.Number, ApiValues.Texts(r.Theme), r.StartsAt.ToDateTimeOffset(), r.EndsAt.ToDateTimeOffset(), r.Capacity)).ToImmutableList(),
            p.SpeakerTimeLimit!.ToTimeSpan(),
            p.MaxRoundTablesPerMemberState);
    }

    public static ProgrammeRules ToContract(DialogueMandate mandate)
    {
        var rules = new ProgrammeRules
        {
            Days = mandate.Days,
            PlenaryMeetings = mandate.PlenaryMeetings,
            RoundTables = mandate.RoundTables,
            CoChairsPerRoundTable = mandate.CoChairsPerRoundTable,
            MostSeatsWhileAGroupHasNone = mandate.MostSeatsWhileAGroupHasNone,
            HearingSpeakersMeeting = mandate.HearingSpeakersMeeting,
        };
        rules.RoundTableSlots.AddRange(mandate.RoundTableSlots.Select(s => new Contracts.Sessions.V1.RoundTableSlot
        {
            RoundTable = s.RoundTable,
            Day = s.Day,
            HalfDay = (Contracts.Sessions.V1.HalfDay)s.HalfDay,
            Paragraph = s.Paragraph,
        }));
        return rules;
    }

    public static Contracts.Sessions.V1.Consultation ToContract(Model.CoChairs.Consultation consultation) => new()
    {
        RegionalGroup = (Common.RegionalGroup)consultation.RegionalGroup,
        HeldOn = ApiValues.Date(consultation.HeldOn),
        Note = consultation.Note,
        RecordedAt = Timestamp.FromDateTimeOffset(consultation.RecordedAt),
    };

    public static Contracts.Sessions.V1.CoChair ToContract(Model.CoChairs.CoChair chair) => new()
    {
        RoundTable = chair.RoundTable,
        ParticipantId = chair.ParticipantId,
        RepresentativeName = chair.RepresentativeName,
        RegionalGroup = (Common.RegionalGroup)chair.RegionalGroup,
        StateName = ApiValues.Localized(chair.StateName),
        AppointedAt = Timestamp.FromDateTimeOffset(chair.AppointedAt),
    };

    public static Contracts.Sessions.V1.FormerCoChair ToContract(Model.CoChairs.FormerCoChair former) => new()
    {
        CoChair = ToContract(former.Held),
        ReplacedAt = Timestamp.FromDateTimeOffset(former.ReplacedAt),
        SuccessorParticipantId = former.SuccessorParticipantId,
        Reason = former.Reason,
    };

    public static Contracts.Sessions.V1.CoChairBalance ToContract(Model.CoChairs.CoChairBalance balance)
    {
        var contract = new Contracts.Sessions.V1.CoChairBalance
        {
            SeatsTotal = balance.SeatsTotal,
            SeatsFilled = balance.SeatsFilled,
            MostSeatsHeldByOneGroup = balance.MostSeatsHeldByOneGroup,
            Threshold = balance.Threshold,
            Balanced = balance.Balanced,
            Complete = balance.Complete,
        };
        contract.SeatsByGroup.AddRange(balance.ByGroup.Select(g => new RegionalGroupSeats
        {
            RegionalGroup = (Common.RegionalGroup)g.RegionalGroup,
            Seats = g.Seats,
            RoundTables = { g.RoundTables },
            Consulted = g.Consulted,
        }));
        contract.GroupsWithoutSeat.AddRange(balance.GroupsWithoutSeat.Select(g => (Common.RegionalGroup)g));
        contract.GroupsNotConsulted.AddRange(balance.GroupsNotConsulted.Select(g => (Common.RegionalGroup)g));
        return contract;
    }

    /// <summary>A position with its explanation in <paramref name="languages"/> only (null: all six), as a caller asked (decision 017).</summary>
    public static Contracts.Sessions.V1.SpeakerPosition ToContract(Model.Speakers.SpeakerPosition position, IReadOnlySet<string>? languages) =>
        ToContract(languages is null ? position : position with { Explanation = position.Explanation.Where(e => languages.Contains(e.Key)).ToImmutableDictionary() });

    public static Contracts.Sessions.V1.SpeakerPosition ToContract(Model.Speakers.SpeakerPosition position) => new()
    {
        Position = position.Number,
        ParticipantId = position.ParticipantId,
        Name = ApiValues.Localized(position.Name),
        Category = (Common.ParticipantCategory)position.Category,
        RegionalGroup = (Common.RegionalGroup)position.RegionalGroup,
        Rank = (SpeakerRank)position.Rank,
        Level = (Common.LevelOfRepresentation)position.Level,
        InscribedAt = Timestamp.FromDateTimeOffset(position.InscribedAt),
        HearingGroup = (Common.HearingGroup)position.HearingGroup,
        RepresentativeName = position.RepresentativeName,
        StartsAfter = Duration.FromTimeSpan(position.StartsAfter),
        Fits = position.Fits,
        TieBrokenByParticipantId = position.TieBrokenByParticipantId,
        Explanation = ApiValues.Localized(position.Explanation),
        Etag = position.Revision > 0 ? ApiValues.Etag(position.Revision) : string.Empty,
    };

    public static Contracts.Sessions.V1.SpeakersListFigures ToContract(int meeting, Model.Speakers.SpeakersListFigures figures)
    {
        var contract = new Contracts.Sessions.V1.SpeakersListFigures
        {
            MeetingNumber = meeting,
            Speakers = figures.Speakers,
            Fitting = figures.Fitting,
            NotFitting = figures.NotFitting,
            HearingRepresentatives = figures.HearingRepresentatives,
            HearingRepresentativesFitting = figures.HearingRepresentativesFitting,
            SpeakingTime = Duration.FromTimeSpan(figures.SpeakingTime),
            Needed = Duration.FromTimeSpan(figures.Needed),
            SpeakerTimeLimit = Duration.FromTimeSpan(figures.SpeakerTimeLimit),
        };
        contract.ByRank.AddRange(figures.ByRank.Select(r => new SpeakerRankFigures { Rank = (SpeakerRank)r.Rank, Speakers = r.Speakers, Fitting = r.Fitting }));
        return contract;
    }

    public static RoundTableParticipant ToContract(Model.RoundTables.RoundTableSeat seat) => new()
    {
        RoundTable = seat.RoundTable,
        ParticipantId = seat.ParticipantId,
        Name = ApiValues.Localized(seat.Name),
        Category = (Common.ParticipantCategory)seat.Category,
        RegionalGroup = (Common.RegionalGroup)seat.RegionalGroup,
        ListId = seat.ListId,
        AssignedAt = Timestamp.FromDateTimeOffset(seat.AssignedAt),
    };

    public static Contracts.Sessions.V1.RoundTableSpread ToContract(Model.RoundTables.RoundTableSpread spread)
    {
        var contract = new Contracts.Sessions.V1.RoundTableSpread
        {
            RoundTable = spread.RoundTable,
            Capacity = spread.Capacity,
            SeatsTaken = spread.SeatsTaken,
            MemberStates = spread.MemberStates,
            Observers = spread.Observers,
            Stakeholders = spread.Stakeholders,
        };
        contract.MemberStatesByRegionalGroup.AddRange(spread.MemberStatesByRegionalGroup.Select(Count));
        contract.StakeholdersByRegionalGroup.AddRange(spread.StakeholdersByRegionalGroup.Select(Count));
        contract.StakeholdersByCategory.AddRange(spread.StakeholdersByCategory.Select(c => new CategoryCount { Category = (Common.ParticipantCategory)c.Category, Count = c.Count }));
        return contract;
    }

    public static SummarySlot ToContract(int roundTable, int closingMeeting, Model.CoChairs.RoundTableChairs chairs)
    {
        var slot = new SummarySlot { RoundTable = roundTable, MeetingNumber = closingMeeting };
        slot.CoChairs.AddRange(chairs.Of(roundTable).Select(ToContract));
        if (chairs.SummaryOf(roundTable) is { } summary)
        {
            slot.Recorded = true;
            slot.PresentedBy = summary.PresentedBy;
            slot.PresenterName = summary.PresenterName;
            slot.Text = ApiValues.Localized(summary.Text);
            slot.RecordedAt = Timestamp.FromDateTimeOffset(summary.RecordedAt);
            slot.Etag = ApiValues.Etag(summary.Revision);
        }

        return slot;
    }

    public static Contracts.Sessions.V1.PanelDiscussion ToContract(Model.Panels.PanelDiscussion panel, DomainDialogue dialogue) => new()
    {
        Date = ApiValues.Date(panel.Date),
        Title = ApiValues.Localized(panel.Title),
        Theme = ApiValues.Localized(panel.Theme),
        ScheduledAt = Timestamp.FromDateTimeOffset(panel.ScheduledAt),
        DaysBeforeOpening = panel.DaysBeforeOpening(dialogue),
        Etag = ApiValues.Etag(panel.Revision),
    };

    public static Contracts.Sessions.V1.OrganisationOfWorkNote ToContract(Model.Notes.OrganisationOfWorkNote note) => new()
    {
        Revision = note.Revision,
        GeneratedAt = Timestamp.FromDateTimeOffset(note.GeneratedAt),
        Markdown = ApiValues.Localized(note.Markdown),
    };

    private static RegionalGroupCount Count(Model.RoundTables.GroupCount count) =>
        new() { RegionalGroup = (Common.RegionalGroup)count.RegionalGroup, Count = count.Count };
}
