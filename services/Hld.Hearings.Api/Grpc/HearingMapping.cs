using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Hld.Contracts.Common.V1;
using Hld.Hearings.Calendar;
using Hld.Hearings.Hearings;
using Hld.Platform.Api;
using Hld.Platform.State;
using Contract = Hld.Contracts.Hearings.V1;
using Events = Hld.Contracts.Events.V1;
using Model = Hld.Hearings;

namespace Hld.Hearings.Api.Grpc;

/// <summary>Translates the hearing's aggregates into the contract and into the events they cause.</summary>
internal static class HearingMapping
{



    public static Contract.Hearing ToContract(string dialogueId, Loaded<Model.Hearings.Hearing>? stored, Model.Eligibility.HearingEligibility eligibility, long knownOrganizations, MeetingCalendar calendar)
    {
        var hearing = new Contract.Hearing
        {
            DialogueId = dialogueId,
            EligibleOrganizations = eligibility.CountEligible(),
            KnownOrganizations = knownOrganizations,
            SummaryDueBy = Timestamp.FromDateTimeOffset(calendar.SummaryDueBy),
        };
        if (HearingSchedule.EarliestDateUnderPara12(eligibility.Para12Deadlines(), calendar) is { } earliest)
        {
            hearing.EarliestDateUnderPara12 = ApiValues.Date(earliest);
        }

        if (stored is { Value: var value })
        {
            hearing.Date = ApiValues.Date(value.Date);
            hearing.Chair = value.Chair;
            hearing.PreviousDates.AddRange(value.PreviousDates.Select(ApiValues.Date));
            hearing.Selections.AddRange(value.Selections.Select(ToContract));
            hearing.ScheduledAt = Timestamp.FromDateTimeOffset(value.ScheduledAt);
            hearing.Etag = stored.Etag;
        }

        return hearing;
    }

    public static Contract.RepresentativeSelection ToContract(SelectedRepresentative selected) => new()
    {
        Group = (HearingGroup)selected.Group,
        ParticipantId = selected.ParticipantId,
        RepresentativeName = selected.RepresentativeName,
        OrganizationName = ApiValues.Localized(selected.OrganizationName),
        RegionalGroup = (RegionalGroup)selected.RegionalGroup,
        ConsultationId = selected.ConsultationId,
        SelectedAt = Timestamp.FromDateTimeOffset(selected.SelectedAt),
    };

    public static Contract.Consultation ToContract(Model.Hearings.Consultation consultation) => new()
    {
        ConsultationId = consultation.ConsultationId,
        Groups = { consultation.Groups.Select(g => (HearingGroup)g) },
        RegionalGroups = { consultation.RegionalGroups.Select(g => (RegionalGroup)g) },
        MemberStates = { consultation.MemberStates },
        Note = consultation.Note,
        HeldAt = Timestamp.FromDateTimeOffset(consultation.HeldAt),
    };

    public static Contract.HearingParticipant ToContract(Model.Participation.HearingParticipant participant) => new()
    {
        ParticipantId = participant.ParticipantId,
        Category = (ParticipantCategory)participant.Category,
        Group = (HearingGroup)participant.Group,
        Name = ApiValues.Localized(participant.Name),
        CountryCode = participant.CountryCode,
        RegionalGroup = (RegionalGroup)participant.RegionalGroup,
        AdmittedFrom = (ListKind)participant.AdmittedFrom,
        Representatives = { participant.Representatives },
        AdmittedAt = Timestamp.FromDateTimeOffset(participant.AdmittedAt),
    };

    public static Contract.Segment ToContract(Model.Programme.Segment segment, int position) => new()
    {
        SegmentId = segment.SegmentId,
        Position = position,
        Kind = (Contract.SegmentKind)segment.Kind,
        Title = ApiValues.Localized(segment.Title),
        Moderators = { segment.Moderators },
        SpeakingTimeLimit = Duration.FromTimeSpan(segment.SpeakingTimeLimit),
        Speakers =
        {
            segment.Speakers.Select(s => new Contract.Speaker
            {
                ParticipantId = s.ParticipantId,
                SpeakerName = s.SpeakerName,
                Group = (HearingGroup)s.Group,
                AllottedTime = Duration.FromTimeSpan(s.AllottedTime),
                InscribedAt = Timestamp.FromDateTimeOffset(s.InscribedAt),
            }),
        },
    };

    public static Contract.Programme ToContract(string dialogueId, Loaded<Model.Programme.HearingProgramme>? stored) => new()
    {
        DialogueId = dialogueId,
        Segments = { (stored?.Value.Segments ?? []).Select((s, i) => ToContract(s, i + 1)) },
        Etag = stored?.Etag ?? string.Empty,
    };

    public static Contract.Intervention ToContract(Model.Programme.Intervention intervention) => new()
    {
        InterventionId = intervention.InterventionId,
        SegmentId = intervention.SegmentId,
        ParticipantId = intervention.ParticipantId,
        SpeakerName = intervention.SpeakerName,
        Group = (HearingGroup)intervention.Group,
        RegionalGroup = (RegionalGroup)intervention.RegionalGroup,
        StartedAt = Timestamp.FromDateTimeOffset(intervention.StartedAt),
        Duration = Duration.FromTimeSpan(intervention.Duration),
        TimeAllowed = Duration.FromTimeSpan(intervention.TimeAllowed),
        OverTime = intervention.IsOverTime(),
    };

