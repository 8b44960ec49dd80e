using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Hld.Platform.Security;

/// <summary>
/// Bearer tokens that passed validation, by the SHA-256 of the token, with the principal they gave,
/// until the token expires (and never longer than <see cref="MaxLifetime"/>, so a key rotation or a
/// changed validation setting takes effect within minutes). A partner sends the same token for many
/// calls; checking its signature, issuer, audience and lifetime once instead of on every call is most
/// of what an authenticated read costs the host. Bounded: when full, it starts again empty.
/// Expiry is on real time, whatever clock the rules run on.
/// </summary>
public sealed class ValidatedTokenCache
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    private const int Capacity = 10_000;
    private const string Bearer = "Bearer ";

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public ValidatedTokenCache(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    public int Count => _entries.Count;

    /// <summary>The principal of a token validated before and not yet expired; null otherwise.</summary>
    public ClaimsPrincipal? Find(string token)
    {
        var key = KeyOf(token);
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.Until <= _time.GetUtcNow())
        {
            _entries.TryRemove(key, out _);
            return null;
        }

        return entry.Principal;
    }

    public void Add(string token, ClaimsPrincipal principal, DateTimeOffset validTo)
    {
        var until = Min(validTo, _time.GetUtcNow() + MaxLifetime);
        if (until <= _time.GetUtcNow())
        {
            return;
        }

        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[KeyOf(token)] = new Entry(principal, until);
    }

    /// <summary>Hooks the cache into JWT bearer validation: a known token skips validation, a validated one is kept.</summary>
    public JwtBearerEvents Events() => new()
    {
        OnMessageReceived = context =>
        {
            if (TokenOf(context.Request.Headers.Authorization.ToString()) is { } token && Find(token) is { } principal)
            {
                context.Principal = principal;
                context.Success();
            }

            return Task.CompletedTask;
        },
        OnTokenValidated = context =>
        {
            if (TokenOf(context.Request.Headers.Authorization.ToString()) is { } token && context.Principal is { } principal)
            {
                Add(token, principal, context.SecurityToken.ValidTo == DateTime.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(context.SecurityToken.ValidTo, TimeSpan.Zero));
            }

            return Task.CompletedTask;
        },
    };

    private static string? TokenOf(string authorization) =>
        authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > Bearer.Length
            ? authorization[Bearer.Length..].Trim()
            : null;

    private static string KeyOf(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset Until);
}
