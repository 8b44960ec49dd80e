using System.Collections.Immutable;
using Google.Protobuf.WellKnownTypes;
using Hld.Contracts.Events.V1;
using Hld.Platform.Api;
using Hld.Sessions.Api.Grpc;
using Hld.Sessions.CoChairs;
using Hld.Sessions.Dialogues;
using Hld.Sessions.Notes;
using Hld.Sessions.Panels;
using Hld.Sessions.Programmes;
using Hld.Sessions.RoundTables;
using Hld.Sessions.Speakers;
using Common = Hld.Contracts.Common.V1;

namespace Hld.Sessions.Api.State;

/// <summary>The integration events the sessions service publishes, built from domain state (sessions_events.proto).</summary>
public static class SessionsEvents
{
    public static ProgrammeConfigured ProgrammeConfigured(SessionsState state, Programme programme, long version, bool fromConfiguration)
    {
        var dialogue = state.Dialogue;
        var configured = new ProgrammeConfigured
        {
            DialogueId = dialogue.Id,
            OpensAt = Timestamp.FromDateTimeOffset(dialogue.OpensAt),
            ClosesAt = Timestamp.FromDateTimeOffset(dialogue.ClosesAt),
            SpeakerTimeLimit = Duration.FromTimeSpan(programme.SpeakerTimeLimit),
            MaxRoundTablesPerMemberState = programme.MaxRoundTablesPerMemberState,
            FromConfiguration = fromConfiguration,
            ProgrammeVersion = version,
        };
        configured.PlenaryMeetings.AddRange(programme.PlenaryMeetings.OrderBy(m => m.Number).Select(m => new ProgrammedPlenaryMeeting
        {
            Number = m.Number,
            StartsAt = Timestamp.FromDateTimeOffset(m.StartsAt),
            EndsAt = Timestamp.FromDateTimeOffset(m.EndsAt),
            SpeakingTime = Duration.FromTimeSpan(m.SpeakingTime),
            Closing = m.Number == programme.Closing.Number,
        }));
        configured.RoundTables.AddRange(programme.RoundTables.OrderBy(r => r.Number).Select(r => new ProgrammedRoundTable
        {
            Number = r.Number,
            Theme = ApiValues.Localized(r.Theme),
            StartsAt = Timestamp.FromDateTimeOffset(r.StartsAt),
            EndsAt = Timestamp.FromDateTimeOffset(r.EndsAt),
            Capacity = r.Capacity,
            Day = dialogue.DayOf(r.StartsAt) ?? 0,
            Morning = dialogue.HalfDayOf(r.StartsAt, r.EndsAt) == HalfDay.Morning,
        }));
        return configured;
    }

    public static RegionalGroupConsulted Consulted(string dialogueId, Consultation consultation, RoundTableChairs chairs) => new()
    {
        DialogueId = dialogueId,
        RegionalGroup = (Common.RegionalGroup)consultation.RegionalGroup,
        HeldOn = ApiValues.Date(consultation.HeldOn),
        Note = consultation.Note,
        GroupsConsulted = chairs.Consultations.Count,
        GroupsTotal = RoundTableChairs.RegionalGroups.Length,
    };

    public static CoChairAppointed Appointed(string dialogueId, Appointment appointment)
    {
        var chair = appointment.CoChair;
        var appointed = new CoChairAppointed
        {
            DialogueId = dialogueId,
            RoundTable = chair.RoundTable,
            ParticipantId = chair.ParticipantId,
            CoChair = Mapping.ToContract(chair),
            CountryCode = chair.CountryCode,
            Category = Common.ParticipantCategory.MemberState,
            SeatsFilled = appointment.Balance.SeatsFilled,
            SeatsTotal = appointment.Balance.SeatsTotal,
            Balanced = appointment.Balance.Balanced,
        };
        appointed.SeatsByGroup.AddRange(appointment.Balance.ByGroup.Select(g => new CoChairSeatCount { RegionalGroup = (Common.RegionalGroup)g.RegionalGroup, Seats = g.Seats }));
        return appointed.WithLegacyFields();
    }

    public static CoChairReplaced Replaced(string dialogueId, Replacement replacement) => new()
    {
        DialogueId = dialogueId,
        RoundTable = replacement.CoChair.RoundTable,
        ReplacedParticipantId = replacement.Replaced.Held.ParticipantId,
        ReplacedRegionalGroup = (Common.RegionalGroup)replacement.Replaced.Held.RegionalGroup,
        Reason = replacement.Replaced.Reason,
        Successor = Appointed(dialogueId, new Appointment(replacement.Chairs, replacement.CoChair, replacement.Balance)),
    };

