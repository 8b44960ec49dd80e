using System.Collections.Immutable;
using Hld.Domain;
using Hld.Hearings.Participation;

namespace Hld.Hearings.Hearings;

/// <summary>
/// The one-day informal interactive hearing of a dialogue (para 11), organised and chaired by the
/// President of the General Assembly, with the consultations and selections of para 13 made at it.
/// One per dialogue: its key is the dialogue's, so a second one cannot exist beside it.
/// </summary>
public sealed record Hearing(
    string DialogueId,
    DateOnly Date,
    string Chair,
    DateTimeOffset ScheduledAt,
    ImmutableList<DateOnly> PreviousDates,
    ImmutableList<Consultation> Consultations,
    ImmutableList<SelectedRepresentative> Selections)
{
    /// <summary>The day before the latest move; null when never moved.</summary>
    public DateOnly? PreviousDate() => PreviousDates.IsEmpty ? null : PreviousDates[^1];

    public SelectedRepresentative? SelectionFor(HearingGroup group) => Selections.FirstOrDefault(s => s.Group == group);
}

/// <summary>A consultation of Member States by the PGA office on the hearing's speakers (para 13).</summary>
public sealed record Consultation(
    string ConsultationId,
    ImmutableList<HearingGroup> Groups,
    ImmutableList<RegionalGroup> RegionalGroups,
    ImmutableList<string> MemberStates,
    string Note,
    DateTimeOffset HeldAt);

/// <summary>The representative of one group chosen at the hearing for the plenary speakers list (para 13).</summary>
public sealed record SelectedRepresentative(
    HearingGroup Group,
    string ParticipantId,
    string RepresentativeName,
    ImmutableDictionary<string, string> OrganizationName,
    RegionalGroup RegionalGroup,
    string ConsultationId,
    DateTimeOffset SelectedAt);
