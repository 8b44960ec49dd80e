using System.Security.Claims;
using Hld.Platform.Security;
using Hld.Platform.Time;
using Xunit;

namespace Hld.Platform.Tests.Security;

public sealed class ValidatedTokenCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private static ClaimsPrincipal Principal(string subject) => new(new ClaimsIdentity([new Claim("sub", subject)], "test"));

    [Fact]
    public void A_validated_token_gives_its_principal_until_it_expires()
    {
        var time = new ManualTimeProvider(Now);
        var cache = new ValidatedTokenCache(time);
        var principal = Principal("secretariat-1");
        cache.Add("token-a", principal, Now.AddMinutes(2));

        Assert.Same(principal, cache.Find("token-a"));
        Assert.Null(cache.Find("token-b"));
        Assert.True(time.TryMoveTo(Now.AddMinutes(2)));
        Assert.Null(cache.Find("token-a"));
    }

    [Fact]
    public void A_long_lived_token_is_kept_no_longer_than_the_cap_and_an_expired_one_not_at_all()
    {
        var time = new ManualTimeProvider(Now);
        var cache = new ValidatedTokenCache(time);
        cache.Add("long", Principal("a"), Now.AddHours(8));
        cache.Add("expired", Principal("b"), Now.AddSeconds(-1));

        Assert.NotNull(cache.Find("long"));
        Assert.Null(cache.Find("expired"));
        Assert.True(time.TryMoveTo(Now + ValidatedTokenCache.MaxLifetime));
        Assert.Null(cache.Find("long"));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void The_caller_of_a_validated_token_is_read_once_for_every_call_that_shares_its_principal()
    {
        var cache = new ValidatedTokenCache(new ManualTimeProvider(Now));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(HldClaims.Subject, "desk-1"), new Claim(HldClaims.Role, Roles.Secretariat), new Claim(HldClaims.Participant, "FRA")], "test"));
        var unsettled = (Caller.From(principal), Caller.From(principal));
        cache.Add("token-c", principal, Now.AddMinutes(2));

        var shared = Caller.From(cache.Find("token-c")!);

        Assert.NotSame(unsettled.Item1, unsettled.Item2);
        Assert.Same(shared, Caller.From(principal));
        Assert.Equal(("desk-1", "FRA"), (shared.Subject, shared.ParticipantId));
        Assert.True(shared.Is(Roles.Secretariat) && shared.ActsFor("FRA"));
    }
}
