using System.Collections.Immutable;
using Hld.Domain;

namespace Hld.Sessions.Participants;

/// <summary>The PGA's lists whose entries may take part in the round tables (para 13): para 9 and para 12; numbered as hld.common.v1.ListKind.</summary>
public enum StakeholderListKind
{
    Unspecified = 0,
    EcosocNgos = 2,
    OtherStakeholders = 3,
}

public sealed record FinalListEntry(string ParticipantId, ParticipantCategory Category, ImmutableDictionary<string, string> Name, string CountryCode, RegionalGroup RegionalGroup);

/// <summary>A list as it became final, with its entries that stand (objected ones are not among them).</summary>
public sealed record FinalList(string ListId, StakeholderListKind Kind, DateTimeOffset FinalisedAt, ImmutableList<FinalListEntry> Entries);

/// <summary>
/// The read model of final para 9 and para 12 lists (ListFinalised events): the only source of the
/// civil-society, academic and private-sector participants of the round tables (para 13).
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
