using Hld.Domain;
using Hld.Hearings.Calendar;
using Hld.Hearings.Participation;

namespace Hld.Hearings.Hearings;

/// <summary>What the PGA office records of a consultation with Member States (para 13).</summary>
public sealed record ConsultationRecord(
    IReadOnlyList<HearingGroup> Groups,
    IReadOnlyList<RegionalGroup> RegionalGroups,
    IReadOnlyList<string> MemberStates,
    string Note);

/// <summary>
/// Para 13: during the hearing, in consultation with Member States, the PGA office chooses one
/// representative each of ECOSOC NGOs, civil society and the private sector for the plenary
/// speakers list.
/// </summary>
public static class SpeakerSelection
{
    /// <summary>Records a consultation of Member States on the selection of one or more groups.</summary>
    public static Decision<Hearing> RecordConsultation(Hearing? hearing, ConsultationRecord record, MeetingCalendar calendar, DateTimeOffset now)
    {
        if (hearing is null)
        {
            return NotScheduled();
        }

        if (calendar.IsPast(hearing.Date, now))
        {
            return new RuleViolation("HEARING_OVER", Rules.HearingRepresentatives,
                Refusals.Text("SelectionHearingOver", hearing.Date));
        }

        var consultation = new Consultation(
            $"c{hearing.Consultations.Count + 1}",
            [.. record.Groups.Distinct().Order()],
            [.. record.RegionalGroups.Distinct().Order()],
            [.. record.MemberStates.Select(s => s.ToUpperInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            record.Note.Trim(),
            now);
        return hearing with { Consultations = hearing.Consultations.Add(consultation) };
    }

    /// <summary>
    /// Selects the representative of <paramref name="group"/>: on the hearing day, once per group,
    /// someone who attends the hearing for an organisation of that group, after a consultation of
    /// Member States on that group has been recorded.
    /// </summary>
    public static Decision<Hearing> Select(
        Hearing? hearing,
        HearingGroup group,
        string participantId,
        HearingParticipant? participant,
        string representativeName,
        MeetingCalendar calendar,
        DateTimeOffset now)
    {
        if (hearing is null)
        {
            return NotScheduled();
        }

        if (!calendar.IsDay(hearing.Date, now))
        {
            return new RuleViolation("NOT_HEARING_DAY", Rules.HearingRepresentatives,
                Refusals.Text("SelectionNotHearingDay", hearing.Date, calendar.LocalDate(now)));
        }

        if (hearing.SelectionFor(group) is { } already)
        {
            return new RuleViolation("GROUP_ALREADY_SELECTED", Rules.HearingRepresentatives,
                Refusals.Text("GroupAlreadySelected", already.ParticipantId, group));
        }

        if (participant is null)
        {
            return new RuleViolation("NOT_A_HEARING_PARTICIPANT", Rules.HearingRepresentatives,
                Refusals.Text("SelectionNotAParticipant", participantId));
        }

        if (participant.Group != group)
        {
            return new RuleViolation("GROUP_MISMATCH", Rules.HearingRepresentatives,
                Refusals.Text("GroupMismatch", participant.ParticipantId, participant.Group, group));
        }

        if (!participant.IsRepresentedBy(representativeName))
        {
            return new RuleViolation("REPRESENTATIVE_NOT_AT_HEARING", Rules.HearingRepresentatives,
                Refusals.Text("RepresentativeNotAtHearing", representativeName, participant.ParticipantId));
        }

        var consultation = hearing.Consultations.LastOrDefault(c => c.Groups.Contains(group));
        if (consultation is null)
        {
            return new RuleViolation("CONSULTATION_NOT_RECORDED", Rules.HearingRepresentatives,
                Refusals.Text("ConsultationNotRecorded", group));
        }

        var selected = new SelectedRepresentative(
            group,
            participant.ParticipantId,
            representativeName.Trim(),
            participant.Name,
            participant.RegionalGroup,
            consultation.ConsultationId,
            now);
        return hearing with { Selections = hearing.Selections.Add(selected) };
    }

    private static RuleViolation NotScheduled() =>
        new("HEARING_NOT_SCHEDULED", Rules.Hearing, Refusals.Text("ProgrammeHearingNotScheduled"));
}
