using Hld.Platform.Errors;

namespace Hld.Domain;

/// <summary>
/// Where a domain's refusal becomes the platform's <see cref="RuleViolationException"/>, which the
/// error interceptor turns into FAILED_PRECONDITION with an ErrorInfo naming the paragraph.
/// </summary>
public static class DecisionExtensions
{
    public static T OrThrow<T>(this Decision<T> decision) =>
        decision.IsAccepted
            ? decision.Value
            : throw new RuleViolationException(decision.Violation!);
}
