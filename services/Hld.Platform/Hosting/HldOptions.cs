namespace Hld.Platform.Hosting;

/// <summary>Configuration section <c>Hld</c>, shared by every host.</summary>
public sealed class HldOptions
{
    /// <summary>The service's app id: its consumer group, its Dapr app id, the source of its events.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>Which adapter holds state and events: Redis, Dapr, or InMemory (Development and Testing only).</summary>
    public string Store { get; set; } = "Redis";

    /// <summary>Largest request accepted, in bytes; larger requests get RESOURCE_EXHAUSTED.</summary>
    public int MaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>How long the answer to a call with a request_id is kept for its retries (AIP-155).</summary>
    public TimeSpan RequestRecordRetention { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>Configuration section <c>Hld:Limits</c>: what one host serves at once.</summary>
public sealed class LimitOptions
{
    /// <summary>Server streams (watches) open at once on this host, all callers together.</summary>
    public int Streams { get; set; } = 256;

    /// <summary>Server streams one caller (a token's subject; an anonymous caller by address) keeps open at once.</summary>
    public int StreamsPerCaller { get; set; } = 4;
}

/// <summary>
/// Configuration section <c>Hld:RateLimits</c>: the calls one caller (see <c>StreamsPerCaller</c>) makes
/// to one host, as a token bucket. Production's defaults are several times what a person or a partner's
/// batch job needs; Development and Testing raise them out of reach.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Calls a second a caller keeps up.</summary>
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Calls a caller makes at once after a quiet spell: the bucket's size.</summary>
    public int Burst { get; set; } = 100;
}

/// <summary>Configuration section <c>Hld:Auth</c>.</summary>
public sealed class AuthOptions
{
    /// <summary>OIDC authority that issues tokens in production. Empty: the development key is used.</summary>
    public string Authority { get; set; } = string.Empty;

    /// <summary>The audience of the services' tokens, the development tokens' too.</summary>
    public const string DefaultAudience = "hld-services";

    /// <summary>Expected audience.</summary>
    public string Audience { get; set; } = DefaultAudience;

    /// <summary>Symmetric key for development tokens (`./hld token`); refused outside Development and Testing.</summary>
    public string SigningKey { get; set; } = string.Empty;
}

/// <summary>Configuration section <c>Hld:Clock</c>.</summary>
public sealed class ClockOptions
{
    /// <summary>Use a manual clock that the operator RPC moves (Development only).</summary>
    public bool Manual { get; set; }

    /// <summary>Where a manual clock starts; default: the day the dialogue definition's resolution was adopted, at midnight UTC.</summary>
    public DateTimeOffset? Start { get; set; }
}
