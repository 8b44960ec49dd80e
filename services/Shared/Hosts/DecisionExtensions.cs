// Linked into every host: where a domain's refusal becomes the platform's RuleViolationException,
// which the error interceptor turns into FAILED_PRECONDITION + ErrorInfo naming the paragraph.
using Hld.Platform.Errors;

namespace Hld.Domain;

internal static class DecisionExtensions
{
    public static T OrThrow<T>(this Decision<T> decision) =>
        decision.IsAccepted
            ? decision.Value
            : throw new RuleViolationException(decision.Violation!.Reason, decision.Violation.Paragraph, decision.Violation.Message);
}
