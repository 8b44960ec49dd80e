using Hld.Deploy.Tests.Checks;

namespace Hld.Deploy.Tests;

/// <summary>
/// The checks fail when they should. Each folder under Broken/ is a kustomization that
/// takes the prod overlay and breaks one thing; its expect.txt lists the rule ids the
/// checker must report, no more and no fewer.
/// </summary>
public sealed class BrokenManifestTests
{
    private static readonly CheckOptions Prod = new() { MinReplicas = 2, CodeAppIds = ServiceCatalog.KnownAppIds };

    private static string BrokenDirectory => RepositoryRoot.Combine("tests", "Hld.Deploy.Tests", "Broken");

    public static TheoryData<string> Cases() => new(CaseNames());

    private static string[] CaseNames() =>
        Directory.EnumerateDirectories(BrokenDirectory)
            .Where(dir => File.Exists(Path.Combine(dir, "kustomization.yaml")))
            .Select(dir => Path.GetFileName(dir))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void The_unbroken_prod_overlay_passes_the_same_checks()
    {
        var violations = ManifestChecker.Check(Kustomize.RenderObjects(OverlayTests.OverlayDirectory("prod")), Prod);

        Assert.True(violations.Count == 0, Findings.Describe(violations));
    }

    [Fact]
    public void There_is_a_broken_case_for_every_kind_of_violation_the_issue_names()
    {
        var expected = CaseNames().SelectMany(ExpectedRules).ToHashSet(StringComparer.Ordinal);

        foreach (var rule in new[]
        {
            "dapr-annotation:dapr.io/app-protocol", "probe-readiness", "probe-liveness", "resources:limits.memory",
            "security:runAsNonRoot", "security:seccompProfile", "security:capabilities", "security:allowPrivilegeEscalation",
            "security:readOnlyRootFilesystem", "writable-tmp", "app-id-code", "component-unscoped", "retry-unbounded:appCallRetry", "statestore-retried-by-sidecar",
            "pdb-missing", "networkpolicy-default-deny", "replicas", "secret-in-configmap", "component-secret:statestore",
        })
        {
            Assert.Contains(rule, expected);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_deliberately_broken_manifest_is_refused_with_exactly_its_violations(string brokenCase)
    {
        var violations = ManifestChecker.Check(Kustomize.RenderObjects(Path.Combine(BrokenDirectory, brokenCase)), Prod);

        var reported = violations.Select(v => v.Rule).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.True(
            ExpectedRules(brokenCase).Order(StringComparer.Ordinal).SequenceEqual(reported),
            $"{brokenCase}: expected [{string.Join(", ", ExpectedRules(brokenCase))}], the checker reported:{Environment.NewLine}{Findings.Describe(violations)}");
    }

    [Fact]
    public void A_tye_file_that_leaves_out_a_service_project_is_refused()
    {
        var violations = TyeChecker.Check(
            Path.Combine(BrokenDirectory, "tye-missing-project.yaml"), RepositoryRoot.Path, ServiceCatalog.KnownAppIds);

        Assert.Equal(
            ["tye-missing-project:services/Hld.Reporting.Api/Hld.Reporting.Api.csproj"],
            violations.Select(v => v.Rule).Distinct());
    }

    private static IReadOnlyList<string> ExpectedRules(string brokenCase) =>
        File.ReadAllLines(Path.Combine(BrokenDirectory, brokenCase, "expect.txt"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
}
