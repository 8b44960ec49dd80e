using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Hld.Console.Tests;

public sealed class HostTests
{
    private static WebApplicationFactory<Program> Host(string environment, string? authority = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment(environment);
            if (authority is not null)
            {
                host.UseSetting("Hld:Auth:Authority", authority);
            }
        });

    [Fact]
    public void Outside_Development_the_console_will_not_start_without_the_authority_it_signs_in_against()
    {
        using var host = Host("Production");

        var failure = Assert.ThrowsAny<InvalidOperationException>(() => host.CreateClient());
        Assert.Contains("Hld:Auth:Authority", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_from_the_desk_and_the_dashboard()
    {
        using var host = Host("Testing");
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        foreach (var page in new[] { "/desk", "/dashboard" })
        {
            using var response = await client.GetAsync(new Uri(page, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/signin?ReturnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_answer_carries_the_content_security_policy_without_inline_script()
    {
        using var host = Host("Testing");
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/signin", UriKind.Relative));
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chosen_language_is_kept_for_a_year_by_max_age_and_an_unknown_one_sets_nothing()
    {
        using var host = Host("Testing");
        using var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var page = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        async Task<HttpResponseMessage> ChooseAsync(string lang) =>
            await client.PostAsync(new Uri("/language", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["lang"] = lang, ["returnUrl"] = "/desk", ["__RequestVerificationToken"] = token,
            }));

        using var chosen = await ChooseAsync("fr");
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        Assert.Equal("/desk", chosen.Headers.Location!.OriginalString);
        var cookie = Assert.Single(chosen.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Contains("c%3Dfr%7Cuic%3Dfr", cookie, StringComparison.Ordinal);
        Assert.Contains("max-age=31536000", cookie, StringComparison.OrdinalIgnoreCase);

        using var unknown = await ChooseAsync("de");
        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.False(unknown.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal)));
    }
}
