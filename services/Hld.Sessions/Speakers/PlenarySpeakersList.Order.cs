using System.Collections.Immutable;
using System.Globalization;
using Hld.Domain;

namespace Hld.Sessions.Speakers;

/// <summary>How much time a meeting gives its speakers list, and how long each speaker may speak.</summary>
public sealed record MeetingTime(TimeSpan SpeakingTime, TimeSpan SpeakerTimeLimit);

/// <summary>One place on the list, with everything that put it there.</summary>
public sealed record SpeakerPosition(
    int Number,
    string ParticipantId,
    SpeakerRank Rank,
    ParticipantCategory Category,
    RegionalGroup RegionalGroup,
    ImmutableDictionary<string, string> Name,
    LevelOfRepresentation Level,
    DateTimeOffset InscribedAt,
    HearingGroup HearingGroup,
    string RepresentativeName,
    TimeSpan StartsAfter,
    bool Fits,
    bool TieBrokenByParticipantId,
    int Revision,
    ImmutableDictionary<string, string> Explanation);

public sealed record RankFigures(SpeakerRank Rank, int Speakers, int Fitting);

public sealed record SpeakersListFigures(
    int Speakers,
    int Fitting,
    int HearingRepresentatives,
    int HearingRepresentativesFitting,
    TimeSpan SpeakingTime,
    TimeSpan Needed,
    TimeSpan SpeakerTimeLimit,
    ImmutableList<RankFigures> ByRank)
{
    public int NotFitting => Speakers - Fitting;
}

public sealed record SpeakersListOrder(ImmutableList<SpeakerPosition> Positions, SpeakersListFigures Figures)
{
    public SpeakerPosition? Of(string participantId) =>
        Positions.Find(p => string.Equals(p.ParticipantId, participantId, StringComparison.OrdinalIgnoreCase));
}

public sealed partial record PlenarySpeakersList
{
    // A Member State whose level the registry has not announced yet speaks after every known level.
    private const int UnknownLevelKey = (int)LevelOfRepresentation.Other + 1;

    /// <summary>
    /// The speaking order (paras 5, 6, 7, 13; decision 041), a pure function of the inscriptions, the
    /// hearing's representatives, the delegations' levels and the meeting's time:
    /// 1. Member States, by level of representation (Head of State first, "other head of delegation"
    ///    last, unknown after that), then by time of inscription;
    /// 2. observer States; 3. the European Union; 4. other observers — each by time of inscription;
    /// 5. the hearing's representatives, in the order of para 13 (ECOSOC NGOs, civil society, the
    ///    private sector), as time permits.
    /// Identical keys (same block, same level, same instant) are ordered by participant id, ordinal,
    /// so the order never depends on storage order. Speakers fill the meeting's speaking time in
    /// order, each for the time limit: whoever does not fit is at the end, so the hearing's
    /// representatives are always the first to drop.
    /// </summary>
    /// <param name="levels">Level of representation by participant id (missing: not yet known).</param>
    public static SpeakersListOrder Order(
        IEnumerable<Inscription> inscriptions,
        IEnumerable<HearingSpeaker> hearingSpeakers,
        IReadOnlyDictionary<string, LevelOfRepresentation> levels,
        MeetingTime meeting)
    {
        var entries = inscriptions
            .Select(i =>
            {
                var rank = RankOf(i.Category) ?? SpeakerRank.OtherObserver;
                var level = levels.GetValueOrDefault(i.ParticipantId, LevelOfRepresentation.Unspecified);
                var levelKey = rank != SpeakerRank.MemberState ? 0 : level == LevelOfRepresentation.Unspecified ? UnknownLevelKey : (int)level;
                return new Entry(rank, levelKey, i.InscribedAt, i.ParticipantId, level, i, null);
            })
            .Concat(hearingSpeakers.Select(h => new Entry(SpeakerRank.HearingRepresentative, (int)h.Group, h.SelectedAt, h.ParticipantId, LevelOfRepresentation.Unspecified, null, h)))
            .OrderBy(e => e.Rank)
            .ThenBy(e => e.LevelKey)
            .ThenBy(e => e.At)
            .ThenBy(e => e.ParticipantId, StringComparer.Ordinal)
            .ToList();

        var positions = ImmutableList.CreateBuilder<SpeakerPosition>();
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            var tied = (index > 0 && entries[index - 1].SameKey(entry)) || (index + 1 < entries.Count && entries[index + 1].SameKey(entry));
            var startsAfter = meeting.SpeakerTimeLimit * index;
            var fits = startsAfter + meeting.SpeakerTimeLimit <= meeting.SpeakingTime;
            var position = new SpeakerPosition(
                index + 1,
                entry.ParticipantId,
                entry.Rank,
                entry.Inscription?.Category ?? CategoryOf(entry.Hearing!.Group),
                entry.Inscription?.RegionalGroup ?? entry.Hearing!.RegionalGroup,
                entry.Inscription?.Name ?? entry.Hearing!.OrganizationName,
                entry.Level,
                entry.At,
                entry.Hearing?.Group ?? HearingGroup.Unspecified,
                entry.Hearing?.RepresentativeName ?? string.Empty,
                startsAfter,
                fits,
                tied,
                entry.Inscription?.Revision ?? 0,
                ImmutableDictionary<string, string>.Empty);
            positions.Add(position with { Explanation = ExplainInEveryLanguage(position, meeting) });
        }

