using System.Collections.Immutable;
using Hld.Platform.State;
using Hld.Domain;
using Hld.Registry.Lists;

namespace Hld.Registry.Api.Storage;

/// <summary>A list the registry keeps, as the catalogue names it.</summary>
public sealed record ListReference(string Id, ListKind Kind, DateTimeOffset CreatedAt);

/// <summary>Every list of the dialogue, in creation order. Lists are few (a handful per dialogue), so one key holds them.</summary>
public sealed record ListCatalogue(ImmutableList<ListReference> Lists)
{
    public static ListCatalogue Empty { get; } = new([]);

    /// <summary>The catalogue with the list; null when it is there already.</summary>
    public ListCatalogue? With(ListReference reference) =>
        Lists.Any(l => string.Equals(l.Id, reference.Id, StringComparison.OrdinalIgnoreCase))
            ? null
            : new ListCatalogue([.. Lists.Add(reference).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id, StringComparer.Ordinal)]);
}

/// <summary>The PGA's lists: one aggregate each, plus the catalogue that finds them.</summary>
public sealed class ListStore(AggregateRepository repository)
{
    public Task<Loaded<ParticipantList>?> LoadAsync(string listId, CancellationToken cancellationToken) =>
        repository.LoadAsync<ParticipantList>(RegistryKeys.List(listId), cancellationToken);

    /// <summary>Commits a change at the version it was decided on, with its events; ABORTED when someone else changed the list meanwhile.</summary>
    public async Task<Loaded<ParticipantList>> CommitAsync(long expectedVersion, ListChange change, CancellationToken cancellationToken)
    {
        var version = await repository.CommitAsync(RegistryKeys.List(change.List.Id), expectedVersion, change.List, RegistryEvents.Of(change), cancellationToken);
        return new Loaded<ParticipantList>(change.List, version);
    }

    /// <summary>
    /// Decides a change on the list as stored (null when there is no such list) and commits it with its
    /// events, deciding again on a lost race up to <paramref name="attempts"/> times; no change (null)
    /// commits nothing. Returns the list as stored afterwards.
    /// </summary>
    public Task<Loaded<ParticipantList>?> ChangeAsync(string listId, Func<ParticipantList?, ListChange?> decide, int attempts, CancellationToken cancellationToken) =>
        repository.ChangeAsync<ParticipantList>(RegistryKeys.List(listId), stored =>
            decide(stored?.Value) is { } change ? new Change<ParticipantList>(change.List, [.. RegistryEvents.Of(change)]) : null,
            attempts, cancellationToken);

    public async Task<ListCatalogue> CatalogueAsync(CancellationToken cancellationToken) =>
        (await repository.LoadAsync<ListCatalogue>(RegistryKeys.ListCatalogue, cancellationToken))?.Value ?? ListCatalogue.Empty;

    /// <summary>Adds a list to the catalogue; idempotent, so the request path and the event consumer may both do it.</summary>
    public Task AddToCatalogueAsync(ListReference reference, CancellationToken cancellationToken) =>
        repository.ChangeAsync<ListCatalogue>(RegistryKeys.ListCatalogue, current =>
            (current?.Value ?? ListCatalogue.Empty).With(reference) is { } next ? new Change<ListCatalogue>(next, []) : null,
            AggregateRepository.UntilCommitted, cancellationToken);

    public async Task<IReadOnlyList<Loaded<ParticipantList>>> OfKindAsync(ListKind kind, CancellationToken cancellationToken)
    {
        var catalogue = await CatalogueAsync(cancellationToken);
        var lists = await Task.WhenAll(catalogue.Lists.Where(l => l.Kind == kind).Select(l => LoadAsync(l.Id, cancellationToken)));
        return [.. lists.OfType<Loaded<ParticipantList>>()];
    }
}
