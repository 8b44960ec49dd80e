using System.Collections.Immutable;
using Google.Protobuf;
using Hld.Domain;
using Hld.Platform.Errors;
using Hld.Platform.State;
using Hld.Registry.Indexing;
using Hld.Registry.Participants;
using Hld.Registry.Reference;

namespace Hld.Registry.Api.Storage;

/// <summary>
/// Participants and their index (see <see cref="ParticipantIndex"/> and docs/decisions/031). Registering
/// draws the participant's sequence numbers first, then commits the participant with them and its event,
/// then fills the index slots. The slots are filled again, idempotently, by the registry's own consumer of
/// ParticipantRegistered, so a crash between the commit and the slots heals.
/// </summary>
public sealed class ParticipantDirectory(AggregateRepository repository, ReferenceCatalogue catalogue, TimeProvider clock)
{
    /// <summary>Chunks a page may read beyond what it needs, so skipped slots never make a page expensive.</summary>
    private const int SpareChunkReads = 2;

    public ReferenceCatalogue Catalogue => catalogue;

    public Task<Loaded<Participant>?> LoadAsync(string participantId, CancellationToken cancellationToken) =>
        repository.LoadAsync<Participant>(RegistryKeys.Participant(participantId), cancellationToken);

    /// <summary>Registers a participant under the rules of paras 4-9 and 12, with its index positions and its event.</summary>
    public async Task<Loaded<Participant>> RegisterAsync(Participant candidate, CancellationToken cancellationToken)
    {
        var key = RegistryKeys.Participant(candidate.Id);
        var existing = await repository.LoadAsync<Participant>(key, cancellationToken);
        var registered = ParticipantRegistration.Register(existing?.Value, candidate, catalogue, clock.GetUtcNow()).OrThrow();
        return await CommitNewAsync(key, registered, cancellationToken);
    }

    /// <summary>Loads one reference participant: registers it if absent, else leaves it and says how it compares.</summary>
    public async Task<ReferenceLoadOutcome> LoadReferenceAsync(Participant reference, CancellationToken cancellationToken)
    {
        var key = RegistryKeys.Participant(reference.Id);
        while (true)
        {
            var existing = await repository.LoadAsync<Participant>(key, cancellationToken);
            var (outcome, registered) = ParticipantRegistration.Load(existing?.Value, reference, clock.GetUtcNow());
            if (registered is null)
            {
                return outcome;
            }

            try
            {
                await CommitNewAsync(key, registered, cancellationToken);
                return outcome;
            }
            catch (ConcurrencyConflictException)
            {
                // Another replica loaded it first: read it again and compare.
            }
        }
    }

    public async Task<Loaded<Participant>> UpdateAsync(Loaded<Participant> current, Participant updated, IEnumerable<IMessage> events, CancellationToken cancellationToken)
    {
        var version = await repository.CommitAsync(RegistryKeys.Participant(updated.Id), current.Version, updated, events, cancellationToken);
        return new Loaded<Participant>(updated, version);
    }

    /// <summary>Fills the participant's index slots; writing a slot already written changes nothing.</summary>
    public async Task WriteIndexAsync(Participant participant, CancellationToken cancellationToken)
    {
        foreach (var (facet, sequence) in participant.IndexPositions)
        {
            var (chunk, slot) = ParticipantIndex.PositionOf(sequence);
            var key = RegistryKeys.IndexChunk(facet, chunk);
            while (true)
            {
                var current = await repository.LoadAsync<IndexChunk>(key, cancellationToken);
                var next = (current?.Value ?? IndexChunk.Empty).With(slot, participant.Id);
                if (next is null)
                {
                    break;
                }

                try
                {
                    await repository.CommitAsync(key, current?.Version ?? 0, next, [], cancellationToken);
                    break;
                }
                catch (ConcurrencyConflictException)
                {
                    // Another registration wrote a neighbouring slot: read the chunk again.
                }
            }
        }
    }