        return new SpeakersListOrder(positions.ToImmutable(), FiguresOf(positions, meeting));
    }

    private static SpeakersListFigures FiguresOf(ImmutableList<SpeakerPosition>.Builder positions, MeetingTime meeting) => new(
        positions.Count,
        positions.Count(p => p.Fits),
        positions.Count(p => p.Rank == SpeakerRank.HearingRepresentative),
        positions.Count(p => p.Rank == SpeakerRank.HearingRepresentative && p.Fits),
        meeting.SpeakingTime,
        meeting.SpeakerTimeLimit * positions.Count,
        meeting.SpeakerTimeLimit,
        Enum.GetValues<SpeakerRank>().Where(r => r != SpeakerRank.Unspecified)
            .Select(r => new RankFigures(r, positions.Count(p => p.Rank == r), positions.Count(p => p.Rank == r && p.Fits)))
            .ToImmutableList());

    private static ParticipantCategory CategoryOf(HearingGroup group) => group switch
    {
        HearingGroup.EcosocNgo => ParticipantCategory.EcosocNgo,
        HearingGroup.PrivateSector => ParticipantCategory.PrivateSectorEntity,
        _ => ParticipantCategory.CivilSocietyOrganization,
    };

    // Every official language, each by its own culture's numbers; the instant stays in one invariant
    // form (UTC), so that an explanation reads the same moment in every language.
    private static ImmutableDictionary<string, string> ExplainInEveryLanguage(SpeakerPosition p, MeetingTime meeting) =>
        OfficialLanguages.All.ToImmutableDictionary(language => language, language => Explain(p, meeting, DocumentLanguage.Culture(language)));

    private static string Explain(SpeakerPosition p, MeetingTime meeting, CultureInfo culture)
    {
        var at = p.InscribedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        var level = SpeakersListWording.Level(p.Level, culture);
        var why = p.Rank switch
        {
            SpeakerRank.MemberState when p.Level == LevelOfRepresentation.Unspecified => SpeakersListWording.In(culture, "MemberStateLevelUnknown", p.Number, at),
            SpeakerRank.MemberState => SpeakersListWording.In(culture, "MemberState", p.Number, level, (int)p.Level, at),
            SpeakerRank.ObserverState => SpeakersListWording.In(culture, "ObserverState", p.Number, level, at),
            SpeakerRank.EuropeanUnion => SpeakersListWording.In(culture, "EuropeanUnion", p.Number, level, at),
            SpeakerRank.OtherObserver => SpeakersListWording.In(culture, "OtherObserver", p.Number, SpeakersListWording.Category(p.Category, culture), level, at),
            _ => SpeakersListWording.In(culture, "HearingRepresentative", p.Number, SpeakersListWording.Group(p.HearingGroup, culture), at),
        };
        var tie = p.TieBrokenByParticipantId ? SpeakersListWording.In(culture, "TieBroken") : string.Empty;
        var time = p.Fits
            ? SpeakersListWording.In(culture, "Fits", (int)p.StartsAfter.TotalMinutes, (int)meeting.SpeakingTime.TotalMinutes)
            : SpeakersListWording.In(culture, "DoesNotFit", (int)(p.StartsAfter + meeting.SpeakerTimeLimit).TotalMinutes, (int)meeting.SpeakingTime.TotalMinutes);
        return why + tie + time;
    }

    private sealed record Entry(
        SpeakerRank Rank,
        int LevelKey,
        DateTimeOffset At,
        string ParticipantId,
        LevelOfRepresentation Level,
        Inscription? Inscription,
        HearingSpeaker? Hearing)
    {
        public bool SameKey(Entry other) => Rank == other.Rank && LevelKey == other.LevelKey && At == other.At;
    }
}
