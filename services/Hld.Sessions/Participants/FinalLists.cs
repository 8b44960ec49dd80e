using System.Collections.Immutable;
using Hld.Domain;

namespace Hld.Sessions.Participants;

/// <summary>
/// The PGA's lists sessions keeps once final, numbered as hld.common.v1.ListKind: para 8 (the other
/// intergovernmental organisations Member States accepted) and paras 9 and 12 (the organisations the
/// round tables may seat, para 13).
/// </summary>
public enum StakeholderListKind
{
    Unspecified = 0,
    OtherIgos = 1,
    EcosocNgos = 2,
    OtherStakeholders = 3,
}

public sealed record FinalListEntry(string ParticipantId, ParticipantCategory Category, ImmutableDictionary<string, string> Name, string CountryCode, RegionalGroup RegionalGroup);

/// <summary>A list as it became final, with its entries that stand (objected ones are not among them).</summary>
public sealed record FinalList(string ListId, StakeholderListKind Kind, DateTimeOffset FinalisedAt, ImmutableList<FinalListEntry> Entries);

/// <summary>
/// The read model of final para 8, 9 and 12 lists (ListFinalised events): the only source of the
/// civil-society, academic and private-sector participants of the round tables (para 13), and of the
/// other intergovernmental organisations that may take part at all (para 8).
/// </summary>
public sealed record FinalLists(ImmutableDictionary<string, FinalList> Lists)
{
    public static FinalLists Empty { get; } = new(ImmutableDictionary<string, FinalList>.Empty);

    /// <summary>Takes a list in, unless the same list was taken in at the same or a later finalisation; null when nothing changes.</summary>
    public FinalLists? Apply(FinalList list)
    {
        if (Lists.TryGetValue(list.ListId, out var known) && known.FinalisedAt >= list.FinalisedAt)
        {
            return null;
        }

        return new(Lists.SetItem(list.ListId, list));
    }

    /// <summary>
    /// Para 8: an intergovernmental organisation without a standing invitation takes part only once a
    /// list that names it is decided by Member States. Null when <paramref name="category"/> is another
    /// one, when a final para 8 list names the organisation, or when the meeting in force seats such
    /// organisations with a delegation instead of a list (<paramref name="otherIgosListed"/> false: the Forum of 2022).
    /// </summary>
    public static RuleViolation? Para8(string participantId, ParticipantCategory category, string? acceptedOnList, CatalogueMessage toDo, bool otherIgosListed) =>
        otherIgosListed && category == ParticipantCategory.OtherIgo && acceptedOnList is null
            ? new RuleViolation("NOT_ACCEPTED_BY_MEMBER_STATES", Rules.List(ListKind.OtherIgos),
                Refusals.Text("NotAcceptedByMemberStates", participantId, toDo, Rules.List(ListKind.OtherIgos)))
            : null;

    /// <summary>The final para 8 list that names <paramref name="participantId"/>, or null.</summary>
    public string? Para8ListOf(string participantId) =>
        Lists.Values.Where(l => l.Kind == StakeholderListKind.OtherIgos)
            .OrderBy(l => l.ListId, StringComparer.Ordinal)
            .FirstOrDefault(l => l.Entries.Exists(e => string.Equals(e.ParticipantId, participantId, StringComparison.OrdinalIgnoreCase)))?.ListId;

    /// <summary>The entry and the list it stands on, or null when the organisation is on no final list.</summary>
    public (FinalListEntry Entry, FinalList List)? Find(string participantId)
    {
        foreach (var list in Lists.Values.OrderBy(l => l.ListId, StringComparer.Ordinal))
        {
            var entry = list.Entries.Find(e => string.Equals(e.ParticipantId, participantId, StringComparison.OrdinalIgnoreCase));
            if (entry is not null)
            {
                return (entry, list);
            }
        }

        return null;
    }
}
