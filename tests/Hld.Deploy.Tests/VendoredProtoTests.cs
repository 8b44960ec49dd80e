using System.Xml.Linq;
using Hld.Deploy.Tests.Checks;
using Xunit;

namespace Hld.Deploy.Tests;

/// <summary>
/// The vendored `protos/google/api/` files are the ones of the Google.Api.CommonProtos version the
/// build pins (protos/google/api/README.md): the generated code references that package's compiled
/// descriptors, so a file edited by hand, or a package moved to a new version without its files,
/// would describe options the binaries do not carry.
/// </summary>
public sealed class VendoredProtoTests
{
    private const string Package = "Google.Api.CommonProtos";

    [Fact]
    public void The_google_api_protos_are_byte_for_byte_those_of_the_pinned_package()
    {
        var version = PinnedVersion();
        var shipped = Path.Combine(PackagesFolder(), Package.ToLowerInvariant(), version, "content", "protos", "google", "api");
        Assert.True(Directory.Exists(shipped), $"{Package} {version} is not restored at {shipped}: restore the solution first.");

        var vendored = Directory.GetFiles(RepositoryRoot.Combine("protos/google/api"), "*.proto").OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.Equal(["annotations.proto", "http.proto"], vendored.Select(Path.GetFileName));
        foreach (var file in vendored)
        {
            var name = Path.GetFileName(file);
            Assert.True(
                File.ReadAllBytes(file).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(shipped, name))),
                $"protos/google/api/{name} differs from {Package} {version}'s copy: copy it again from {shipped}.");
        }
    }

    [Fact]
    public void The_readme_names_the_pinned_version()
    {
        var readme = File.ReadAllText(RepositoryRoot.Combine("protos/google/api/README.md"));

        Assert.Contains($"{Package} {PinnedVersion()}", readme, StringComparison.Ordinal);
    }

    private static string PinnedVersion()
    {
        var props = XDocument.Load(RepositoryRoot.Combine("Directory.Packages.props"));
        var entry = props.Descendants("PackageVersion").SingleOrDefault(e => (string?)e.Attribute("Include") == Package);
        Assert.NotNull(entry);
        return (string)entry.Attribute("Version")!;
    }

    /// <summary>Where restore puts packages: NUGET_PACKAGES when set, else the user's ~/.nuget/packages.</summary>
    private static string PackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
