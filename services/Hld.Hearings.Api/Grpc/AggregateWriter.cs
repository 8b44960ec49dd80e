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
        var stored = await repository.ChangeAsync<T>(key, loaded =>
        {
            if (expected is null && loaded is not null && rule == EtagRule.RequiredOnceStored)
            {
                throw new InvalidArgumentException([new FieldViolation("etag", "is required: read the current version and pass its etag")]);
            }

            var stale = expected is { } e && e != (loaded?.Version ?? 0);
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

            return ReferenceEquals(before, after) ? null : new Change<T>(after, [.. events(before, after)]);
        }, expected is null ? AggregateRepository.RequestAttempts : 1, cancellationToken);
        return stored!;
    }
}
