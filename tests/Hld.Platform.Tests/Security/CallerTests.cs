using System.Security.Claims;
using Hld.Platform.Security;
using Xunit;

namespace Hld.Platform.Tests.Security;

public sealed class CallerTests
{
    [Fact]
    public void A_caller_with_two_role_claims_has_both_roles_and_a_missing_one_has_none()
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(HldClaims.Subject, "desk-1"), new Claim(HldClaims.Role, Roles.Secretariat), new Claim(HldClaims.Role, Roles.ReportingReader), new Claim(HldClaims.Participant, "FRA")],
            "test", HldClaims.Subject, HldClaims.Role));

        var caller = Caller.From(principal);
        var nobody = Caller.From(new ClaimsPrincipal(new ClaimsIdentity()));

        // Before, only the first role claim was read, and the second role was lost.
        Assert.True(caller.Is(Roles.Secretariat));
        Assert.True(caller.Is(Roles.ReportingReader));
        Assert.False(caller.Is(Roles.Operator));
        Assert.True(caller.ActsFor("fra"));
        Assert.Equal(("desk-1", 0), (caller.Subject, nobody.Roles.Count));
        Assert.Equal("anonymous", nobody.Subject);
    }
}
