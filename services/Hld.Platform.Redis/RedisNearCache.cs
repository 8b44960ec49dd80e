using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Hld.Platform.State;
using StackExchange.Redis;

namespace Hld.Platform.Redis;

/// <summary>
/// Values of the keys under <see cref="NearCacheOptions.Prefixes"/> kept in the process after a read,
/// so that reading them again costs no round trip (docs/decisions/093-near-cache.md). It stays
/// coherent by invalidation, as Redis's own client-side caching does:
/// <list type="bullet">
/// <item>every commit or record write to such a key announces the key, from inside its script, on the
/// invalidation channel; each process with the cache subscribes to it and forgets what is announced;</item>
/// <item>a process forgets the keys of its own commits as soon as the commit returns, whatever its
/// outcome, so whoever wrote reads what was written;</item>
/// <item>a read from Redis marks its key before it is sent, and its value is kept only if the mark is
/// still there when it returns: forgetting a key removes its mark, so a read that raced a write never
/// keeps the old value;</item>
/// <item>while the subscription is down, nothing is served or kept, and everything is forgotten when it
/// comes back, since announcements made in between were lost.</item>
/// </list>
/// A write made on another replica is seen there as soon as its announcement arrives, one pub/sub
/// message after the commit. Compare-and-set is unaffected: a commit checks the version in Redis, so
/// a stale read can cost a lost race, never a lost write.
/// </summary>
internal sealed class RedisNearCache : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IConnectionMultiplexer _redis;
    private readonly RedisChannel _channel;
    private readonly string _statePrefix;
    private readonly string[] _prefixes;
    private readonly int _maxEntries;
    private volatile bool _live;
    private int _disposed;
    private int _subscriptions;

    public RedisNearCache(IConnectionMultiplexer redis, RedisKeys keys, NearCacheOptions options)
    {
        _redis = redis;
        _channel = keys.Invalidations;
        _statePrefix = keys.StatePrefix;
        _prefixes = [.. options.Prefixes.Where(p => !string.IsNullOrEmpty(p))];
        _maxEntries = options.MaxEntries;
        Enabled = _prefixes.Length > 0 && _maxEntries > 0;
        if (Enabled)
        {
            redis.ConnectionFailed += OnConnectionFailed;
            redis.ConnectionRestored += OnConnectionRestored;
            _ = SubscribeAsync();
        }
    }

    /// <summary>False when no prefix is configured or <see cref="NearCacheOptions.MaxEntries"/> is 0: every read goes to Redis and nothing is announced.</summary>
    public bool Enabled { get; }

    /// <summary>True once the subscription is confirmed, until it drops.</summary>
    public bool Live => _live;

    /// <summary>
    /// What this process's announcements start with, so that it skips them: it has already forgotten
    /// the keys of its own commits when they return, and a read it began after that reads what the
    /// commit wrote.
    /// </summary>
    public string Writer { get; } = $"{Guid.NewGuid():N};";

    /// <summary>The invalidation channel's name, for the scripts that announce.</summary>
    public string Channel => _channel.ToString();

    /// <summary>How many times the subscription was confirmed (once at start, once after each reconnection).</summary>
    public int Subscriptions => Volatile.Read(ref _subscriptions);

    /// <summary>How many keys are kept or being read now.</summary>
    public int Count => _entries.Count;

    /// <summary>True when <paramref name="key"/> (a state key as the port names it) is kept by the cache, and so announced when written.</summary>
    public bool Covers(string key)
    {
        if (!Enabled)
        {
            return false;
        }

        foreach (var prefix in _prefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The kept value of <paramref name="key"/>, when the cache is live and holds one.</summary>
    public bool TryGet(string key, out Versioned? value)
    {
        value = null;
        if (_live && _entries.TryGetValue(key, out var entry) && entry.Value is { } kept)
        {
            value = kept;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Called before a read from Redis: marks the key as being read, and returns the mark to give back
    /// to <see cref="Keep"/> with what was read. Forgetting the key removes the mark, so a read that
    /// raced a write finds its mark gone and keeps nothing.
    /// </summary>
    public Entry Begin(string key)
    {
        var mark = new Entry(null);
        if (!_live)
        {
            return mark;
        }

        if (_entries.Count >= _maxEntries)
        {
            // Full: make room by dropping an arbitrary entry, so memory stays bounded whatever is read.
            foreach (var victim in _entries.Keys)
            {
                _entries.TryRemove(victim, out _);
                break;
            }
        }

        // A read already under way holds the key's mark, put before this read began: sharing it is as safe.
        return _entries.GetOrAdd(key, mark);
    }

    /// <summary>Keeps what the read marked by <paramref name="mark"/> returned, if nothing forgot the key since the mark was put.</summary>
    public void Keep(string key, Versioned? value, Entry mark)
    {
        if (mark.Value is not null)
        {
            // The key was already kept when the read began: nothing to do.
            return;
        }

        if (value is null || !_live)
        {
            _entries.TryRemove(KeyValuePair.Create(key, mark));
            return;
        }

        _entries.TryUpdate(key, new Entry(value), mark);
    }

    /// <summary>Forgets <paramref name="key"/>: its next read goes to Redis, and no read already under way keeps its answer.</summary>
    public void Forget(string key) => _entries.TryRemove(key, out _);

    /// <summary>
    /// Parses an announcement (the writer's tag up to ';', then each key as its length in UTF-8 bytes,
    /// a colon and the key, one after the other, as the scripts write it) and forgets every key in it,
    /// unless this process wrote it.
    /// </summary>
    internal void OnAnnouncement(ReadOnlySpan<byte> message)
    {
        var tag = message.IndexOf((byte)';');
        if (tag < 0)
        {
            Clear();
            return;
        }

        if (tag == Writer.Length - 1 && Encoding.ASCII.GetString(message[..(tag + 1)]) == Writer)
        {
            return;
        }

        message = message[(tag + 1)..];
        while (!message.IsEmpty)
        {
            var colon = message.IndexOf((byte)':');
            if (colon <= 0
                || !int.TryParse(message[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length > message.Length - colon - 1)
            {
                // Not an announcement these scripts wrote: forget everything rather than guess.
                Clear();
                return;
            }

            var fullKey = Encoding.UTF8.GetString(message.Slice(colon + 1, length));
            if (fullKey.StartsWith(_statePrefix, StringComparison.Ordinal))
            {
                Forget(fullKey[_statePrefix.Length..]);
            }

            message = message[(colon + 1 + length)..];
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1 || !Enabled)
        {
            return;
        }

        _live = false;
        _redis.ConnectionFailed -= OnConnectionFailed;
        _redis.ConnectionRestored -= OnConnectionRestored;
        try
        {
            _redis.GetSubscriber().Unsubscribe(_channel, OnMessage);
        }
        catch (RedisException)
        {
            // The connection is already gone; so is the subscription.
        }
    }

    /// <summary>An announcement by <paramref name="writer"/> (a <see cref="Writer"/> tag) as the scripts write it, for the records script's caller.</summary>
    internal static byte[] Announce(string writer, IEnumerable<string> fullKeys) =>
        Encoding.UTF8.GetBytes(writer + string.Concat(fullKeys.Select(k => $"{Encoding.UTF8.GetByteCount(k).ToString(CultureInfo.InvariantCulture)}:{k}")));

    private void Clear() => _entries.Clear();

    private void OnMessage(RedisChannel channel, RedisValue message) => OnAnnouncement((byte[])message!);

    private async Task SubscribeAsync()
    {
        try
        {
            var subscriber = _redis.GetSubscriber();
            // Subscribing again is how the cache knows the server has the subscription now: the call
            // completes on the server's confirmation. Whatever was kept before may have missed an
            // announcement, so it goes.
            await subscriber.UnsubscribeAsync(_channel, OnMessage);
            await subscriber.SubscribeAsync(_channel, OnMessage);
            if (Volatile.Read(ref _disposed) == 0)
            {
                Clear();
                _live = true;
                Interlocked.Increment(ref _subscriptions);
            }
        }
        catch (Exception ex) when (RedisResilience.IsTransient(ex) || ex is RedisException)
        {
            // Not connected yet: the cache stays off until the connection is restored.
            _live = false;
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        // Announcements may be lost from now on: serve nothing, keep nothing, until subscribed again.
        _live = false;
        Clear();
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            _ = SubscribeAsync();
        }
    }

    /// <summary>A key's slot: its kept value, or null while a read of it is under way (the read's mark).</summary>
    internal sealed class Entry(Versioned? value)
    {
        public Versioned? Value { get; } = value;
    }
}
