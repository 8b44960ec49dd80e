using Hld.Platform.Api;
using Hld.Platform.Errors;
using Xunit;

namespace Hld.Platform.Tests.Api;

/// <summary>The one AIP-158 paging every service uses.</summary>
public sealed class PagingTests
{
    private static readonly IReadOnlyList<int> Items = [.. Enumerable.Range(1, 7)];

    [Fact]
    public void Pages_follow_each_other_to_the_end_and_the_last_has_no_token()
    {
        var (first, token) = Paging.Page(Items, 3, "", "numbers");
        var (second, token2) = Paging.Page(Items, 3, token, "numbers");
        var (third, end) = Paging.Page(Items, 3, token2, "numbers");

        Assert.Equal([1, 2, 3, 4, 5, 6, 7], first.Concat(second).Concat(third));
        Assert.Empty(end);
    }

    [Fact]
    public void A_token_of_another_query_or_filter_is_refused()
    {
        var (_, token) = Paging.Page(Items, 2, "", "participants/AFRICAN_STATES");

        var other = Assert.Throws<InvalidArgumentException>(() => Paging.Page(Items, 2, token, "participants/ASIA_PACIFIC_STATES"));
        var garbage = Assert.Throws<InvalidArgumentException>(() => Paging.Page(Items, 2, "not a token!", "participants/AFRICAN_STATES"));

        Assert.Equal(["page_token"], other.Violations.Select(v => v.Field));
        Assert.Equal(["page_token"], garbage.Violations.Select(v => v.Field));
    }

    [Fact]
    public void Zero_is_the_default_size_an_oversize_is_the_maximum_and_a_negative_is_refused()
    {
        var checks = new FieldChecks();

        Assert.Equal(Paging.DefaultSize, checks.Size(0));
        Assert.Equal(Paging.MaxSize, checks.Size(10_000));
        Assert.Equal(500, checks.Size(10_000, maximum: 500));
        checks.ThrowIfAny();
        Assert.Equal(["page_size"], Assert.Throws<InvalidArgumentException>(() => Paging.Page(Items, -1, "", "numbers")).Violations.Select(v => v.Field));
    }

    [Fact]
    public void A_token_carries_its_position_and_is_url_safe()
    {
        var token = Paging.Token("dead-letters", 1_234_567);
        var checks = new FieldChecks();

        Assert.Equal(1_234_567, checks.Position(token, "dead-letters"));
        Assert.DoesNotContain(token, c => c is '+' or '/' or '=');
        checks.ThrowIfAny();
    }

    [Fact]
    public void A_key_token_carries_the_last_key_for_its_query_only()
    {
        var token = Paging.KeyToken("documents/1", "A/67/254");
        var checks = new FieldChecks();

        Assert.Equal("A/67/254", checks.After(token, "documents/1"));
        Assert.Equal(string.Empty, checks.After("", "documents/1"));
        checks.ThrowIfAny();
        var other = new FieldChecks();
        other.After(token, "documents/19");
        Assert.Equal(["page_token"], Assert.Throws<InvalidArgumentException>(other.ThrowIfAny).Violations.Select(v => v.Field));
    }
}
