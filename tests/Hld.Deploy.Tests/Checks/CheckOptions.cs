namespace Hld.Deploy.Tests.Checks;

/// <summary>What a set of manifests is checked against.</summary>
public sealed record CheckOptions
{
    /// <summary>Fewest replicas every service Deployment must run (prod: 2).</summary>
    public int MinReplicas { get; init; } = 1;

    /// <summary>Kubernetes components must take passwords from a Secret; local ones may leave them empty.</summary>
    public bool RequireComponentSecretRefs { get; init; } = true;

    /// <summary>Project → app id from the code; when set, every Deployment's app id is compared with it.</summary>
    public IReadOnlyDictionary<string, string>? CodeAppIds { get; init; }

    /// <summary>App ids to hold components and resiliency to when the manifests have no Deployments (self-hosted).</summary>
    public IReadOnlyCollection<string>? ExpectedAppIds { get; init; }

    /// <summary>Hld__Events__MaxAttempts when no ConfigMap says it (self-hosted).</summary>
    public int? EventMaxAttempts { get; init; }
}