    public static SpeakerInscribed Inscribed(string dialogueId, int meeting, SpeakerPosition position) => new SpeakerInscribed
    {
        DialogueId = dialogueId,
        MeetingNumber = meeting,
        ParticipantId = position.ParticipantId,
        Speaker = Mapping.ToContract(position),
    }.WithLegacyFields();

    public static SpeakerInscriptionWithdrawn Withdrawn(string dialogueId, int meeting, SpeakerPosition previous, DateTimeOffset at) => new SpeakerInscriptionWithdrawn
    {
        DialogueId = dialogueId,
        MeetingNumber = meeting,
        ParticipantId = previous.ParticipantId,
        Category = (Common.ParticipantCategory)previous.Category,
        RegionalGroup = (Common.RegionalGroup)previous.RegionalGroup,
        Level = (Common.LevelOfRepresentation)previous.Level,
        SpeakerRank = (Contracts.Sessions.V1.SpeakerRank)previous.Rank,
        PreviousPosition = previous.Number,
        WithdrawnAt = Timestamp.FromDateTimeOffset(at),
        HearingGroup = (Common.HearingGroup)previous.HearingGroup,
    }.WithLegacyFields();

    public static SpeakersListReordered Reordered(string dialogueId, int meeting, SpeakerPosition before, SpeakerPosition after, long delegationVersion) => new()
    {
        DialogueId = dialogueId,
        MeetingNumber = meeting,
        ParticipantId = after.ParticipantId,
        Category = (Common.ParticipantCategory)after.Category,
        RegionalGroup = (Common.RegionalGroup)after.RegionalGroup,
        PreviousLevel = (Common.LevelOfRepresentation)before.Level,
        Level = (Common.LevelOfRepresentation)after.Level,
        PreviousPosition = before.Number,
        Position = after.Number,
        DelegationVersion = delegationVersion,
    };

    public static SpeakersListFiguresChanged Figures(string dialogueId, int meeting, SpeakersListFigures figures) => new SpeakersListFiguresChanged
    {
        DialogueId = dialogueId,
        MeetingNumber = meeting,
        Figures = Mapping.ToContract(meeting, figures),
    }.WithLegacyFields();

    public static RoundTableParticipantAssigned Assigned(string dialogueId, RoundTableSeat seat, RoundTableSpread spread) => new RoundTableParticipantAssigned
    {
        DialogueId = dialogueId,
        RoundTable = seat.RoundTable,
        ParticipantId = seat.ParticipantId,
        Participant = Mapping.ToContract(seat),
        SeatsTaken = spread.SeatsTaken,
        Capacity = spread.Capacity,
    }.WithLegacyFields();

    public static RoundTableSummaryRecorded SummaryRecorded(string dialogueId, RoundTableSummary summary, int closingMeeting, RoundTableChairs chairs, int roundTables) => new()
    {
        DialogueId = dialogueId,
        RoundTable = summary.RoundTable,
        MeetingNumber = closingMeeting,
        PresentedBy = summary.PresentedBy,
        PresenterName = summary.PresenterName,
        PresenterRegionalGroup = (Common.RegionalGroup)summary.PresenterRegionalGroup,
        Text = ApiValues.Localized(summary.Text),
        RecordedAt = Timestamp.FromDateTimeOffset(summary.RecordedAt),
        Revision = summary.Revision,
        SummariesRecorded = chairs.Summaries.Count,
        RoundTables = roundTables,
    };

    public static PanelDiscussionScheduled PanelScheduled(Dialogue dialogue, PanelDiscussion panel) => new()
    {
        DialogueId = dialogue.Id,
        Date = ApiValues.Date(panel.Date),
        PreviousDate = panel.PreviousDate is { } previous ? ApiValues.Date(previous) : null,
        Title = ApiValues.Localized(panel.Title),
        Theme = ApiValues.Localized(panel.Theme),
        DaysBeforeOpening = panel.DaysBeforeOpening(dialogue),
    };

    public static OrganisationOfWorkNoteGenerated NoteGenerated(string dialogueId, OrganisationOfWorkNote note, long programmeVersion) => new()
    {
        DialogueId = dialogueId,
        Revision = note.Revision,
        GeneratedAt = Timestamp.FromDateTimeOffset(note.GeneratedAt),
        Markdown = ApiValues.Localized(note.Markdown),
        ProgrammeVersion = programmeVersion,
    };

    /// <summary>What a change of a speakers list publishes besides its own event: the list's new figures.</summary>
    public static IEnumerable<Google.Protobuf.IMessage> WithFigures(string dialogueId, int meeting, SpeakersListOrder order, params Google.Protobuf.IMessage[] events) =>
        events.Append(Figures(dialogueId, meeting, order.Figures)).ToImmutableList();
}
