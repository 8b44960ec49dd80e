using Grpc.Core;
using Hld.Platform.Security;

namespace Hld.Testing;

/// <summary>Call metadata carrying a development token for a role and participant.</summary>
public static class TestTokens
{
    public static Metadata As(string role, string? participantId = null) =>
        new() { { "authorization", "Bearer " + DevelopmentTokens.Create(role, participantId) } };

    public static CallOptions Call(string role, string? participantId = null) => new(headers: As(role, participantId));
}
