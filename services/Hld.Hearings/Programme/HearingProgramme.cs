using System.Collections.Immutable;
using Hld.Domain;
using Hld.Hearings.Calendar;
using Hld.Hearings.Participation;

namespace Hld.Hearings.Programme;

/// <summary>What a segment of the hearing is, numbered like hld.hearings.v1.SegmentKind.</summary>
public enum SegmentKind
{
    Unspecified = 0,
    Opening = 1,
    Panel = 2,
    InteractiveDiscussion = 3,
    Closing = 4,
}

/// <summary>What the PGA office plans for a segment.</summary>
public sealed record SegmentPlan(
    SegmentKind Kind,
    IReadOnlyDictionary<string, string> Title,
    IReadOnlyList<string> Moderators,
    TimeSpan SpeakingTimeLimit);

/// <summary>A speaker inscribed on a segment's list, with the time allotted (never more than the segment's limit).</summary>
public sealed record Inscription(
    string ParticipantId,
    string SpeakerName,
    HearingGroup Group,
    TimeSpan AllottedTime,
    DateTimeOffset InscribedAt);

/// <summary>A segment or panel of the hearing, its moderators, its speaking time limit and its list of speakers.</summary>
public sealed record Segment(
    string SegmentId,
    SegmentKind Kind,
    ImmutableDictionary<string, string> Title,
    ImmutableList<string> Moderators,
    TimeSpan SpeakingTimeLimit,
    ImmutableList<Inscription> Speakers)
{
    public Inscription? InscriptionOf(string participantId) =>
        Speakers.FirstOrDefault(s => string.Equals(s.ParticipantId, participantId, StringComparison.OrdinalIgnoreCase));
}

/// <summary>An intervention made at the hearing, as it happened; one longer than allowed is recorded as over time.</summary>
public sealed record Intervention(
    string InterventionId,
    string SegmentId,
    string ParticipantId,
    string SpeakerName,
    HearingGroup Group,
    RegionalGroup RegionalGroup,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    TimeSpan TimeAllowed)
{
    public bool IsOverTime() => Duration > TimeAllowed;
}

/// <summary>
/// The programme of the hearing (para 11, organised by the PGA): segments, lists of speakers and the
/// interventions made. Speakers and interventions come only from the hearing's participants.
/// </summary>
public sealed record HearingProgramme(string DialogueId, ImmutableList<Segment> Segments, ImmutableList<Intervention> Interventions)
{
    public Segment? FindSegment(string segmentId) =>
        Segments.FirstOrDefault(s => string.Equals(s.SegmentId, segmentId, StringComparison.Ordinal));

    /// <summary>Adds a segment at the end of the programme, until the hearing is over.</summary>
    public static Decision<HearingProgramme> AddSegment(
        HearingProgramme? programme, string dialogueId, SegmentPlan plan, DateOnly? hearingDate, MeetingCalendar calendar, DateTimeOffset now)
    {
        var current = programme ?? new HearingProgramme(dialogueId, [], []);
        if (Over(hearingDate, calendar, now) is { } over)
        {
            return over;
        }

        var segment = new Segment(
            $"s{current.Segments.Count + 1}",
            plan.Kind,
            plan.Title.ToImmutableDictionary(StringComparer.Ordinal),
            [.. plan.Moderators.Select(m => m.Trim())],
            plan.SpeakingTimeLimit,
            []);
        return current with { Segments = current.Segments.Add(segment) };
    }

    /// <summary>Replans a segment; its limit may not fall below the time already allotted to an inscribed speaker.</summary>
    public Decision<HearingProgramme> UpdateSegment(Segment segment, SegmentPlan plan, DateOnly? hearingDate, MeetingCalendar calendar, DateTimeOffset now)
    {
        if (Over(hearingDate, calendar, now) is { } over)
        {
            return over;
        }

        if (segment.Speakers.FirstOrDefault(s => s.AllottedTime > plan.SpeakingTimeLimit) is { } inscribed)
        {
            return new RuleViolation("INSCRIBED_TIME_OVER_LIMIT", Rules.Hearing,
                Refusals.Text("InscribedTimeOverLimit", inscribed.SpeakerName, inscribed.AllottedTime));
        }

        var replanned = segment with
        {
            Kind = plan.Kind,
            Title = plan.Title.ToImmutableDictionary(StringComparer.Ordinal),
            Moderators = [.. plan.Moderators.Select(m => m.Trim())],
            SpeakingTimeLimit = plan.SpeakingTimeLimit,
        };
        return this with { Segments = Segments.Replace(segment, replanned) };
    }

