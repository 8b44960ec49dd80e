using Hld.Deploy.Tests.Checks;

namespace Hld.Deploy.Tests;

public sealed class TyeTests
{
    [Fact]
    public void Tye_lists_every_service_project_under_its_app_id_with_the_dapr_extension()
    {
        var violations = TyeChecker.Check(
            RepositoryRoot.Combine("tye.yaml"), RepositoryRoot.Path, ServiceCatalog.FromCode(RepositoryRoot.Path));

        Assert.True(violations.Count == 0, Findings.Describe(violations));
    }
}
