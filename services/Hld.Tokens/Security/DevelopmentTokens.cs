using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Hld.Platform.Security;

/// <summary>
/// Signs tokens with the shared development key (<c>Hld:Auth:SigningKey</c>). Production validates
/// tokens from an OIDC authority instead (<c>Hld:Auth:Authority</c>) and never sees this key.
/// </summary>
public static class DevelopmentTokens
{
    public const string Issuer = "hld-dev";
    /// <summary>The services' audience; <c>AuthOptions.DefaultAudience</c> is this value.</summary>
    public const string Audience = "hld-services";

    /// <summary>The key `./hld up` and the tests use; never valid outside Development and Testing.</summary>
    public const string DefaultSigningKey = "hld-development-signing-key-not-for-production-use-0001";

    public static SymmetricSecurityKey Key(string signingKey) => new(Encoding.UTF8.GetBytes(signingKey));

    public static string Create(string role, string? participantId, string signingKey = DefaultSigningKey, TimeSpan? lifetime = null, string? subject = null)
    {
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"Unknown role '{role}'. Roles: {string.Join(", ", Roles.All)}.", nameof(role));
        }

        var claims = new Dictionary<string, object>
        {
            [HldClaims.Subject] = subject ?? $"{role}:{participantId ?? "-"}",
            [HldClaims.Role] = role,
        };
        if (!string.IsNullOrEmpty(participantId))
        {
            claims[HldClaims.Participant] = participantId;
        }

        // Real time on purpose: JwtBearer checks lifetimes against the real clock, not the manual one.
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromHours(12)),
            SigningCredentials = new SigningCredentials(Key(signingKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
