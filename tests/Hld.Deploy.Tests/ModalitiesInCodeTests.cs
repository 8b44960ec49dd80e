using System.Text.RegularExpressions;
using Hld.Deploy.Tests.Checks;
using Xunit;

namespace Hld.Deploy.Tests;

/// <summary>
/// The modalities are data (issue 12, decision 092): no service's C# names the 2013 resolution, and
/// no domain or API project writes a paragraph number as a string; the dialogue definition gives them.
/// </summary>
public sealed partial class ModalitiesInCodeTests
{
    // The projects that enforce and serve the rules; the platform holds none, and the demo, the CLI and the console are clients.
    private static readonly string[] RuleProjects =
    [
        "Hld.Domain", "Hld.Registry", "Hld.Registry.Api", "Hld.Sessions", "Hld.Sessions.Api",
        "Hld.Hearings", "Hld.Hearings.Api", "Hld.Reporting", "Hld.Reporting.Api", "Hld.Dialogue", "Hld.ServiceDefaults",
    ];

    private static IEnumerable<string> Sources(string project) =>
        Directory.GetFiles(RepositoryRoot.Combine("services", project), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    // A string that is only a paragraph number: "12", "3(d)", "3(b)(iii)".
    [GeneratedRegex("\"[1-9][0-9]?(\\([a-z]+\\))*\"")]
    private static partial Regex ParagraphString();

    [Fact]
    public void No_service_names_resolution_67_219_in_its_code()
    {
        var naming = Directory.GetDirectories(RepositoryRoot.Combine("services")).SelectMany(d => Sources(Path.GetFileName(d)))
            .Where(f => File.ReadAllText(f).Contains("67/219", StringComparison.Ordinal));

        Assert.Empty(naming);
    }

    [Fact]
    public void No_domain_or_api_project_writes_a_paragraph_number_as_a_string()
    {
        var written = RuleProjects.SelectMany(Sources)
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal) && ParagraphString().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(RepositoryRoot.Path, l.File)}:{l.Line}: {l.Text.Trim()}");

        Assert.Empty(written);
    }
}
