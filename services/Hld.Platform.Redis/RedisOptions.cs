namespace Hld.Platform.Redis;

/// <summary>Configuration section <c>Hld:Redis</c>.</summary>
public sealed class RedisOptions
{
    /// <summary>StackExchange.Redis configuration string, e.g. "127.0.0.1:6390".</summary>
    public string Configuration { get; set; } = "127.0.0.1:6379";

    /// <summary>Prefix of every key this system writes, so several systems can share a server.</summary>
    public string KeyPrefix { get; set; } = "hld:";

    /// <summary>Approximate cap on each topic stream (XADD MAXLEN ~); 0 keeps everything.</summary>
    public long StreamMaxLength { get; set; }

    /// <summary>Deadline for one Redis operation, retries included.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
