using System.Collections.Immutable;
using Hld.Domain;

namespace Hld.Reporting.Participation;

/// <summary>Participants counted by category and regional group, as learned from registry events.</summary>
public sealed record ParticipationCounts(ImmutableDictionary<string, long> Cells, ImmutableHashSet<string> Counted)
{
    public static readonly ParticipationCounts Empty = new(ImmutableDictionary<string, long>.Empty, ImmutableHashSet<string>.Empty);

    public static string Cell(ParticipantCategory category, RegionalGroup group) => $"{category}|{group}";

    public long Total => Cells.Values.Sum();

    /// <summary>Counts a participant once, however often its registration is delivered.</summary>
    public ParticipationCounts Count(string participantId, ParticipantCategory category, RegionalGroup group)
    {
        if (Counted.Contains(participantId))
        {
            return this;
        }

        var cell = Cell(category, group);
        return new ParticipationCounts(Cells.SetItem(cell, Cells.GetValueOrDefault(cell) + 1), Counted.Add(participantId));
    }
}
