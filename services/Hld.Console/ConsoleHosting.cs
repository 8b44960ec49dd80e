using System.Globalization;
using Hld.Console.Api;
using Microsoft.AspNetCore.Antiforgery;
using Hld.Console.Auth;
using Hld.Console.Hall;
using Hld.Console.Texts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace Hld.Console;

/// <summary>The console's registrations and endpoints, so Program.cs reads as a table of contents.</summary>
public static class ConsoleHosting
{
    /// <summary>
    /// Scripts and styles from the host's own files only: no inline script, no CDN, nothing fetched from
    /// elsewhere; the Hall's event stream and fragments are same-origin.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; font-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void AddConsole(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ApiOptions>(builder.Configuration.GetSection(ApiOptions.Section));
        builder.Services.Configure<HallIdentityOptions>(builder.Configuration.GetSection(HallIdentityOptions.Section));
        builder.Services.AddSingleton<ConsoleApi>();
        builder.Services.AddSingleton(Labels.Load());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient();
        builder.Services.AddSingleton<HallIdentity>();
        builder.Services.AddSingleton<HallWatch>();
        builder.Services.AddHostedService(services => services.GetRequiredService<HallWatch>());
        builder.AddConsoleAuth();
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizePage("/Desk", ConsoleAuth.Desk);
            options.Conventions.AuthorizePage("/Dashboard", ConsoleAuth.Dashboard);
        });
        builder.Services.AddAntiforgery(options => options.Cookie.Name = "hld-console-af");
        builder.Services.AddHealthChecks();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Languages.All.Select(tag => new CultureInfo(tag)).ToList();
            options.DefaultRequestCulture = new RequestCulture(Languages.Fallback);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders.Insert(0, new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" });
        });
    }

    public static void MapConsole(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error");
        }

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            await next();
        });
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapRazorPages();
        app.MapGet("/hall/events", HallEventsAsync).AllowAnonymous();
        app.MapPost("/language", ChooseLanguage).AllowAnonymous();
        app.MapPost("/signout", SignOutAsync);
    }

    /// <summary>
    /// Server-sent events: one "changed" event with the snapshot's version whenever the Hall's data
    /// changes, and a comment every 15 s so proxies keep the connection open.
    /// </summary>
    private static async Task HallEventsAsync(HttpContext http, HallWatch watch)
    {
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var cancellation = http.RequestAborted;
        var version = long.TryParse(http.Request.Query["after"], out var after) ? after : -1;
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                var snapshot = await watch.NextAsync(version, TimeSpan.FromSeconds(15), cancellation);
                if (snapshot.Version > version)
                {
                    version = snapshot.Version;
                    await http.Response.WriteAsync($"event: changed\ndata: {version}\n\n", cancellation);
                }
                else
                {
                    await http.Response.WriteAsync(": keep-alive\n\n", cancellation);
                }

                await http.Response.Body.FlushAsync(cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The screen went away.
        }
    }

    private static IResult ChooseLanguage(HttpContext http, [FromForm] string lang, [FromForm] string? returnUrl)
    {
        if (Languages.All.Contains(lang))
        {
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(lang)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        }

        return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
    }

    private static async Task SignOutAsync(HttpContext http)
    {
        // A plain request delegate binds no form, so the antiforgery middleware leaves it to the endpoint.
        if (!await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        http.Response.Redirect("/");
    }
}
