using Hld.Contracts.Reporting.V1;
using Hld.Domain;

namespace Hld.Demo;

/// <summary>The demo's output: the implementation report as one Markdown file per official language (issue 13).</summary>
public static class DemoReport
{
    /// <summary>Writes implementation-report.{language}.md into <paramref name="folder"/>, in the UN's order of the languages, and returns the files.</summary>
    public static async Task<IReadOnlyList<string>> WriteAsync(GetImplementationReportResponse report, string folder, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        foreach (var language in OfficialLanguages.All.Where(report.Markdown.ContainsKey))
        {
            var file = Path.Combine(folder, $"implementation-report.{language}.md");
            await File.WriteAllTextAsync(file, report.Markdown[language], cancellationToken);
            written.Add(file);
        }

        return written;
    }
}
