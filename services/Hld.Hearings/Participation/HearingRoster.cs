using System.Collections.Immutable;
using Hld.Domain;
using Hld.Hearings.Calendar;
using Hld.Hearings.Eligibility;

namespace Hld.Hearings.Participation;

/// <summary>An organisation admitted to the hearing, with the people who attend for it.</summary>
public sealed record HearingParticipant(
    string ParticipantId,
    ParticipantCategory Category,
    HearingGroup Group,
    ImmutableDictionary<string, string> Name,
    string CountryCode,
    RegionalGroup RegionalGroup,
    ListKind AdmittedFrom,
    ImmutableList<string> Representatives,
    DateTimeOffset AdmittedAt)
{
    /// <summary>True when <paramref name="person"/> attends the hearing for this organisation.</summary>
    public bool IsRepresentedBy(string person) =>
        Representatives.Any(r => string.Equals(r, person.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Who takes part in the hearing (paras 9, 11, 12). Admissions are never withdrawn, so other
/// aggregates may rely on an admission they have read: it cannot become false afterwards.
/// </summary>
public sealed record HearingRoster(string DialogueId, ImmutableList<HearingParticipant> Participants)
{
    public HearingParticipant? Find(string participantId) =>
        Participants.FirstOrDefault(p => string.Equals(p.ParticipantId, participantId, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Admits an organisation that stands on a final para 9 or para 12 list, as the hearing's read
    /// model of the registry knows it, until the hearing day has ended.
    /// </summary>
    public static Decision<HearingRoster> Admit(
        HearingRoster? roster,
        string dialogueId,
        string participantId,
        IReadOnlyList<string> representatives,
        HearingEligibility eligibility,
        DateOnly? hearingDate,
        MeetingCalendar calendar,
        DateTimeOffset now)
    {
        var current = roster ?? new HearingRoster(dialogueId, []);
        if (eligibility.Find(participantId) is not { } eligible)
        {
            return new RuleViolation("NOT_ON_FINAL_LIST", Rules.Hearing,
                Refusals.Text("NotOnFinalList", participantId, Rules.List(ListKind.EcosocNgos), Rules.List(ListKind.OtherStakeholders)));
        }

        if (hearingDate is { } day && calendar.IsPast(day, now))
        {
            return new RuleViolation("HEARING_OVER", Rules.Hearing, Refusals.Text("AdmissionHearingOver", day));
        }

        if (current.Find(participantId) is not null)
        {
            return new RuleViolation("ALREADY_ADMITTED", Rules.Hearing, Refusals.Text("AlreadyAdmitted", participantId));
        }

        var organization = eligible.Organization;
        var admitted = new HearingParticipant(
            organization.Id,
            organization.Category,
            eligible.Group,
            organization.Name,
            organization.CountryCode,
            organization.RegionalGroup,
            eligible.List,
            [.. representatives.Select(r => r.Trim())],
            now);
        return current with { Participants = current.Participants.Add(admitted) };
    }
}
