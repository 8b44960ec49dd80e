using Grpc.Core;
using Hld.Testing;

namespace Hld.Functional.Tests;

internal static class ReportingTestKit
{
    /// <summary>
    /// Repeats a call that reporting refuses while the registry's event about the contributor has not
    /// reached it yet (FAILED_PRECONDITION), until it is answered.
    /// </summary>
    public static async Task<T> OnceContributorKnownAsync<T>(Func<Task<T>> call, string what)
        where T : class
    {
        var answer = await Eventually.Until(
            async () =>
            {
                try
                {
                    return await call();
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
                {
                    return null; // reporting has not yet learned of the contributor
                }
            },
            a => a is not null, what: what);
        return answer!;
    }
}