    /// <summary>
    /// One page of a facet: reads the facet's last sequence number, the one or two chunks the page spans
    /// (a bounded few more if slots are empty), and the page's participants. Nothing else.
    /// </summary>
    public async Task<(IReadOnlyList<Loaded<Participant>> Page, string NextPageToken)> PageAsync(
        ParticipantCategory? category, RegionalGroup? group, int pageSize, string pageToken, CancellationToken cancellationToken)
    {
        var facet = ParticipantIndex.Facet(category, group);
        var scope = $"participants/{facet}";
        var next = Math.Max(1, PageTokens.Decode(pageToken, scope)
            ?? throw new InvalidArgumentException([new FieldViolation("page_token", "is not a token of this query (same filters) from a previous page")]));
        var last = (await repository.LoadAsync<long>(RegistryKeys.IndexSequence(facet), cancellationToken))?.Value ?? 0;

        var ids = new List<string>(pageSize);
        var chunkReads = (pageSize / ParticipantIndex.ChunkSize) + 1 + SpareChunkReads;
        while (ids.Count < pageSize && next <= last && chunkReads-- > 0)
        {
            var (chunk, slot) = ParticipantIndex.PositionOf(next);
            var stored = await repository.LoadAsync<IndexChunk>(RegistryKeys.IndexChunk(facet, chunk), cancellationToken);
            next = ParticipantIndex.FirstSequenceOf(chunk + 1);
            foreach (var entry in stored?.Value.Slots.Where(s => s.Slot >= slot) ?? [])
            {
                if (ids.Count == pageSize)
                {
                    next = ParticipantIndex.FirstSequenceOf(chunk) + entry.Slot;
                    break;
                }

                ids.Add(entry.ParticipantId);
            }
        }

        var participants = await Task.WhenAll(ids.Select(id => LoadAsync(id, cancellationToken)));
        return ([.. participants.OfType<Loaded<Participant>>()], next <= last ? PageTokens.Encode(scope, next) : string.Empty);
    }

    /// <summary>Participants by category and regional group, counted from the filled slots of each facet.</summary>
    public async Task<IReadOnlyList<ParticipantCount>> CountAsync(CancellationToken cancellationToken)
    {
        var cells = Enum.GetValues<ParticipantCategory>().Where(c => c != ParticipantCategory.Unspecified)
            .SelectMany(c => Enum.GetValues<RegionalGroup>().Where(g => g != RegionalGroup.Unspecified).Select(g => (Category: c, Group: g)))
            .ToList();
        var counts = await Task.WhenAll(cells.Select(async cell =>
        {
            var facet = ParticipantIndex.Facet(cell.Category, cell.Group);
            var last = (await repository.LoadAsync<long>(RegistryKeys.IndexSequence(facet), cancellationToken))?.Value ?? 0;
            var chunks = last == 0 ? 0 : ParticipantIndex.PositionOf(last).Chunk + 1;
            var filled = 0;
            for (var chunk = 0L; chunk < chunks; chunk++)
            {
                filled += (await repository.LoadAsync<IndexChunk>(RegistryKeys.IndexChunk(facet, chunk), cancellationToken))?.Value.Slots.Count ?? 0;
            }

            return new ParticipantCount(cell.Category, cell.Group, filled);
        }));
        return [.. counts.Where(c => c.Count > 0)];
    }

    private async Task<Loaded<Participant>> CommitNewAsync(string key, Participant registered, CancellationToken cancellationToken)
    {
        var positions = ImmutableDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        foreach (var facet in ParticipantIndex.FacetsOf(registered))
        {
            positions[facet] = await repository.UpdateAsync<long>(RegistryKeys.IndexSequence(facet), n => n + 1, cancellationToken);
        }

        var indexed = registered with { IndexPositions = positions.ToImmutable() };
        var version = await repository.CommitAsync(key, 0, indexed, [RegistryEvents.Registered(indexed)], cancellationToken);
        await WriteIndexAsync(indexed, cancellationToken);
        return new Loaded<Participant>(indexed, version);
    }
}
