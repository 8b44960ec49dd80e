using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Hld.Platform.Security;
using Microsoft.Extensions.Options;

namespace Hld.Console.Hall;

/// <summary>
/// How the console reads for the Hall display, which anyone may look at: the API answers no anonymous
/// caller, so the console reads the programme and the speakers lists under an identity of its own with
/// the read-only role reporting-reader, and shows only what those reads return that the Hall shows.
/// In Development it signs a development token; elsewhere it asks <c>Hld:Auth:Authority</c> for one with
/// the client-credentials grant (<c>Hld:Console:Hall:ClientId</c>, <c>ClientSecret</c>, <c>Scope</c>).
/// </summary>
public sealed class HallIdentityOptions
{
    public const string Section = "Hld:Console:Hall";

    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string? Scope { get; set; }
}

public sealed class HallIdentity(IOptions<HallIdentityOptions> options, IConfiguration configuration, IHostEnvironment environment, IHttpClientFactory clients, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    public async Task<string> TokenAsync(CancellationToken cancellationToken)
    {
        if (_token is not null && time.GetUtcNow() < _expires - Margin)
        {
            return _token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is null || time.GetUtcNow() >= _expires - Margin)
            {
                (_token, _expires) = DevelopmentSigning()
                    ? (DevelopmentTokens.Create(Roles.ReportingReader, null, configuration["Hld:Auth:SigningKey"] ?? DevelopmentTokens.DefaultSigningKey,
                        TimeSpan.FromHours(1), subject: "hld-console-hall"), time.GetUtcNow() + TimeSpan.FromHours(1))
                    : await ClientCredentialsAsync(cancellationToken);
            }

            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private bool DevelopmentSigning() => environment.IsDevelopment() || environment.IsEnvironment("Testing");

    private async Task<(string, DateTimeOffset)> ClientCredentialsAsync(CancellationToken cancellationToken)
    {
        var authority = configuration["Hld:Auth:Authority"];
        var settings = options.Value;
        if (string.IsNullOrEmpty(authority) || string.IsNullOrEmpty(settings.ClientId) || string.IsNullOrEmpty(settings.ClientSecret))
        {
            throw new InvalidOperationException("The Hall display reads under the console's own identity: set Hld:Auth:Authority, Hld:Console:Hall:ClientId and Hld:Console:Hall:ClientSecret.");
        }

        using var http = clients.CreateClient(nameof(HallIdentity));
        var discovery = await http.GetFromJsonAsync<Discovery>(new Uri(authority.TrimEnd('/') + "/.well-known/openid-configuration"), cancellationToken)
            ?? throw new InvalidOperationException($"{authority} published no OpenID configuration.");
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = settings.ClientId, ["client_secret"] = settings.ClientSecret };
        if (!string.IsNullOrEmpty(settings.Scope))
        {
            form["scope"] = settings.Scope;
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri(discovery.TokenEndpoint), content, cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
            ?? throw new InvalidOperationException("The token endpoint answered no token.");
        return (token.AccessToken, time.GetUtcNow() + TimeSpan.FromSeconds(token.ExpiresIn));
    }

    private sealed record Discovery([property: JsonPropertyName("token_endpoint")] string TokenEndpoint);

    private sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("expires_in")] int ExpiresIn);
}
