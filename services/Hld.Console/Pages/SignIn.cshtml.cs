using Hld.Console.Auth;
using Hld.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Text.RegularExpressions;

namespace Hld.Console.Pages;

/// <summary>
/// In Development, a role picker that signs a development token (as <c>./hld token</c> does); elsewhere
/// the OpenID Connect challenge against the authority the services trust.
/// </summary>
[AllowAnonymous]
public sealed partial class SignInModel(IHostEnvironment environment, IConfiguration configuration) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string Role { get; set; } = Roles.Secretariat;

    [BindProperty]
    public string? Participant { get; set; }

    public IActionResult OnGet() =>
        environment.DevelopmentSignIn() ? Page() : Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl() });

    public async Task<IActionResult> OnPostAsync()
    {
        if (!environment.DevelopmentSignIn())
        {
            return NotFound();
        }

        var participant = string.IsNullOrWhiteSpace(Participant) ? null : Participant.Trim();
        if (!Roles.All.Contains(Role) || (participant is not null && !ParticipantId().IsMatch(participant)))
        {
            ModelState.AddModelError(nameof(Role), "?");
            return Page();
        }

        await HttpContext.SignInWithDevelopmentTokenAsync(Role, participant, configuration["Hld:Auth:SigningKey"] ?? DevelopmentTokens.DefaultSigningKey);
        return LocalRedirect(SafeReturnUrl());
    }

    private string SafeReturnUrl() => ReturnUrl is { Length: > 0 } url && Url.IsLocalUrl(url) ? url : "/";

    [GeneratedRegex("^[A-Za-z0-9_-]{2,64}$")]
    private static partial Regex ParticipantId();
}
