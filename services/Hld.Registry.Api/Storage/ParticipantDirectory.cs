using Google.Protobuf;
using Hld.Domain;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.State;
using Hld.Registry.Indexing;
using Hld.Registry.Participants;
using Hld.Registry.Reference;

namespace Hld.Registry.Api.Storage;

/// <summary>
/// Participants and their index (see <see cref="ParticipantIndex"/> and docs/decisions/031 and 004). Registering
/// is one read and one commit: the participant, its ParticipantRegistered event and its place at the end of
/// each of its four facets, all or nothing on stores that commit atomically. On a store that does not (Dapr),
/// the registry's own consumer of ParticipantRegistered appends it again, which changes nothing where it is listed.
/// </summary>
public sealed class ParticipantDirectory(AggregateRepository repository, IAggregateStore store, ReferenceCatalogue catalogue, TimeProvider clock)
{
    public ReferenceCatalogue Catalogue => catalogue;

    public Task<Loaded<Participant>?> LoadAsync(string participantId, CancellationToken cancellationToken) =>
        repository.LoadAsync<Participant>(RegistryKeys.Participant(participantId), cancellationToken);

    /// <summary>Registers a participant under the rules of paras 4-9 and 12, with its index entries and its event.</summary>
    public async Task<Loaded<Participant>> RegisterAsync(Participant candidate, CancellationToken cancellationToken) =>
        (await repository.ChangeAsync<Participant>(RegistryKeys.Participant(candidate.Id), existing =>
            NewParticipant(ParticipantRegistration.Register(existing?.Value, candidate, catalogue, clock.GetUtcNow()).OrThrow()),
            AggregateRepository.RequestAttempts, cancellationToken))!;

    /// <summary>Loads one reference participant: registers it if absent, else leaves it and says how it compares.</summary>
    public async Task<ReferenceLoadOutcome> LoadReferenceAsync(Participant reference, CancellationToken cancellationToken)
    {
        // Another replica may load it first: the lost race reads theirs and compares.
        var outcome = default(ReferenceLoadOutcome);
        await repository.ChangeAsync<Participant>(RegistryKeys.Participant(reference.Id), existing =>
        {
            (outcome, var registered) = ParticipantRegistration.Load(existing?.Value, reference, clock.GetUtcNow());
            return registered is null ? null : NewParticipant(registered);
        }, AggregateRepository.UntilCommitted, cancellationToken);
        return outcome;
    }

    public async Task<Loaded<Participant>> UpdateAsync(Loaded<Participant> current, Participant updated, IEnumerable<IMessage> events, CancellationToken cancellationToken)
    {
        var version = await repository.CommitAsync(RegistryKeys.Participant(updated.Id), current.Version, updated, events, cancellationToken);
        return new Loaded<Participant>(updated, version);
    }

    /// <summary>Lists the participant in its four facets; listing it where it is already listed changes nothing.</summary>
    public async Task WriteIndexAsync(Participant participant, CancellationToken cancellationToken)
    {
        foreach (var append in IndexAppendsOf(participant))
        {
            await store.AppendAsync(append, cancellationToken);
        }
    }

    /// <summary>
    /// One page of a facet: one read of the index from where the page starts (one more entry than the
    /// page, to know whether another page follows) and one read of the page's participants. Nothing else.
    /// </summary>
    public async Task<(IReadOnlyList<Loaded<Participant>> Page, string NextPageToken)> PageAsync(
        ParticipantCategory? category, RegionalGroup? group, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var facet = ParticipantIndex.Facet(category, group);
        var scope = $"participants/{facet}";
        var checks = new FieldChecks();
        var next = Math.Max(1, checks.Position(pageToken, scope));
        checks.ThrowIfAny();
        var entries = await store.ReadIndexAsync(RegistryKeys.ParticipantIndex(facet), next - 1, pageSize + 1, cancellationToken);
        var page = entries.Take(pageSize).ToList();
        var participants = await repository.LoadManyAsync<Participant>([.. page.Select(e => RegistryKeys.Participant(e.Member))], cancellationToken);
        var token = entries.Count > pageSize ? Paging.Token(scope, entries[pageSize].Position) : string.Empty;
        return ([.. participants.OfType<Loaded<Participant>>()], token);
    }

    /// <summary>Participants by category and regional group: the length of each category-and-group facet.</summary>
    public async Task<IReadOnlyList<ParticipantCount>> CountAsync(CancellationToken cancellationToken)
    {
        var cells = Enum.GetValues<ParticipantCategory>().Where(c => c != ParticipantCategory.Unspecified)
            .SelectMany(c => Enum.GetValues<RegionalGroup>().Where(g => g != RegionalGroup.Unspecified).Select(g => (Category: c, Group: g)))
            .ToList();
        var counts = await Task.WhenAll(cells.Select(async cell =>
            new ParticipantCount(cell.Category, cell.Group, (int)await store.IndexLengthAsync(RegistryKeys.ParticipantIndex(ParticipantIndex.Facet(cell.Category, cell.Group)), cancellationToken))));
        return [.. counts.Where(c => c.Count > 0)];
    }

    private static IReadOnlyList<IndexAppend> IndexAppendsOf(Participant participant) =>
        [.. ParticipantIndex.FacetsOf(participant).Select(facet => new IndexAppend(RegistryKeys.ParticipantIndex(facet), participant.Id))];

    private static Change<Participant> NewParticipant(Participant registered) =>
        new(registered, [RegistryEvents.Registered(registered)]) { Appends = IndexAppendsOf(registered) };
}
