using System.Text.RegularExpressions;
using System.Xml.Linq;
using Hld.Deploy.Tests.Checks;
using Xunit;

namespace Hld.Deploy.Tests;

/// <summary>
/// The rules of the resolution live in pure domain projects (DESIGN.md): they take what they decide on
/// as arguments, the time included, and touch no store, network, file or clock. These tests hold the
/// five projects to that by what they reference and by what their code names, so a rule cannot
/// quietly start reading Redis or the wall clock. Hld.Dialogue and Hld.Tokens are not domain projects
/// and are not held to this: Hld.Dialogue loads a meeting's definition from its file, checks it
/// against its schema and names the paragraph behind each rule (the rules themselves are enforced here,
/// in the five, on the definition as data); Hld.Tokens is the token format the hosts and the CLI share.
/// </summary>
public sealed partial class DomainPurityTests
{
    public static TheoryData<string> DomainProjects => new() { "Hld.Domain", "Hld.Registry", "Hld.Sessions", "Hld.Hearings", "Hld.Reporting" };

    [Theory]
    [MemberData(nameof(DomainProjects))]
    public void A_domain_project_is_a_plain_library_that_references_at_most_Hld_Domain(string project)
    {
        var csproj = XDocument.Load(RepositoryRoot.Combine("services", project, project + ".csproj"));

        Assert.Equal("Microsoft.NET.Sdk", (string?)csproj.Root!.Attribute("Sdk"));
        Assert.Empty(csproj.Descendants("PackageReference").Select(p => (string?)p.Attribute("Include")));
        Assert.Empty(csproj.Descendants("FrameworkReference").Select(p => (string?)p.Attribute("Include")));
        var references = csproj.Descendants("ProjectReference").Select(p => ((string?)p.Attribute("Include") ?? "").Replace('\\', '/')).ToList();
        Assert.All(references, r => Assert.Equal("../Hld.Domain/Hld.Domain.csproj", r));
        Assert.True(project != "Hld.Domain" || references.Count == 0, "Hld.Domain references no other project.");
    }

    [Theory]
    [MemberData(nameof(DomainProjects))]
    public void A_domain_project_names_no_clock_file_network_or_store(string project)
    {
        var folder = RepositoryRoot.Combine("services", project);
        var sources = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(sources);

        var found = Offences(sources.Select(f => (Path.GetRelativePath(folder, f), File.ReadAllText(f)))).ToList();

        Assert.True(found.Count == 0, $"{project} reaches outside the domain:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_check_finds_the_wall_clock_a_file_and_a_store_and_passes_over_comments()
    {
        var code = """
            // DateTime.UtcNow in a comment is not a call
            /// <summary>Reads File.ReadAllText in prose.</summary>
            public sealed class Rule
            {
                public DateTimeOffset Now() => DateTimeOffset.UtcNow;
                public string Read() => System.IO.File.ReadAllText("x");
                public object Store(StackExchange.Redis.IDatabase db) => db;
            }
            """;

        var found = Offences([("Rule.cs", code)]).ToList();

        Assert.Equal(["Rule.cs:5", "Rule.cs:6", "Rule.cs:7"], found.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]).Distinct());
        Assert.Contains("Rule.cs:5: DateTimeOffset.UtcNow", found);
        Assert.Contains("Rule.cs:6: File.ReadAllText(", found);
        Assert.Contains("Rule.cs:7: StackExchange", found);
    }

    private static IEnumerable<string> Offences(IEnumerable<(string Name, string Text)> sources)
    {
        foreach (var (name, text) in sources)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var code = lines[i].TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }

                var comment = code.IndexOf("//", StringComparison.Ordinal);
                code = comment >= 0 ? code[..comment] : code;
                foreach (Match match in OutsideTheDomain().Matches(code))
                {
                    yield return $"{name}:{i + 1}: {match.Value}";
                }
            }
        }
    }

    /// <summary>The clock (rules take the time as an argument), files, processes, the network, and the store and transport libraries.</summary>
    [GeneratedRegex(@"\bDateTime(Offset)?\.(Utc)?Now\b|\bTimeProvider\.System\b|\bSystem\.IO\b|\bFile\.\w+\(|\bDirectory\.\w+\(|\bEnvironment\.\w+|\bSystem\.Net\b|\bHttpClient\b|\bProcess\.Start\b|\bStackExchange\b|\bDapr\b|\bGrpc\b|\bMicrosoft\.AspNetCore\b")]
    private static partial Regex OutsideTheDomain();
}
