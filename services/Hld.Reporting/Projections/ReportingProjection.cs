using System.Collections.Immutable;
using Hld.Domain;

namespace Hld.Reporting.Projections;

/// <summary>Where a participant stands in the participation table, and whether the registry counts it in the Global Migration Group (para 15).</summary>
public sealed record ParticipantRow(ParticipantCategory Category, RegionalGroup RegionalGroup, LevelOfRepresentation Level, long LevelVersion, bool GlobalMigrationGroupMember = false);

/// <summary>What the events of one topic have shown so far: the evidence the implementation report cites.</summary>
public sealed record TopicEvidence(long Count, DateTimeOffset First, DateTimeOffset Last, ImmutableList<EvidenceItem> Recent);

/// <summary>A contribution as the report needs it: due, whether the State submitted it itself (para 17), and whether received.</summary>
public sealed record ContributionRow(string Paragraph, string ContributorId, DateTimeOffset DueAt, bool Received, bool Submitted = false);

/// <summary>A final list's spread by regional group and how many entries were dropped on objection.</summary>
public sealed record ListSpread(string Kind, ImmutableDictionary<RegionalGroup, long> Spread, int Dropped);

/// <summary>A round table's composition: co-chairs by State, participants by State or organisation.</summary>
public sealed record RoundTableRow(
    ImmutableDictionary<string, RegionalGroup> CoChairs,
    ImmutableDictionary<string, ParticipantRow> Participants,
    bool SummaryRecorded)
{
    public static RoundTableRow Empty { get; } = new(
        ImmutableDictionary<string, RegionalGroup>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, ParticipantRow>.Empty.WithComparers(StringComparer.Ordinal),
        false);
}

/// <summary>A speakers list's latest figures and when they were taken.</summary>
public sealed record SpeakersRow(DateTimeOffset At, int Inscribed, int Fitting, ImmutableList<SpeakersBlockFigures> Blocks);

/// <summary>The hearing in figures.</summary>
public sealed record HearingRow(
    DateOnly? Date,
    ImmutableDictionary<string, RegionalGroup> Admitted,
    ImmutableDictionary<string, string> Selections,
    bool SummaryPublished)
{
    public static HearingRow Empty { get; } = new(
        null,
        ImmutableDictionary<string, RegionalGroup>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
        false);
}

/// <summary>Whether a para 12 list's conflict with the hearing in force stands, as of the list's version that said so.</summary>
public sealed record ListConflictRow(bool Stands, long ListVersion);

/// <summary>A participant on a plenary speakers list (para 5): its category, and whether its delegation's level is known.</summary>
public sealed record InscribedRow(ParticipantCategory Category, bool LevelRecorded);

/// <summary>The comprehensive overview (para 15): its symbol and how many inputs it lists.</summary>
public sealed record OverviewRow(string Symbol, int Inputs);

/// <summary>One event cited as evidence.</summary>
public sealed record EvidenceItem(string EventId, string AggregateKey, DateTimeOffset OccurredAt);

