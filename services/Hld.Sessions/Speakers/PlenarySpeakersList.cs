using System.Collections.Immutable;
using Hld.Domain;
using Hld.Sessions.Participants;

namespace Hld.Sessions.Speakers;

/// <summary>The five blocks of the plenary speakers list, in speaking order (paras 5, 6, 7, 13).</summary>
public enum SpeakerRank
{
    Unspecified = 0,
    MemberState = 1,
    ObserverState = 2,
    EuropeanUnion = 3,
    OtherObserver = 4,
    HearingRepresentative = 5,
}

/// <summary>A delegation's place request on one plenary meeting's list.</summary>
public sealed record Inscription(
    string ParticipantId,
    ParticipantCategory Category,
    RegionalGroup RegionalGroup,
    ImmutableDictionary<string, string> Name,
    DateTimeOffset InscribedAt,
    int Revision);

/// <summary>A representative selected at the hearing (para 13), added to the list by the hearings service's event.</summary>
public sealed record HearingSpeaker(
    HearingGroup Group,
    string ParticipantId,
    string RepresentativeName,
    ImmutableDictionary<string, string> OrganizationName,
    RegionalGroup RegionalGroup,
    DateTimeOffset SelectedAt);

/// <param name="AcceptedOnList">For an intergovernmental organisation under para 8, the decided list that names it.</param>
public sealed record Delegation(string ParticipantId, ParticipantCategory Category, RegionalGroup RegionalGroup, ImmutableDictionary<string, string> Name, string? AcceptedOnList = null);

public sealed record HearingSeating(PlenarySpeakersList List, HearingSpeaker? Replaced, bool Changed);

/// <summary>
/// The speakers list of one plenary meeting: the inscriptions of States and observers, one per
/// delegation, and the hearing's representatives. It stores who asked and when; the order is derived
/// by <see cref="Order"/> from the levels of representation, which change.
/// </summary>
public sealed partial record PlenarySpeakersList(
    int Meeting,
    ImmutableList<Inscription> Inscriptions,
    ImmutableList<HearingSpeaker> HearingSpeakers,
    ImmutableDictionary<string, int> Revisions)
{
    public static PlenarySpeakersList Open(int meeting) =>
        new(meeting, [], [], ImmutableDictionary<string, int>.Empty);

    /// <summary>Where a category speaks; null for organisations, which speak only through the hearing (para 13).</summary>
    public static SpeakerRank? RankOf(ParticipantCategory category) => category switch
    {
        ParticipantCategory.MemberState => SpeakerRank.MemberState,
        ParticipantCategory.ObserverState => SpeakerRank.ObserverState,
        ParticipantCategory.ObserverOrganization => SpeakerRank.EuropeanUnion,
        ParticipantCategory.UnSystemEntity or ParticipantCategory.SpecialProcedure
            or ParticipantCategory.IgoStandingInvitation or ParticipantCategory.OtherIgo => SpeakerRank.OtherObserver,
        _ => null,
    };

    public Inscription? Find(string participantId) =>
        Inscriptions.Find(i => string.Equals(i.ParticipantId, participantId, StringComparison.OrdinalIgnoreCase));

    /// <summary>Inscribes a delegation: one inscription per delegation per meeting (para 5).</summary>
    /// <param name="otherIgosListed">Whether the meeting seats IGOs without a standing invitation only from a decided list of the PGA (its definition's participation rules).</param>
    public Decision<PlenarySpeakersList> Inscribe(Delegation delegation, DateTimeOffset now, bool otherIgosListed)
    {
        if (RankOf(delegation.Category) is null)
        {
            return new RuleViolation("NOT_INSCRIBED_BY_CATEGORY", Rules.HearingRepresentatives,
                Refusals.Text("NotInscribedByCategory", delegation.ParticipantId, Rules.HearingRepresentatives));
        }

        if (FinalLists.Para8(delegation.ParticipantId, delegation.Category, delegation.AcceptedOnList, Refusals.Text("ToBeInscribedOnAPlenarySpeakersList"), otherIgosListed) is { } para8)
        {
            return para8;
        }

        if (Find(delegation.ParticipantId) is not null)
        {
            return new RuleViolation("ALREADY_INSCRIBED", Rules.Precedence,
                Refusals.Text("AlreadyInscribed", delegation.ParticipantId, Meeting, Rules.Precedence));
        }

        var key = delegation.ParticipantId.ToUpperInvariant();
        var revision = Revisions.GetValueOrDefault(key) + 1;
        var inscription = new Inscription(delegation.ParticipantId, delegation.Category, delegation.RegionalGroup, delegation.Name, now, revision);
        return this with { Inscriptions = Inscriptions.Add(inscription), Revisions = Revisions.SetItem(key, revision) };
    }

    /// <summary>Withdraws a delegation's inscription; a later inscription joins at the back of its level.</summary>
    public Decision<PlenarySpeakersList> Withdraw(string participantId)
    {
        var inscription = Find(participantId);
        return inscription is null
            ? new RuleViolation("NOT_INSCRIBED", Rules.Precedence, Refusals.Text("NotInscribed", participantId, Meeting))
            : this with { Inscriptions = Inscriptions.Remove(inscription) };
    }

    /// <summary>
    /// Seats a representative selected at the hearing, at most one per group (para 13). A later
    /// selection for a group replaces an earlier one; a replayed or older one changes nothing.
    /// </summary>
    public HearingSeating Seat(HearingSpeaker speaker)
    {
        var seated = HearingSpeakers.Find(s => s.Group == speaker.Group);
        if (seated is not null && (seated.SelectedAt >= speaker.SelectedAt || seated == speaker))
        {
            return new HearingSeating(this, null, false);
        }

        var speakers = seated is null ? HearingSpeakers : HearingSpeakers.Remove(seated);
        return new HearingSeating(this with { HearingSpeakers = speakers.Add(speaker) }, seated, true);
    }
}
