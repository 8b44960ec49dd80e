using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Hld.Platform.Security;

/// <summary>
/// Bearer tokens that passed validation, by the SHA-256 of the token, with the principal they gave,
/// until the token expires (and never longer than <see cref="MaxLifetime"/>, so a key rotation or a
/// changed validation setting takes effect within minutes). A partner sends the same token for many
/// calls; checking its signature, issuer, audience and lifetime once instead of on every call is most
/// of what an authenticated read costs the host. Bounded: when full, it starts again empty.
/// Expiry is on real time, whatever clock the rules run on. Looking a token up allocates nothing: the
/// token is hashed where it lies in the Authorization header, and the key is the digest itself.
/// </summary>
public sealed class ValidatedTokenCache
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    private const int Capacity = 10_000;
    private const string Bearer = "Bearer ";

    private readonly ConcurrentDictionary<Digest, Entry> _entries = new();
    private readonly TimeProvider _time;

    public ValidatedTokenCache(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    public int Count => _entries.Count;

    /// <summary>The principal of a token validated before and not yet expired; null otherwise.</summary>
    public ClaimsPrincipal? Find(ReadOnlySpan<char> token)
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

    public void Add(ReadOnlySpan<char> token, ClaimsPrincipal principal, DateTimeOffset validTo)
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

        // From here on every call with this token shares the principal: read its caller once.
        Caller.Settle(principal);

        _entries[KeyOf(token)] = new Entry(principal, until);
    }

    /// <summary>Hooks the cache into JWT bearer validation: a known token skips validation, a validated one is kept.</summary>
    public JwtBearerEvents Events() => new()
    {
        OnMessageReceived = context =>
        {
            var token = TokenOf(context.Request.Headers.Authorization.ToString());
            if (!token.IsEmpty && Find(token) is { } principal)
            {
                context.Principal = principal;
                context.Success();
            }

            return Task.CompletedTask;
        },
        OnTokenValidated = context =>
        {
            var token = TokenOf(context.Request.Headers.Authorization.ToString());
            if (!token.IsEmpty && context.Principal is { } principal)
            {
                Add(token, principal, context.SecurityToken.ValidTo == DateTime.MinValue ? DateTimeOffset.MinValue : new DateTimeOffset(context.SecurityToken.ValidTo, TimeSpan.Zero));
            }

            return Task.CompletedTask;
        },
    };

    /// <summary>The token of a bearer header, as JwtBearer reads it; empty when there is none.</summary>
    private static ReadOnlySpan<char> TokenOf(string authorization) =>
        authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            ? authorization.AsSpan(Bearer.Length).Trim()
            : [];

    /// <summary>SHA-256 of the token's characters (UTF-16, so equal tokens and only they give equal digests).</summary>
    private static Digest KeyOf(ReadOnlySpan<char> token)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(token), hash);
        return new Digest(MemoryMarshal.Read<UInt128>(hash), MemoryMarshal.Read<UInt128>(hash[16..]));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Entry(ClaimsPrincipal Principal, DateTimeOffset Until);

    private readonly record struct Digest(UInt128 First, UInt128 Second);
}
