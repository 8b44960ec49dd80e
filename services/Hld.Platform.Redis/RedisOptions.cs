namespace Hld.Platform.Redis;

/// <summary>Configuration section <c>Hld:Redis</c>.</summary>
public sealed class RedisOptions
{
    /// <summary>StackExchange.Redis configuration string, e.g. "127.0.0.1:6390".</summary>
    public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>
    /// Prefix of every key this system writes, so several systems can share a server. Its hash tag
    /// (the part in braces) keeps all the system's keys in one Redis Cluster slot; on a cluster a
    /// prefix without one is refused at start-up.
    /// </summary>
    public string KeyPrefix { get; set; } = "{hld}:";

    /// <summary>The prefix's hash tag, or null when it has none.</summary>
    public string? HashTag => HashTagOf(KeyPrefix);

    /// <summary>Approximate cap on each topic stream (XADD MAXLEN ~); 0 keeps everything.</summary>
    public long StreamMaxLength { get; set; }

    /// <summary>
    /// How many commits made at about the same time one script may carry (group commit, decision 018);
    /// 1 sends every commit alone, as before grouping, for a side-by-side measurement.
    /// </summary>
    public int CommitsPerScript { get; set; } = 64;

    /// <summary>Values kept in the process after a read, coherent by invalidation (decision 093); off unless prefixes are given.</summary>
    public NearCacheOptions NearCache { get; set; } = new();

    /// <summary>Deadline for one Redis operation, retries included.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The hash tag Redis Cluster hashes a key by: the text between the first '{' and the next '}', when not empty.</summary>
    public static string? HashTagOf(string prefix)
    {
        var open = prefix.IndexOf('{', StringComparison.Ordinal);
        var close = open < 0 ? -1 : prefix.IndexOf('}', open + 1);
        return close > open + 1 ? prefix[(open + 1)..close] : null;
    }
}

/// <summary>Configuration section <c>Hld:Redis:NearCache</c> (docs/decisions/093-near-cache.md).</summary>
public sealed class NearCacheOptions
{
    /// <summary>
    /// State keys (as the port names them, e.g. <c>registry/participant/</c>) whose values are kept after
    /// a read. The service that writes these keys must carry the same list on every replica: a write
    /// is announced to the other replicas' caches only by a writer that covers the key.
    /// </summary>
    public string[] Prefixes { get; set; } = [];

    /// <summary>At most this many values are kept (0 turns the cache off); when full, one is dropped for each new one.</summary>
    public int MaxEntries { get; set; } = 10_000;
}
