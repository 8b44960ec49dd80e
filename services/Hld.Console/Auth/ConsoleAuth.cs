using System.Security.Claims;
using Hld.Console.Api;
using Hld.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Hld.Console.Auth;

/// <summary>
/// Sign-in: a cookie holds the person's API token (encrypted by data protection, never in a page). In
/// Development and Testing the role picker signs a development token; elsewhere OpenID Connect against
/// <c>Hld:Auth:Authority</c>, the authority the services trust, whose access token the console forwards.
/// </summary>
public static class ConsoleAuth
{
    public const string Desk = "desk";
    public const string Dashboard = "dashboard";

    public static bool DevelopmentSignIn(this IHostEnvironment environment) => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    public static void AddConsoleAuth(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.DevelopmentSignIn();
        var authentication = builder.Services.AddAuthentication(options =>
        {
            options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.DefaultChallengeScheme = development ? CookieAuthenticationDefaults.AuthenticationScheme : OpenIdConnectDefaults.AuthenticationScheme;
        }).AddCookie(options =>
        {
            options.LoginPath = "/signin";
            options.AccessDeniedPath = "/denied";
            options.Cookie.Name = "hld-console";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = false;
        });
        if (!development)
        {
            var authority = builder.Configuration["Hld:Auth:Authority"];
            if (string.IsNullOrEmpty(authority))
            {
                throw new InvalidOperationException("Outside Development the console signs in with OpenID Connect: set Hld:Auth:Authority (and Hld:Console:Oidc:ClientId, ClientSecret).");
            }

            authentication.AddOpenIdConnect(options =>
            {
                options.Authority = authority;
                options.ClientId = builder.Configuration["Hld:Console:Oidc:ClientId"];
                options.ClientSecret = builder.Configuration["Hld:Console:Oidc:ClientSecret"];
                options.ResponseType = "code";
                options.UsePkce = true;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.TokenValidationParameters.NameClaimType = HldClaims.Subject;
                options.TokenValidationParameters.RoleClaimType = HldClaims.Role;
                options.Scope.Add(builder.Configuration["Hld:Console:Oidc:Scope"] ?? "openid");
                // The API's audience: the access token forwarded must be one the services accept.
                options.Resource = builder.Configuration["Hld:Auth:Audience"] ?? DevelopmentTokens.Audience;
            });
        }

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Desk, policy => policy.RequireRole(Roles.PgaOffice, Roles.Secretariat))
            .AddPolicy(Dashboard, policy => policy.RequireRole(Roles.ReportingReader, Roles.PgaOffice, Roles.Secretariat));
    }

    /// <summary>Development only: the principal and the cookie for a development token of <paramref name="role"/>.</summary>
    public static async Task SignInWithDevelopmentTokenAsync(this HttpContext http, string role, string? participant, string signingKey)
    {
        var token = DevelopmentTokens.Create(role, participant, signingKey, TimeSpan.FromHours(8));
        var claims = new List<Claim> { new(HldClaims.Subject, $"{role}:{participant ?? "-"}"), new(HldClaims.Role, role) };
        if (!string.IsNullOrEmpty(participant))
        {
            claims.Add(new Claim(HldClaims.Participant, participant));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, "development-token", HldClaims.Subject, HldClaims.Role));
        var properties = new AuthenticationProperties();
        properties.StoreTokens([new AuthenticationToken { Name = CallerCredentials.TokenName, Value = token }]);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, properties);
    }
}
