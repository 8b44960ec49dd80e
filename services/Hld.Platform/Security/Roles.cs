using System.Security.Claims;
using Grpc.Core;
using Hld.Platform.Errors;

namespace Hld.Platform.Security;

/// <summary>The actors of MANDATES.md, as the values of the <c>role</c> claim.</summary>
public static class Roles
{
    public const string PgaOffice = "pga-office";
    public const string Secretariat = "secretariat";
    public const string MemberState = "member-state";
    public const string Observer = "observer";
    public const string Stakeholder = "stakeholder";
    public const string ReportingReader = "reporting-reader";
    public const string Operator = "operator";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        PgaOffice, Secretariat, MemberState, Observer, Stakeholder, ReportingReader, Operator,
    };
}

/// <summary>The claim types our tokens carry.</summary>
public static class HldClaims
{
    public const string Role = "role";
    public const string Participant = "participant";
    public const string Subject = "sub";
}

/// <summary>Who is calling, as the services need it for object-level checks.</summary>
public sealed record Caller(string Subject, string Role, string? ParticipantId)
{
    public bool Is(string role) => string.Equals(Role, role, StringComparison.Ordinal);

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

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirst(HldClaims.Subject)?.Value ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? "anonymous",
        user.FindFirst(HldClaims.Role)?.Value ?? user.FindFirst(ClaimTypes.Role)?.Value ?? string.Empty,
        user.FindFirst(HldClaims.Participant)?.Value);

    public static Caller From(ServerCallContext context) => From(context.GetHttpContext().User);
}
