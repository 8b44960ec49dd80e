using Hld.Domain;
using Hld.Registry.Participants;

namespace Hld.Registry.Reference;

/// <summary>
/// The reference data as of one day: who the Member States and observers are and which regional group
/// each counts in. Special cases (a State in two groups, an observer that counts, a State in none) are
/// data in the files, never branches here.
/// </summary>
public sealed class ReferenceCatalogue
{
    private readonly Dictionary<string, (ReferenceState State, ReferenceSource Source)> _states;
    private readonly Dictionary<string, (ReferenceEntity Entity, ReferenceSource Source)> _entities;
    private readonly Dictionary<string, (ConsultativeStatusEntry Entry, ReferenceSource Source)?> _consultative;

    private ReferenceCatalogue(DateOnly asOf, IReadOnlyList<ReferenceFile> files)
    {
        AsOf = asOf;
        Sources = [.. files.Select(f => f.Source)];
        _states = files.SelectMany(f => f.States.Select(s => (s, f.Source))).ToDictionary(x => x.s.Code, x => (x.s, x.Source), StringComparer.OrdinalIgnoreCase);
        _entities = files.SelectMany(f => f.Entities.Select(e => (e, f.Source))).ToDictionary(x => x.e.Id, x => (x.e, x.Source), StringComparer.OrdinalIgnoreCase);

        // A name listed twice with different statuses says nothing for sure: it is kept, as unknown (null).
        _consultative = files.SelectMany(f => (f.Consultative ?? []).Select(c => (c, f.Source)))
            .GroupBy(x => ListedName(x.c.Name), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.c.Status).Distinct().Count() == 1 ? g.First() : ((ConsultativeStatusEntry, ReferenceSource)?)null, StringComparer.Ordinal);
        ConsultativeSources = [.. files.Where(f => f.Consultative is not null).Select(f => f.Source)];
    }

    /// <summary>The files that list organisations in consultative status with ECOSOC.</summary>
    public IReadOnlyList<ReferenceSource> ConsultativeSources { get; }

    /// <summary>The day group memberships are read on.</summary>
    public DateOnly AsOf { get; }

    public IReadOnlyList<ReferenceSource> Sources { get; }

    /// <summary>Builds the catalogue, or throws with every problem the files have.</summary>
    public static ReferenceCatalogue Build(IReadOnlyList<ReferenceFile> files, DateOnly asOf)
    {
        var problems = Problems(files, asOf);
        return problems.Count == 0
            ? new ReferenceCatalogue(asOf, files)
            : throw new InvalidOperationException("The reference data is inconsistent: " + string.Join("; ", problems));
    }

    /// <summary>Everything wrong with the files, one sentence each.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<ReferenceFile> files, DateOnly asOf)
    {
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            if (string.IsNullOrWhiteSpace(file.Source.Version) || string.IsNullOrWhiteSpace(file.Source.Source))
            {
                problems.Add($"{file.Source.File}: needs a version and a source");
            }

            foreach (var state in file.States)
            {
                if (!IsAlpha3(state.Code))
                {
                    problems.Add($"{file.Source.File}: '{state.Code}' is not an ISO 3166-1 alpha-3 code");
                }

                if (state.Category is not (ParticipantCategory.MemberState or ParticipantCategory.ObserverState))
                {
                    problems.Add($"{file.Source.File}: {state.Code} must be a Member State or an observer State");
                }

                CheckNames(problems, file, state.Code, state.Names);
                CheckId(problems, ids, file, state.Code);
                if (state.Groups.Count(g => g.CountsHere && g.HeldOn(asOf)) > 1)
                {
                    problems.Add($"{file.Source.File}: {state.Code} counts in more than one regional group on {asOf:yyyy-MM-dd}");
                }

                if (state.Groups.Any(g => g.Group is RegionalGroup.Unspecified or RegionalGroup.None || g.Standing == GroupStanding.Unspecified || g.Until <= g.From))
                {
                    problems.Add($"{file.Source.File}: {state.Code} has a membership without a group, a standing or a valid period");
                }
            }

            foreach (var entity in file.Entities)
            {
                if (entity.Category is not (ParticipantCategory.ObserverOrganization or ParticipantCategory.UnSystemEntity
                    or ParticipantCategory.SpecialProcedure or ParticipantCategory.IgoStandingInvitation))
                {
                    problems.Add($"{file.Source.File}: {entity.Id} must be an observer organisation, a UN system entity, a special procedure or an IGO with a standing invitation");
                }

                if (entity.CountryCode.Length > 0 && !IsAlpha3(entity.CountryCode))
                {
                    problems.Add($"{file.Source.File}: {entity.Id} has a seat '{entity.CountryCode}' that is not an alpha-3 code");
                }

                CheckNames(problems, file, entity.Id, entity.Names);
                CheckId(problems, ids, file, entity.Id);
            }

            foreach (var (entry, line) in (file.Consultative ?? []).Select((e, i) => (e, i + 1)))
            {
                if (string.IsNullOrWhiteSpace(entry.Name) || entry.Status is not (EcosocStatus.General or EcosocStatus.Special or EcosocStatus.Roster)
                    || entry.YearGranted is < 1946 or > 9999)
                {
                    problems.Add($"{file.Source.File}: entry {line} needs a name, a status (general, special or roster) and, if given, a year from 1946");
                }
            }
        }

        return problems;
    }

    public bool IsMemberState(string code) => _states.TryGetValue(code, out var s) && s.State.Category == ParticipantCategory.MemberState;

    public bool IsObserverState(string code) => _states.TryGetValue(code, out var s) && s.State.Category == ParticipantCategory.ObserverState;

    public bool IsObserverOrganization(string id) => _entities.TryGetValue(id, out var e) && e.Entity.Category == ParticipantCategory.ObserverOrganization;

    /// <summary>
    /// The consultative status the ECOSOC list records for an organisation known by any of <paramref name="names"/>
    /// (compared without regard to case or spacing), with the file that says so; null when no list names it for sure.
    /// </summary>
    public (ConsultativeStatusEntry Entry, ReferenceSource Source)? ConsultativeStatusOf(IEnumerable<string> names) =>
        names.Select(n => _consultative.GetValueOrDefault(ListedName(n))).FirstOrDefault(found => found is not null);

    /// <summary>The group a State counts in on <see cref="AsOf"/>: None when it counts in none, null when the code is not a State of the catalogue.</summary>
    public RegionalGroup? CountingGroupOf(string code) =>
        _states.TryGetValue(code, out var s)
            ? s.State.Groups.FirstOrDefault(g => g.CountsHere && g.HeldOn(AsOf))?.Group ?? RegionalGroup.None
            : null;

    /// <summary>Every State and organisation of the reference data, as the participants they become.</summary>
    public IReadOnlyList<Participant> Participants() =>
    [
        .. _states.Values.Select(s => new Participant(s.State.Code, s.State.Category, s.State.Names, s.State.Code, CountingGroupOf(s.State.Code)!.Value, EcosocStatus.Unspecified)
        {
            ReferenceVersion = s.Source.Version,
        }),
        .. _entities.Values.Select(e => new Participant(e.Entity.Id, e.Entity.Category, e.Entity.Names, e.Entity.CountryCode, RegionalGroup.None, EcosocStatus.Unspecified)
        {
            Acronym = e.Entity.Acronym,
            GlobalMigrationGroupMember = e.Entity.GlobalMigrationGroupMember,
            RegionalCommission = e.Entity.RegionalCommission,
            ReferenceVersion = e.Source.Version,
        }),
    ];

    private static string ListedName(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    private static bool IsAlpha3(string code) => code.Length == 3 && code.All(char.IsAsciiLetterUpper);

    private static void CheckNames(List<string> problems, ReferenceFile file, string id, IReadOnlyDictionary<string, string> names)
    {
        // The reporting teams need Chinese and English at least (DESIGN.md, Users).
        if (!names.TryGetValue("zh", out var zh) || string.IsNullOrWhiteSpace(zh) || !names.TryGetValue("en", out var en) || string.IsNullOrWhiteSpace(en))
        {
            problems.Add($"{file.Source.File}: {id} needs a name in Chinese and in English");
        }

        if (names.Keys.Any(k => k is not ("zh" or "en" or "fr" or "es" or "ru" or "ar")))
        {
            problems.Add($"{file.Source.File}: {id} has a name in a language that is not an official language");
        }
    }

    private static void CheckId(List<string> problems, HashSet<string> ids, ReferenceFile file, string id)
    {
        if (!ids.Add(id))
        {
            problems.Add($"{file.Source.File}: {id} appears more than once");
        }
    }
}

/// <summary>How many participants there are of each category in each regional group.</summary>
public sealed record ParticipantCount(ParticipantCategory Category, RegionalGroup RegionalGroup, int Count)
{
    public static IReadOnlyList<ParticipantCount> Of(IEnumerable<Participant> participants) =>
    [
        .. participants.GroupBy(p => (p.Category, p.RegionalGroup))
            .OrderBy(g => g.Key.Category).ThenBy(g => g.Key.RegionalGroup)
            .Select(g => new ParticipantCount(g.Key.Category, g.Key.RegionalGroup, g.Count())),
    ];
}
