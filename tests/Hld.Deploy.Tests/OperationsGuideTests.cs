using System.Text.RegularExpressions;
using Hld.Deploy.Tests.Checks;

namespace Hld.Deploy.Tests;

/// <summary>docs/operations.md walks a platform team through every step; its paths must exist.</summary>
public sealed partial class OperationsGuideTests
{
    private static string Guide => File.ReadAllText(RepositoryRoot.Combine("docs", "operations.md"));

    [Fact]
    public void Every_repository_path_the_guide_names_exists()
    {
        var paths = RepositoryPath().Matches(Guide).Select(m => m.Value.TrimEnd('.', ',', ')', ':')).Distinct(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.True(
            File.Exists(RepositoryRoot.Combine(p)) || Directory.Exists(RepositoryRoot.Combine(p)),
            $"docs/operations.md names {p}, which does not exist"));
    }

    [Theory]
    [InlineData("Install Dapr on the cluster")]
    [InlineData("Deploy")]
    [InlineData("Scale")]
    [InlineData("Upgrade without downtime")]
    [InlineData("Back up and restore Redis")]
    [InlineData("Rotate the tokens")]
    [InlineData("Read the metrics and traces")]
    public void The_guide_has_a_section_for(string section)
    {
        Assert.Matches($"(?m)^##+ .*{Regex.Escape(section)}", Guide);
    }

    [GeneratedRegex(@"(?<![\w./-])(?:deploy|docs|tests)/[\w./-]+|(?<![\w./-])tye\.yaml")]
    private static partial Regex RepositoryPath();
}