/// <summary>
/// Everything the reporting service answers from, built by applying facts one by one in the order of
/// its event store. Applying is pure and deterministic, so a rebuild from the store gives exactly
/// the projection that was built live.
/// </summary>
public sealed record ReportingProjection(
    ImmutableDictionary<string, ParticipantRow> Participants,
    ImmutableDictionary<string, long> Cells,
    ImmutableDictionary<string, TopicEvidence> Evidence,
    ImmutableDictionary<string, string> ListStatuses,
    ImmutableDictionary<string, ContributionRow> Contributions,
    ImmutableHashSet<string> Documents,
    ImmutableDictionary<string, ListSpread> ListSpreads,
    ImmutableDictionary<int, RoundTableRow> RoundTables,
    ImmutableDictionary<int, SpeakersRow> SpeakersLists,
    HearingRow Hearing,
    long FactsApplied,
    OverviewRow? Overview = null,
    ImmutableDictionary<string, InscribedRow>? Inscribed = null)
{
    /// <summary>How many evidence items are kept per topic (the count covers all).</summary>
    public const int RecentPerTopic = 10;

    /// <summary>Para 12 lists by id: whether a conflict with the hearing in force stands on each.</summary>
    public ImmutableDictionary<string, ListConflictRow> ListConflicts { get; init; } = ImmutableDictionary<string, ListConflictRow>.Empty.WithComparers(StringComparer.Ordinal);

    public static ReportingProjection Empty { get; } = new(
        ImmutableDictionary<string, ParticipantRow>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, TopicEvidence>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, ContributionRow>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal),
        ImmutableDictionary<string, ListSpread>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<int, RoundTableRow>.Empty,
        ImmutableDictionary<int, SpeakersRow>.Empty,
        HearingRow.Empty,
        0,
        null,
        ImmutableDictionary<string, InscribedRow>.Empty.WithComparers(StringComparer.Ordinal));

    public static string Cell(ParticipantCategory category, RegionalGroup group, LevelOfRepresentation level) => $"{category}|{group}|{level}";

    /// <summary>
    /// The participant whose row <paramref name="fact"/> reads or writes, if any: a projection that keeps
    /// its rows apart needs only these in <see cref="Participants"/> to apply the fact exactly as the whole would.
    /// </summary>
    public static string? RowOf(Fact fact) => fact switch
    {
        ParticipantRegisteredFact registered => registered.ParticipantId,
        DelegationLevelFact level => level.ParticipantId,
        SpeakerInscribedFact inscribed => inscribed.ParticipantId,
        _ => null,
    };

    /// <summary>Applies one fact: <see cref="Apply(IEnumerable{Fact})"/> of just that fact.</summary>
    public ReportingProjection Apply(Fact fact) => Apply([fact]);

    /// <summary>Applies facts in order; the same as applying them one by one, without a new projection per fact.</summary>
    public ReportingProjection Apply(IEnumerable<Fact> facts)
    {
        var builder = ToBuilder();
        foreach (var fact in facts)
        {
            builder.Apply(fact);
        }

        return builder.ToProjection();
    }

    /// <summary>A builder that starts from this projection; this projection stays as it is.</summary>
    public Builder ToBuilder() => new(this);

    /// <summary>
    /// The named figures the implementation report's rules read: events per topic, participants per
    /// category, lists per kind and status, documents, contributions expected, received and late.
    /// </summary>
    public IReadOnlyDictionary<string, long> Counters(DateTimeOffset asOf)
    {
        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        void Add(string name, long by = 1) => counters[name] = counters.GetValueOrDefault(name) + by;
        Add("events:considered", FactsApplied);
        foreach (var inscribed in Inscribed?.Values ?? [])
        {
            Add($"inscribed:{inscribed.Category}");
            if (inscribed.LevelRecorded)
            {
                Add($"inscribed:{inscribed.Category}:level");
            }
        }

        foreach (var (topic, evidence) in Evidence)
        {
            Add($"topic:{topic}", evidence.Count);
        }

        // Every participant stands in exactly one cell, so the cells count them without their rows.
        foreach (var (cell, count) in Cells)
        {
            Add($"category:{cell[..cell.IndexOf('|', StringComparison.Ordinal)]}", count);
        }

        foreach (var (key, status) in ListStatuses)
        {
            Add($"list:{key[..key.IndexOf('|', StringComparison.Ordinal)]}:{status}");
        }

        if (ListConflicts.Values.Count(c => c.Stands) is > 0 and var conflicts)
        {
            Add("list:OtherStakeholders:HearingConflict", conflicts);
        }

        foreach (var symbol in Documents)
        {
            Add($"document:{symbol}");
        }

        foreach (var c in Contributions.Values)
        {
            Add($"contribution:{c.Paragraph}:expected");
            if (c.Received)
            {
                Add($"contribution:{c.Paragraph}:received");
            }
            else if (c.Submitted)
            {
                // Delivered by the State: awaiting the Secretariat's acknowledgement, not late.
                Add($"contribution:{c.Paragraph}:submitted");
            }
            else if (c.DueAt < asOf)
            {
                Add($"contribution:{c.Paragraph}:late");
            }
        }

        if (Overview is { } overview)
        {
            Add("overview:15:assembled");
            Add("overview:15:inputs", overview.Inputs);
        }

        foreach (var paragraph in Contributions.Values.Select(c => c.Paragraph).Distinct())
        {
            if (Contributions.Values.Where(c => c.Paragraph == paragraph).All(c => c.Received))
            {
                Add($"contribution:{paragraph}:complete");
            }
        }

        return counters;
    }

    /// <summary>
    /// The projection being built, fact by fact, in mutable collections that become the immutable
    /// projection once at the end: applying a batch of facts (or a whole log, for a rebuild) then costs
    /// one change of each collection per fact instead of a new projection and a path copy of every
    /// collection it touches. This is the only place facts are applied, so batches and single facts
    /// cannot disagree.
    /// </summary>
    public sealed class Builder
    {
        private static readonly string[] ListLifecycle = ["Draft", "Circulated", "Final"];

        private readonly ImmutableDictionary<string, ParticipantRow>.Builder _participants;
        private readonly ImmutableDictionary<string, long>.Builder _cells;
        private readonly ImmutableDictionary<string, TopicEvidence>.Builder _evidence;
        private readonly Dictionary<string, Citing> _citing = new(StringComparer.Ordinal);
        private readonly ImmutableDictionary<string, string>.Builder _listStatuses;
        private readonly ImmutableDictionary<string, ContributionRow>.Builder _contributions;
        private readonly ImmutableHashSet<string>.Builder _documents;
        private readonly ImmutableDictionary<string, ListSpread>.Builder _listSpreads;
        private readonly ImmutableDictionary<int, RoundTableRow>.Builder _roundTables;
        private readonly ImmutableDictionary<int, SpeakersRow>.Builder _speakersLists;
        private readonly ImmutableDictionary<string, ListConflictRow>.Builder _listConflicts;
        private HearingRow _hearing;
        private OverviewRow? _overview;
        private readonly ImmutableDictionary<string, InscribedRow>.Builder _inscribed;
        private long _factsApplied;

        internal Builder(ReportingProjection from)
        {
            _participants = from.Participants.ToBuilder();
            _cells = from.Cells.ToBuilder();
            _evidence = from.Evidence.ToBuilder();
            _listStatuses = from.ListStatuses.ToBuilder();
            _contributions = from.Contributions.ToBuilder();
            _documents = from.Documents.ToBuilder();
            _listSpreads = from.ListSpreads.ToBuilder();
            _roundTables = from.RoundTables.ToBuilder();
            _speakersLists = from.SpeakersLists.ToBuilder();
            _listConflicts = from.ListConflicts.ToBuilder();
            _hearing = from.Hearing;
            _overview = from.Overview;
            _inscribed = (from.Inscribed ?? Empty.Inscribed!).ToBuilder();
            _factsApplied = from.FactsApplied;
        }

        /// <summary>The rows built so far; a rebuild reads them without building the whole projection.</summary>
        public IReadOnlyDictionary<string, ParticipantRow> Participants => _participants;

        public void Apply(Fact fact)
        {
            switch (fact)
            {
                case ParticipantRegisteredFact registered:
                    Register(registered);
                    break;
                case DelegationLevelFact level:
                    ChangeLevel(level);
                    if (_inscribed.TryGetValue(level.ParticipantId, out var speaking) && level.Level != LevelOfRepresentation.Unspecified)
                    {
                        _inscribed[level.ParticipantId] = speaking with { LevelRecorded = true };
                    }

                    break;
                case SpeakerInscribedFact s:
                    // Once per delegation, however many meetings it speaks at; its level is known from
                    // the inscription or from a level the registry announced before or after it.
                    var recorded = s.Level != LevelOfRepresentation.Unspecified
                        || _participants.GetValueOrDefault(s.ParticipantId)?.Level is { } rowLevel && rowLevel != LevelOfRepresentation.Unspecified
                        || (_inscribed.GetValueOrDefault(s.ParticipantId)?.LevelRecorded ?? false);
                    _inscribed[s.ParticipantId] = new InscribedRow(s.Category, recorded);
                    break;
                case ListStatusFact list:
                    AdvanceList(list.Kind, list.ListId, list.Status);
                    break;
                case ContributionFact c:
                    _contributions[c.ContributionId] = Merge(_contributions.GetValueOrDefault(c.ContributionId), c);
                    break;
                case OverviewAssembledFact o:
                    _overview ??= new OverviewRow(o.Symbol, o.Inputs);
                    break;
                case DocumentFact d:
                    _documents.Add(d.Symbol);
                    break;
                case ListFinalisedFact f:
                    AdvanceList(f.Kind, f.ListId, "Final");
                    _listSpreads[$"{f.Kind}|{f.ListId}"] = new ListSpread(f.Kind, f.Spread, f.Dropped);
                    break;
                case CoChairFact c:
                    WithRoundTable(c.RoundTable, rt => rt with { CoChairs = (c.Replaces is { } left ? rt.CoChairs.Remove(left) : rt.CoChairs).SetItem(c.ParticipantId, c.RegionalGroup) });
                    break;
                case RoundTableParticipantFact p:
                    WithRoundTable(p.RoundTable, rt => rt with
                    {
                        Participants = rt.Participants.SetItem(p.ParticipantId, new ParticipantRow(p.Category, p.RegionalGroup, LevelOfRepresentation.Unspecified, 0)),
                    });
                    break;
                case RoundTableSummaryFact r:
                    WithRoundTable(r.RoundTable, rt => rt with { SummaryRecorded = true });
                    break;
                case SpeakersFiguresFact f when _speakersLists.GetValueOrDefault(f.MeetingNumber) is not { } known || known.At <= f.OccurredAt:
                    _speakersLists[f.MeetingNumber] = new SpeakersRow(f.OccurredAt, f.Inscribed, f.Fitting, f.Blocks);
                    break;
                case ListHearingConflictFact c when _listConflicts.GetValueOrDefault(c.ListId) is not { } seen || seen.ListVersion < c.ListVersion:
                    _listConflicts[c.ListId] = new ListConflictRow(c.Stands, c.ListVersion);
                    break;
                case HearingScheduledFact h:
                    _hearing = _hearing with { Date = h.Date };
                    break;
                case HearingAdmittedFact a:
                    _hearing = _hearing with { Admitted = _hearing.Admitted.SetItem(a.ParticipantId, a.RegionalGroup) };
                    break;
                case HearingSelectionFact sel:
                    _hearing = _hearing with { Selections = _hearing.Selections.SetItem(sel.Group, sel.ParticipantId) };
                    break;
                case HearingSummaryFact:
                    _hearing = _hearing with { SummaryPublished = true };
                    break;
                default:
                    break;
            }

            Cite(fact);
            _factsApplied++;
        }

        public ReportingProjection ToProjection()
        {
            foreach (var (topic, citing) in _citing)
            {
                _evidence[topic] = new TopicEvidence(citing.Count, citing.First, citing.Last, [.. citing.Recent]);
            }

            _citing.Clear();
            return new ReportingProjection(
                _participants.ToImmutable(),
                _cells.ToImmutable(),
                _evidence.ToImmutable(),
                _listStatuses.ToImmutable(),
                _contributions.ToImmutable(),
                _documents.ToImmutable(),
                _listSpreads.ToImmutable(),
                _roundTables.ToImmutable(),
                _speakersLists.ToImmutable(),
                _hearing,
                _factsApplied,
                _overview,
                _inscribed.ToImmutable())
            {
                ListConflicts = _listConflicts.ToImmutable(),
            };
        }

        private void WithRoundTable(int number, Func<RoundTableRow, RoundTableRow> change) =>
            _roundTables[number] = change(_roundTables.GetValueOrDefault(number) ?? RoundTableRow.Empty);

        // A list only moves forward: a late "circulated" does not reopen a final list.
        private void AdvanceList(string kind, string listId, string status)
        {
            var key = $"{kind}|{listId}";
            if (Array.IndexOf(ListLifecycle, status) > Array.IndexOf(ListLifecycle, _listStatuses.GetValueOrDefault(key)))
            {
                _listStatuses[key] = status;
            }
        }

        // A received contribution stays received even if an older "recorded" event arrives after it.
        private static ContributionRow Merge(ContributionRow? before, ContributionFact fact) =>
            new(fact.Paragraph, fact.ContributorId, fact.DueAt, fact.Received || (before?.Received ?? false), fact.Submitted || (before?.Submitted ?? false));

        private void Register(ParticipantRegisteredFact fact)
        {
            if (_participants.TryGetValue(fact.ParticipantId, out var known))
            {
                // A level that arrived first made the row: the registration still brings the GMG flag.
                _participants[fact.ParticipantId] = known with { GlobalMigrationGroupMember = known.GlobalMigrationGroupMember || fact.GlobalMigrationGroupMember };
                return;
            }

            var row = new ParticipantRow(fact.Category, fact.RegionalGroup, LevelOfRepresentation.Unspecified, 0, fact.GlobalMigrationGroupMember);
            _participants.Add(fact.ParticipantId, row);
            Move(null, row);
        }

        private void ChangeLevel(DelegationLevelFact fact)
        {
            var before = _participants.GetValueOrDefault(fact.ParticipantId);
            if (before is not null && before.LevelVersion >= fact.DelegationVersion)
            {
                // An older change arriving late: the newer level already stands.
                return;
            }

            var after = new ParticipantRow(
                before?.Category ?? fact.Category,
                before?.RegionalGroup ?? fact.RegionalGroup,
                fact.Level,
                fact.DelegationVersion,
                before?.GlobalMigrationGroupMember ?? false);
            _participants[fact.ParticipantId] = after;
            Move(before, after);
        }

        private void Move(ParticipantRow? from, ParticipantRow to)
        {
            if (from is not null)
            {
                var old = Cell(from.Category, from.RegionalGroup, from.Level);
                var left = _cells.GetValueOrDefault(old) - 1;
                if (left > 0)
                {
                    _cells[old] = left;
                }
                else
                {
                    _cells.Remove(old);
                }
            }

            var cell = Cell(to.Category, to.RegionalGroup, to.Level);
            _cells[cell] = _cells.GetValueOrDefault(cell) + 1;
        }

        // The evidence of a topic is kept mutable while facts are applied and frozen in ToProjection.
        private void Cite(Fact fact)
        {
            var item = new EvidenceItem(fact.EventId, fact.AggregateKey, fact.OccurredAt);
            if (!_citing.TryGetValue(fact.Topic, out var citing))
            {
                if (_evidence.GetValueOrDefault(fact.Topic) is not { } current)
                {
                    _citing[fact.Topic] = new Citing(1, fact.OccurredAt, fact.OccurredAt, new Queue<EvidenceItem>([item]));
                    return;
                }

                _citing[fact.Topic] = citing = new Citing(current.Count, current.First, current.Last, new Queue<EvidenceItem>(current.Recent));
            }

            citing.Count++;
            citing.First = fact.OccurredAt < citing.First ? fact.OccurredAt : citing.First;
            citing.Last = fact.OccurredAt > citing.Last ? fact.OccurredAt : citing.Last;
            if (citing.Recent.Count >= RecentPerTopic)
            {
                citing.Recent.Dequeue();
            }

            citing.Recent.Enqueue(item);
        }

        private sealed class Citing(long count, DateTimeOffset first, DateTimeOffset last, Queue<EvidenceItem> recent)
        {
            public long Count { get; set; } = count;

            public DateTimeOffset First { get; set; } = first;

            public DateTimeOffset Last { get; set; } = last;

            public Queue<EvidenceItem> Recent { get; } = recent;
        }
    }
}
