using System.Text.RegularExpressions;
using Hld.Deploy.Tests.Checks;

namespace Hld.Deploy.Tests;

/// <summary>
/// No Docker engine runs here, so the Dockerfile cannot be built in the tests; these
/// check what can be checked without one: its shape, and that what it copies exists.
/// </summary>
public sealed partial class ImageTests
{
    private static string Dockerfile => File.ReadAllText(RepositoryRoot.Combine("deploy", "docker", "Dockerfile"));

    [Fact]
    public void Dockerfile_builds_with_the_sdk_image_and_runs_on_the_aspnet_image_as_a_non_root_user()
    {
        var from = FromLine().Matches(Dockerfile).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(2, from.Count);
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", from[0], StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", from[1], StringComparison.Ordinal);
        Assert.Matches(@"(?m)^ARG PROJECT$", Dockerfile);
        Assert.Matches(@"(?m)^USER \$APP_UID$", Dockerfile);
        Assert.Matches(@"(?m)^EXPOSE 8080$", Dockerfile);
        Assert.Matches(@"(?m)^ENTRYPOINT \[""", Dockerfile);
    }

    [Fact]
    public void Everything_the_dockerfile_copies_from_the_repository_exists()
    {
        var sources = CopyLine().Matches(Dockerfile)
            .SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.True(
            File.Exists(RepositoryRoot.Combine(s.TrimEnd('/'))) || Directory.Exists(RepositoryRoot.Combine(s.TrimEnd('/'))),
            $"the Dockerfile copies {s}, which is not in the repository"));
    }

    [Fact]
    public void The_project_argument_names_each_service_project_by_the_dockerfile_convention()
    {
        Assert.Contains("services/$PROJECT/$PROJECT.csproj", Dockerfile, StringComparison.Ordinal);
        Assert.All(ServiceCatalog.Known, s =>
        {
            var name = Path.GetFileNameWithoutExtension(s.Project);
            Assert.Equal($"services/{name}/{name}.csproj", s.Project);
            Assert.True(File.Exists(RepositoryRoot.Combine(s.Project)), $"{s.Project} does not exist");
        });
    }

    [GeneratedRegex(@"(?m)^FROM\s+(?:--platform=\S+\s+)?(\S+)")]
    private static partial Regex FromLine();

    [GeneratedRegex(@"(?m)^COPY\s+(?!--from)(.+)$")]
    private static partial Regex CopyLine();
}
