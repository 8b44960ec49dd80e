using System.Collections.Immutable;
using Hld.Domain;
using Hld.Hearings.Participation;

namespace Hld.Hearings.Eligibility;

/// <summary>An organisation as the registry described it.</summary>
public sealed record Organization(
    string Id,
    ParticipantCategory Category,
    ImmutableDictionary<string, string> Name,
    string CountryCode,
    RegionalGroup RegionalGroup);

/// <summary>One of the PGA's lists as the hearing learned it: status, non-objection deadline, the entries that stand.</summary>
public sealed record PgaList(
    string ListId,
    ListKind Kind,
    ListStatus Status,
    DateTimeOffset? ObjectionDeadline,
    ImmutableDictionary<string, Organization> Entries,
    ImmutableList<string> Dropped);

/// <summary>An organisation that may take part in the hearing, its group, and the list that makes it eligible.</summary>
public sealed record EligibleOrganization(Organization Organization, HearingGroup Group, ListKind List);

/// <summary>The non-objection deadline of a para 12 list that has been circulated.</summary>
public sealed record NonObjectionDeadline(string ListId, DateTimeOffset Deadline);

/// <summary>
/// The hearing's local read model of the registry (paras 9, 11, 12), fed by registry events so that
/// the hearing answers while the registry is down. Every change is idempotent and a list's status
/// only moves forward, so replayed or reordered deliveries leave it as the registry left it.
/// </summary>
public sealed record HearingEligibility(ImmutableDictionary<string, PgaList> Lists)
{
    public static readonly HearingEligibility Empty = new(ImmutableDictionary<string, PgaList>.Empty);

    /// <summary>
    /// Whether the hearing counts a registered participant among the organisations it knows (para 11):
    /// only its categories. The host keeps them in an index of their own, not in this read model, so
    /// learning one does not rewrite what every admission reads.
    /// </summary>
    public static bool Knows(Organization organization) => HearingGroups.Of(organization.Category) is not null;

    /// <summary>Organisations that stand on a final para 9 or para 12 list: the hearing's possible participants (para 11).</summary>
    public int CountEligible() => Lists.Values.Where(IsHearingList)
        .SelectMany(l => l.Entries.Where(e => HearingGroups.Of(e.Value.Category) is not null).Select(e => e.Key))
        .Distinct(StringComparer.Ordinal)
        .Count();

    /// <summary>The deadlines of every para 12 list circulated so far, finalised ones included (para 12).</summary>
    public IReadOnlyList<NonObjectionDeadline> Para12Deadlines() => [.. Lists.Values
        .Where(l => l.Kind == ListKind.OtherStakeholders && l.Status >= ListStatus.Circulated && l.ObjectionDeadline is not null)
        .Select(l => new NonObjectionDeadline(l.ListId, l.ObjectionDeadline!.Value))
        .OrderBy(d => d.ListId, StringComparer.Ordinal)];

    /// <summary>Learns that a list changed status. An older status than the one known changes nothing but a missing deadline.</summary>
    public HearingEligibility StatusChanged(string listId, ListKind kind, ListStatus status, DateTimeOffset? objectionDeadline)
    {
        if (Lists.TryGetValue(listId, out var current))
        {
            var next = status < current.Status
                ? current with { ObjectionDeadline = current.ObjectionDeadline ?? objectionDeadline }
                : current with { Kind = kind, Status = status, ObjectionDeadline = objectionDeadline ?? current.ObjectionDeadline };
            return this with { Lists = Lists.SetItem(listId, next) };
        }

        var created = new PgaList(listId, kind, status, objectionDeadline, ImmutableDictionary<string, Organization>.Empty, []);
        return this with { Lists = Lists.SetItem(listId, created) };
    }

    /// <summary>Learns the entries that stand on a final list; for para 12 the moment it became final is its deadline.</summary>
    public HearingEligibility Finalised(string listId, ListKind kind, IEnumerable<Organization> entries, IEnumerable<string> dropped, DateTimeOffset finalisedAt)
    {
        var known = Lists.GetValueOrDefault(listId);
        var deadline = known?.ObjectionDeadline ?? (kind == ListKind.OtherStakeholders ? finalisedAt : null);
        var droppedIds = dropped.Select(KeyOf).ToImmutableList();
        var standing = entries.Where(e => !droppedIds.Contains(KeyOf(e.Id)))
            .GroupBy(e => KeyOf(e.Id), StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var final = new PgaList(listId, kind, ListStatus.Final, deadline, standing, droppedIds);
        return this with { Lists = Lists.SetItem(listId, final) };
    }

    /// <summary>The organisation if it stands on a final para 9 or para 12 list (para 11); null otherwise.</summary>
    public EligibleOrganization? Find(string participantId)
    {
        var key = KeyOf(participantId);
        foreach (var list in Lists.Values.Where(IsHearingList).OrderBy(l => l.Kind).ThenBy(l => l.ListId, StringComparer.Ordinal))
        {
            if (list.Entries.TryGetValue(key, out var organization) && HearingGroups.Of(organization.Category) is { } group)
            {
                return new EligibleOrganization(organization, group, list.Kind);
            }
        }

        return null;
    }

    /// <summary>Participant ids compare case-insensitively, as the registry keys them.</summary>
    public static string KeyOf(string participantId) => participantId.ToUpperInvariant();

    private static bool IsHearingList(PgaList list) =>
        list.Status == ListStatus.Final && list.Kind is ListKind.EcosocNgos or ListKind.OtherStakeholders;
}
