using System.Runtime.CompilerServices;
using System.Security.Claims;
using Grpc.Core;
using Hld.Platform.Errors;

namespace Hld.Platform.Security;

/// <summary>
/// The named policies of the RPCs (docs/security.md). Every method names one, or roles, or is
/// anonymous; a bare <c>[Authorize]</c> means <see cref="Participants"/>, the default policy.
/// </summary>
public static class Policies
{
    /// <summary>Anyone of the Dialogue with a known role: every role but the operator, who runs the system and reads no content.</summary>
    public const string Participants = "participants";

    /// <summary>Any known role, the operator included (the clock).</summary>
    public const string AnyRole = "any-role";

    public static readonly IReadOnlyList<string> ParticipantRoles =
        [Roles.PgaOffice, Roles.Secretariat, Roles.MemberState, Roles.Observer, Roles.Stakeholder, Roles.ReportingReader];
}

/// <summary>Who is calling, as the services need it for object-level checks: every role the token carries.</summary>
public sealed record Caller(string Subject, IReadOnlySet<string> Roles, string? ParticipantId)
{
    public bool Is(string role) => Roles.Contains(role);

    /// <summary>True when the caller acts for <paramref name="participantId"/> (a State for itself, an NGO for its registration).</summary>
    public bool ActsFor(string participantId) => string.Equals(ParticipantId, participantId, StringComparison.OrdinalIgnoreCase);

    /// <summary>Refuses, with the same answer whether or not the object exists, unless the caller acts for it.</summary>
    public void EnsureActsFor(string participantId)
    {
        if (!ActsFor(participantId))
        {
            throw new PermissionDeniedException("The caller does not act for this participant.");
        }
    }

    // The callers of principals that no longer change: those of validated tokens, which every call with
    // the same token shares (ValidatedTokenCache). Kept as long as the principal is.
    private static readonly ConditionalWeakTable<ClaimsPrincipal, Caller> Settled = new();

    public static Caller From(ClaimsPrincipal user) => Settled.TryGetValue(user, out var settled) ? settled : Read(user);

    /// <summary>
    /// Reads the caller of <paramref name="user"/> once for all the calls that will share the principal;
    /// only for a principal no one changes any more.
    /// </summary>
    internal static void Settle(ClaimsPrincipal user) => Settled.AddOrUpdate(user, Read(user));

    private static Caller Read(ClaimsPrincipal user) => new(
        user.FindFirst(HldClaims.Subject)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "anonymous",
        user.FindAll(HldClaims.Role).Concat(user.FindAll(ClaimTypes.Role)).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
        user.FindFirst(HldClaims.Participant)?.Value);

    public static Caller From(ServerCallContext context) => From(context.GetHttpContext().User);
}