    /// <summary>
    /// Inscribes a participant's representative on a segment's list of speakers, within the
    /// segment's speaking time limit (the limit itself when no time is asked for).
    /// </summary>
    public Decision<HearingProgramme> Inscribe(
        Segment segment,
        string participantId,
        HearingParticipant? participant,
        string speakerName,
        TimeSpan? allottedTime,
        DateOnly? hearingDate,
        MeetingCalendar calendar,
        DateTimeOffset now)
    {
        if (Over(hearingDate, calendar, now) is { } over)
        {
            return over;
        }

        if (Attendance(participantId, participant, speakerName) is { } absent)
        {
            return absent;
        }

        var allotted = allottedTime ?? segment.SpeakingTimeLimit;
        if (allotted > segment.SpeakingTimeLimit)
        {
            return new RuleViolation("SPEAKING_TIME_OVER_LIMIT", Rules.Hearing,
                Refusals.Text("SpeakingTimeOverLimit", segment.SegmentId, segment.SpeakingTimeLimit, allotted));
        }

        if (segment.InscriptionOf(participantId) is not null)
        {
            return new RuleViolation("ALREADY_INSCRIBED", Rules.Hearing,
                Refusals.Text("AlreadyInscribed", participantId, segment.SegmentId));
        }

        var inscription = new Inscription(participant!.ParticipantId, speakerName.Trim(), participant.Group, allotted, now);
        return this with { Segments = Segments.Replace(segment, segment with { Speakers = segment.Speakers.Add(inscription) }) };
    }

    /// <summary>
    /// Records an intervention as it ends, on the hearing day, by someone attending for a
    /// participant. The time allowed is the speaker's allotment, or the segment's limit.
    /// </summary>
    public Decision<HearingProgramme> RecordIntervention(
        Segment segment,
        string participantId,
        HearingParticipant? participant,
        string speakerName,
        TimeSpan duration,
        DateOnly? hearingDate,
        MeetingCalendar calendar,
        DateTimeOffset now)
    {
        if (hearingDate is not { } day)
        {
            return new RuleViolation("HEARING_NOT_SCHEDULED", Rules.Hearing, Refusals.Text("ProgrammeHearingNotScheduled"));
        }

        if (!calendar.IsDay(day, now))
        {
            return new RuleViolation("NOT_HEARING_DAY", Rules.Hearing,
                Refusals.Text("InterventionNotHearingDay", day, calendar.LocalDate(now)));
        }

        if (Attendance(participantId, participant, speakerName) is { } absent)
        {
            return absent;
        }

        var allowed = segment.InscriptionOf(participantId)?.AllottedTime ?? segment.SpeakingTimeLimit;
        var intervention = new Intervention(
            $"i{Interventions.Count + 1}",
            segment.SegmentId,
            participant!.ParticipantId,
            speakerName.Trim(),
            participant.Group,
            participant.RegionalGroup,
            now - duration,
            duration,
            allowed);
        return this with { Interventions = Interventions.Add(intervention) };
    }

    private static RuleViolation? Over(DateOnly? hearingDate, MeetingCalendar calendar, DateTimeOffset now) =>
        hearingDate is { } day && calendar.IsPast(day, now)
            ? new RuleViolation("HEARING_OVER", Rules.Hearing, Refusals.Text("ProgrammeHearingOver", day))
            : null;

    private static RuleViolation? Attendance(string participantId, HearingParticipant? participant, string speakerName)
    {
        if (participant is null)
        {
            return new RuleViolation("NOT_A_HEARING_PARTICIPANT", Rules.Hearing,
                Refusals.Text("SpeakerNotAParticipant", participantId));
        }

        return participant.IsRepresentedBy(speakerName)
            ? null
            : new RuleViolation("REPRESENTATIVE_NOT_REGISTERED", Rules.Hearing,
                Refusals.Text("RepresentativeNotAtHearing", speakerName, participant.ParticipantId));
    }
}
