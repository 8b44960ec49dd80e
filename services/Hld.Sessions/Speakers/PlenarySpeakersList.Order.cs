using System.Collections.Immutable;
using System.Globalization;
using Hld.Domain;
using Hld.Sessions.Wording;

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
            positions.Add(position with { Explanation = Explain(position, meeting) });
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

    private static ImmutableDictionary<string, string> Explain(SpeakerPosition p, MeetingTime meeting) =>
        Labels.Languages.ToImmutableDictionary(language => language, language => Explain(p, meeting, language == Labels.Chinese));

    private static string Explain(SpeakerPosition p, MeetingTime meeting, bool zh)
    {
        var at = p.InscribedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
        var language = zh ? Labels.Chinese : Labels.English;
        var level = Labels.Level(p.Level, language);
        var why = (p.Rank, p.Level == LevelOfRepresentation.Unspecified, zh) switch
        {
            (SpeakerRank.MemberState, false, false) => $"No. {p.Number}: Member State represented at the level of {level} (level {(int)p.Level} of 8). Member States speak first, higher levels before lower, then in order of inscription; inscribed {at}.",
            (SpeakerRank.MemberState, false, true) => $"第{p.Number}位：会员国，代表级别为{level}（8个级别中的第{(int)p.Level}级）。会员国先发言，级别高者在前，同级按登记时间先后；登记时间 {at}。",
            (SpeakerRank.MemberState, true, false) => $"No. {p.Number}: Member State whose level of representation is not yet known, so it follows every Member State of known level, then in order of inscription; inscribed {at}.",
            (SpeakerRank.MemberState, true, true) => $"第{p.Number}位：会员国，代表级别尚未知，排在所有已知级别的会员国之后，按登记时间先后；登记时间 {at}。",
            (SpeakerRank.ObserverState, _, false) => $"No. {p.Number}: observer State ({level}). Observer States speak after every Member State, in order of inscription; inscribed {at}.",
            (SpeakerRank.ObserverState, _, true) => $"第{p.Number}位：观察员国（{level}）。观察员国在所有会员国之后发言，按登记时间先后；登记时间 {at}。",
            (SpeakerRank.EuropeanUnion, _, false) => $"No. {p.Number}: the European Union (observer, {level}). It speaks after the Member States and the observer States; inscribed {at}.",
            (SpeakerRank.EuropeanUnion, _, true) => $"第{p.Number}位：欧洲联盟（观察员，{level}）。在会员国和观察员国之后发言；登记时间 {at}。",
            (SpeakerRank.OtherObserver, _, false) => $"No. {p.Number}: observer, {Labels.Category(p.Category, language)} ({level}). Other observers speak after the European Union, in order of inscription; inscribed {at}.",
            (SpeakerRank.OtherObserver, _, true) => $"第{p.Number}位：观察员，{Labels.Category(p.Category, language)}（{level}）。其他观察员在欧洲联盟之后发言，按登记时间先后；登记时间 {at}。",
            (_, _, false) => $"No. {p.Number}: representative of {Labels.HearingGroupName(p.HearingGroup, language)} selected at the hearing (para 13). The hearing's representatives speak after every State and observer, as time permits; selected {at}.",
            (_, _, true) => $"第{p.Number}位：在听证会期间选出的{Labels.HearingGroupName(p.HearingGroup, language)}代表（第13段）。听证会代表在所有国家和观察员之后发言，如时间允许；选出时间 {at}。",
        };
        var tie = !p.TieBrokenByParticipantId ? string.Empty
            : zh ? "与同组同级的另一发言者登记时间相同，按参与方标识排序。"
            : " Inscribed at the same instant as another speaker of the same block and level: ordered by participant id.";
        var start = (int)p.StartsAfter.TotalMinutes;
        var end = (int)(p.StartsAfter + meeting.SpeakerTimeLimit).TotalMinutes;
        var available = (int)meeting.SpeakingTime.TotalMinutes;
        var time = (p.Fits, zh) switch
        {
            (true, false) => $" Speaks from minute {start} of the {available} minutes for speakers.",
            (true, true) => $"在供发言的{available}分钟中，自第{start}分钟起发言。",
            (false, false) => $" Does not fit: speaking until minute {end} would exceed the {available} minutes for speakers.",
            (false, true) => $"超出时间：发言至第{end}分钟将超过供发言的{available}分钟。",
        };
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
