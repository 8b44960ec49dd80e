namespace Hld.Deploy.Tests.Checks;

/// <summary>The repository's root: the folder above the test binaries that holds HLD.Services.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] relative) =>
        System.IO.Path.Combine([Path, .. relative.SelectMany(r => r.Split('/'))]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "HLD.Services.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No HLD.Services.sln above {AppContext.BaseDirectory}: run the tests from inside the repository.");
    }
}
