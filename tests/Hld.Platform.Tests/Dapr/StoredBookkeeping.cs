using System.Text.Json;
using Hld.Platform.Dapr;

namespace Hld.Platform.Tests.Dapr;

/// <summary>The adapter's bookkeeping read off the fake sidecar's store, as an operator would read it.</summary>
internal static class StoredBookkeeping
{
    /// <summary>Whether the pending set still names the key.</summary>
    public static bool Marked(FakeDaprSidecar sidecar, string key)
    {
        using var shard = sidecar.StoredJson(DaprOutbox.ShardKey(DaprOutbox.ShardOf(key)));
        return shard is not null
            && shard.RootElement.TryGetProperty("keys", out var keys)
            && keys.ValueKind == JsonValueKind.Object
            && keys.TryGetProperty(key, out _);
    }

    /// <summary>How many events the aggregate under the key still holds for the relay.</summary>
    public static int PendingCount(FakeDaprSidecar sidecar, string key)
    {
        using var stored = sidecar.StoredJson(key);
        return stored is not null && stored.RootElement.TryGetProperty("pending", out var pending) && pending.ValueKind == JsonValueKind.Array
            ? pending.GetArrayLength()
            : 0;
    }
}