    public static Contract.SummaryVersion ToContract(Model.Summary.SummaryVersion version)
    {
        var contract = new Contract.SummaryVersion
        {
            Version = version.Number,
            Text = ApiValues.Localized(version.Text),
            RevisionNote = version.RevisionNote,
            DraftedAt = Timestamp.FromDateTimeOffset(version.DraftedAt),
            Status = (Contract.SummaryVersionStatus)version.Status,
        };
        if (version.PublishedAt is { } published)
        {
            contract.PublishedAt = Timestamp.FromDateTimeOffset(published);
        }

        return contract;
    }

    public static Contract.Summary ToContract(string dialogueId, Loaded<Model.Summary.HearingSummary>? stored, bool withDraft, MeetingCalendar calendar)
    {
        var summary = new Contract.Summary
        {
            DialogueId = dialogueId,
            DueBy = Timestamp.FromDateTimeOffset(calendar.SummaryDueBy),
            Etag = stored?.Etag ?? string.Empty,
        };
        if (stored?.Value.LatestPublished() is { } published)
        {
            summary.Published = ToContract(published);
        }

        if (withDraft && stored?.Value.CurrentDraft() is { } draft)
        {
            summary.Draft = ToContract(draft);
        }

        return summary;
    }

    public static Events.HearingScheduled Scheduled(Model.Hearings.Hearing hearing)
    {
        var scheduled = new Events.HearingScheduled { DialogueId = hearing.DialogueId, Date = ApiValues.Date(hearing.Date), Chair = hearing.Chair };
        if (hearing.PreviousDate() is { } previous)
        {
            scheduled.PreviousDate = ApiValues.Date(previous);
        }

        return scheduled;
    }

    public static Events.RepresentativeSelected Selected(string dialogueId, SelectedRepresentative selected) => new()
    {
        DialogueId = dialogueId,
        Group = (HearingGroup)selected.Group,
        ParticipantId = selected.ParticipantId,
        RepresentativeName = selected.RepresentativeName,
        OrganizationName = ApiValues.Localized(selected.OrganizationName),
        RegionalGroup = (RegionalGroup)selected.RegionalGroup,
        SelectedAt = Timestamp.FromDateTimeOffset(selected.SelectedAt),
    };

    public static Events.ConsultationRecorded Recorded(string dialogueId, Model.Hearings.Consultation consultation) => new()
    {
        DialogueId = dialogueId,
        ConsultationId = consultation.ConsultationId,
        Groups = { consultation.Groups.Select(g => (HearingGroup)g) },
        RegionalGroups = { consultation.RegionalGroups.Select(g => (RegionalGroup)g) },
        MemberStates = { consultation.MemberStates },
        HeldAt = Timestamp.FromDateTimeOffset(consultation.HeldAt),
    };

    public static Events.ParticipantAdmitted Admitted(string dialogueId, Model.Participation.HearingParticipant participant) => new Events.ParticipantAdmitted
    {
        DialogueId = dialogueId,
        ParticipantId = participant.ParticipantId,
        Participant = ToContract(participant),
        RepresentativeCount = participant.Representatives.Count,
    }.WithLegacyFields();

    public static Events.HearingSegmentScheduled SegmentScheduled(string dialogueId, Model.Programme.Segment segment, int position) => new Events.HearingSegmentScheduled
    {
        DialogueId = dialogueId,
        SegmentId = segment.SegmentId,
        Segment = ToContract(segment, position),
    }.WithLegacyFields();

    public static Events.InterventionMade Made(string dialogueId, Model.Programme.Intervention intervention) => new Events.InterventionMade
    {
        DialogueId = dialogueId,
        InterventionId = intervention.InterventionId,
        Intervention = ToContract(intervention),
    }.WithLegacyFields();

    public static Events.SummaryDrafted Drafted(string dialogueId, Model.Summary.SummaryVersion draft, MeetingCalendar calendar) => new()
    {
        DialogueId = dialogueId,
        Version = draft.Number,
        Languages = { draft.Text.Keys.Order(StringComparer.Ordinal) },
        DraftedAt = Timestamp.FromDateTimeOffset(draft.DraftedAt),
        DueBy = Timestamp.FromDateTimeOffset(calendar.SummaryDueBy),
    };

    public static Events.SummaryPublished Published(string dialogueId, Model.Summary.SummaryVersion version, DateOnly hearingDate, MeetingCalendar calendar) => new()
    {
        DialogueId = dialogueId,
        Version = version.Number,
        Text = ApiValues.Localized(version.Text),
        RevisionNote = version.RevisionNote,
        PublishedAt = Timestamp.FromDateTimeOffset(version.PublishedAt!.Value),
        DueBy = Timestamp.FromDateTimeOffset(calendar.SummaryDueBy),
        HearingDate = ApiValues.Date(hearingDate),
    };
}
