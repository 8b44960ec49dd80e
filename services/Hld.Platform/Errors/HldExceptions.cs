using System.Globalization;
using Hld.Domain;

namespace Hld.Platform.Errors;

/// <summary>
/// The errors a service may raise. Services throw these; <see cref="ErrorMappingInterceptor"/> alone
/// turns them into gRPC statuses, so partners see one error shape everywhere.
/// </summary>
public abstract class HldException(string message) : Exception(message);

/// <summary>A rule of the meeting's resolution refuses the request: FAILED_PRECONDITION with ErrorInfo.</summary>
public sealed class RuleViolationException(RuleViolation violation) : HldException(violation.Message)
{
    public string Reason { get; } = violation.Reason;

    /// <summary>The rule broken; the error interceptor names its paragraph in the definition in force.</summary>
    public Rule Rule { get; } = violation.Rule;

    /// <summary>The message in a culture's language, for the caller's google.rpc.LocalizedMessage (AIP-193).</summary>
    public string In(CultureInfo culture) => violation.In(culture);

    /// <summary>The message in a culture's language, each rule it names written as its paragraph.</summary>
    public string In(CultureInfo culture, Func<Rule, string?> paragraphOf) => violation.In(culture, paragraphOf);
}

/// <summary>One or more fields are malformed: INVALID_ARGUMENT with BadRequest field violations.</summary>
public sealed class InvalidArgumentException(IReadOnlyList<FieldViolation> violations)
    : HldException("The request has invalid fields: " + string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")))
{
    public IReadOnlyList<FieldViolation> Violations { get; } = violations;
}

/// <summary>A field and what is wrong with it.</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>
/// The object does not exist (and the caller may know that): NOT_FOUND with ErrorInfo and a
/// ResourceInfo naming it, the resource type as the contract's message name (hld.registry.v1.Participant).
/// </summary>
public sealed class NotFoundException(string message, string resourceType, string resourceName) : HldException(message)
{
    public string ResourceType { get; } = resourceType;

    public string ResourceName { get; } = resourceName;
}

/// <summary>The caller may not do this, whether or not the object exists: PERMISSION_DENIED.</summary>
public sealed class PermissionDeniedException(string message = "The caller is not allowed to do this.") : HldException(message);

/// <summary>The etag is stale or another writer won the race: ABORTED; read again and retry. The reason says which.</summary>
public sealed class ConcurrencyConflictException(string message = "The object changed since it was read; read it again and retry with the new etag.", string reason = ConcurrencyConflictException.EtagMismatch) : HldException(message)
{
    /// <summary>The object moved since the caller read it (its etag), or another writer won the race.</summary>
    public const string EtagMismatch = "ETAG_MISMATCH";

    /// <summary>A call with the same request_id is still being processed.</summary>
    public const string RequestInProgress = "REQUEST_IN_PROGRESS";

    public string Reason { get; } = reason;
}

/// <summary>A platform condition (not a rule of the resolution) refuses the request: FAILED_PRECONDITION without paragraph.</summary>
public sealed class PlatformPreconditionException(string reason, string message) : HldException(message)
{
    public string Reason { get; } = reason;
}

/// <summary>A limit of the service is reached (open streams): RESOURCE_EXHAUSTED with ErrorInfo; retry later.</summary>
public sealed class ResourceExhaustedException(string reason, string message, int limit) : HldException(message)
{
    public string Reason { get; } = reason;

    public int Limit { get; } = limit;
}

/// <summary>
/// Text a person reads: no NUL or other control character (tab and line breaks aside), and none of
/// the bidirectional controls that make text display in another order than it is stored
/// (U+202A-U+202E, U+2066-U+2069). Left-to-right and right-to-left marks stay allowed: Arabic needs them.
/// </summary>
public static class PlainText
{
    public const string Rule = "must not contain control characters or bidirectional embedding, override or isolate controls";

    public static bool IsPlain(string? value)
    {
        foreach (var c in value ?? string.Empty)
        {
            if ((char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Collects field violations and throws them together.</summary>
public sealed class FieldChecks
{
    private readonly List<FieldViolation> _violations = [];

    public FieldChecks Require(bool condition, string field, string description)
    {
        if (!condition)
        {
            _violations.Add(new FieldViolation(field, description));
        }

        return this;
    }

    public FieldChecks RequireText(string? value, string field, int maxLength = 500) =>
        Require(!string.IsNullOrWhiteSpace(value), field, "is required")
            .Require(value is null || value.Length <= maxLength, field, $"must be at most {maxLength} characters")
            .RequirePlain(value, field);

    /// <summary>Refuses control characters (but tab and line breaks) and the bidirectional embedding, override and isolate controls.</summary>
    public FieldChecks RequirePlain(string? value, string field) =>
        Require(PlainText.IsPlain(value), field, PlainText.Rule);

    /// <summary><see cref="RequirePlain(string?, string)"/> for every text of a localized text.</summary>
    public FieldChecks RequirePlain(IEnumerable<string> values, string field) =>
        Require(values.All(PlainText.IsPlain), field, PlainText.Rule);

    public void ThrowIfAny()
    {
        if (_violations.Count > 0)
        {
            throw new InvalidArgumentException([.. _violations]);
        }
    }
}
