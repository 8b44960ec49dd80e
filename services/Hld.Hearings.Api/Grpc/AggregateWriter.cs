using Google.Protobuf;
using Hld.Domain;
using Hld.Platform.Errors;
using Hld.Platform.State;

namespace Hld.Hearings.Api.Grpc;

/// <summary>How a write treats the etag the partner sent.</summary>
internal enum EtagRule
{
    /// <summary>Optional: when given, a stale one is ABORTED; when absent, a lost race is decided again on fresh state.</summary>
    Optional,

    /// <summary>Required once the aggregate exists (revising a text someone else may have changed).</summary>
    RequiredOnceStored,
}

/// <summary>
/// Load, decide, commit with events, for one aggregate. A request with an etag is decided on exactly
/// the version it read (stale: ABORTED). A request without one carries no read to protect, so a lost
/// compare-and-set race is decided again on the fresh state: the rule is re-checked, never bypassed.
/// </summary>
public sealed class AggregateWriter(AggregateRepository repository)
{
    private const int MaxAttempts = 8;

    internal async Task<Loaded<T>> WriteAsync<T>(
        string key,
        string etag,
        EtagRule rule,
        Func<T?, Decision<T>> decide,
        Func<T?, T, IEnumerable<IMessage>> events,
        CancellationToken cancellationToken)
        where T : class
    {
        long? expected = etag.Length > 0 ? AggregateRepository.ParseEtag(etag) : null;
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await repository.LoadAsync<T>(key, cancellationToken);
            var version = loaded?.Version ?? 0;
            if (expected is null && loaded is not null && rule == EtagRule.RequiredOnceStored)
            {
                throw new InvalidArgumentException([new FieldViolation("etag", "is required: read the current version and pass its etag")]);
            }

            var stale = expected is { } e && e != version;
            if (stale && loaded is not null)
            {
                throw new ConcurrencyConflictException();
            }

            // Nothing stored yet: the rule's answer (e.g. "not scheduled") tells the partner more than ABORTED would.
            var before = loaded?.Value;
            var after = decide(before).OrThrow();
            if (stale)
            {
                throw new ConcurrencyConflictException();
            }

            if (ReferenceEquals(before, after))
            {
                return loaded!;
            }

            try
            {
                var committed = await repository.CommitAsync(key, version, after, events(before, after), cancellationToken);
                return new Loaded<T>(after, committed);
            }
            catch (ConcurrencyConflictException) when (expected is null && attempt < MaxAttempts)
            {
                // Someone else wrote first; decide again on what they wrote.
            }
        }
    }
}
