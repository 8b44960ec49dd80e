using System.Diagnostics;
using Xunit;

namespace Hld.Cli.Tests;

/// <summary>The CLI against real hosts: refusals as exit codes and one line, CSV that is safe to open, a stream as it arrives.</summary>
public sealed class LiveCallTests(LiveHosts hosts) : IClassFixture<LiveHosts>
{
    [Fact]
    public async Task A_call_without_a_token_is_exit_5()
    {
        var run = await CliProcess.RunAsync("registry", "list-participants", "--url", hosts.RegistryUrl);

        Assert.Equal(5, run.ExitCode);
        Assert.StartsWith("hld: UNAUTHENTICATED", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_participant_is_exit_3()
    {
        var run = await CliProcess.RunAsync("registry", "get-participant", "--participant-id", "nobody-here", "--role", "secretariat", "--url", hosts.RegistryUrl);

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("hld: NOT_FOUND", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_refusal_is_exit_4_with_its_reason_and_paragraph_on_one_line_para9()
    {
        var run = await CliProcess.RunAsync(
            "registry", "register-participant", "--role", "secretariat", "--url", hosts.RegistryUrl,
            """{"participant":{"participantId":"ngo-cli-no-status","category":"PARTICIPANT_CATEGORY_ECOSOC_NGO","name":{"texts":{"en":"No status"}},"countryCode":"KEN","regionalGroup":"REGIONAL_GROUP_AFRICAN_STATES","ecosocStatus":"ECOSOC_STATUS_NONE"}}""");

        Assert.Equal(4, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("hld: FAILED_PRECONDITION: ", line, StringComparison.Ordinal);
        Assert.Contains("reason ECOSOC_STATUS_REQUIRED", line, StringComparison.Ordinal);
        Assert.Contains("paragraph 9", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rule_refusal_asked_for_in_French_reads_in_French_with_the_same_reason_and_paragraph_para9()
    {
        var run = await CliProcess.RunAsync(
            "registry", "register-participant", "--role", "secretariat", "--language", "fr-CH", "--url", hosts.RegistryUrl,
            """{"participant":{"participantId":"ngo-cli-fr","category":"PARTICIPANT_CATEGORY_ECOSOC_NGO","name":{"texts":{"en":"No status"}},"countryCode":"KEN","regionalGroup":"REGIONAL_GROUP_AFRICAN_STATES","ecosocStatus":"ECOSOC_STATUS_NONE"}}""");

        Assert.Equal(4, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("hld: FAILED_PRECONDITION: ", line, StringComparison.Ordinal);
        Assert.Contains("statut consultatif auprès de l'ECOSOC", line, StringComparison.Ordinal);
        Assert.Contains("reason ECOSOC_STATUS_REQUIRED", line, StringComparison.Ordinal);
        Assert.Contains("paragraph 9", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_output_neutralises_a_cell_a_spreadsheet_would_run_as_a_formula()
    {
        var registered = await CliProcess.RunAsync(
            "registry", "register-participant", "--role", "secretariat", "--url", hosts.RegistryUrl,
            """{"participant":{"participantId":"ngo-cli-formula","category":"PARTICIPANT_CATEGORY_ECOSOC_NGO","name":{"texts":{"en":"=HYPERLINK(\"http://x\",\"y\")"}},"countryCode":"KEN","regionalGroup":"REGIONAL_GROUP_AFRICAN_STATES","ecosocStatus":"ECOSOC_STATUS_SPECIAL"}}""");
        Assert.True(registered.ExitCode == 0, registered.Error);

        var run = await CliProcess.RunAsync("registry", "list-participants", "--category", "ecosoc-ngo", "--page-size", "200", "--output", "csv", "--role", "secretariat", "--url", hosts.RegistryUrl);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("participantId", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines, l => l.StartsWith("ngo-cli-formula,", StringComparison.Ordinal));
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Field_options_merge_with_the_json_body_and_win_over_its_values()
    {
        var run = await CliProcess.RunAsync(
            "registry", "list-participants", """{"pageSize":1,"category":"PARTICIPANT_CATEGORY_OBSERVER_STATE"}""", "--page-size", "2",
            "--output", "csv", "--role", "secretariat", "--url", hosts.RegistryUrl);

        Assert.Equal(0, run.ExitCode);
        var rows = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Contains(",PARTICIPANT_CATEGORY_OBSERVER_STATE,", row, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Table_output_prints_the_rows_under_their_columns()
    {
        var run = await CliProcess.RunAsync("clock", "get-clock", "--output", "table", "--role", "operator", "--url", hosts.RegistryUrl);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("manual", lines[0], StringComparison.Ordinal);
        Assert.Contains("true", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_is_printed_as_it_arrives_and_an_interrupt_ends_it_with_130()
    {
        using var process = Process.Start(CliProcess.StartInfo(["reporting", "watch-aggregates", "--role", "reporting-reader", "--url", hosts.ReportingUrl, "--deadline", "60s"]))!;
        var error = process.StandardError.ReadToEndAsync();
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.NotNull(first);
        AssertAggregatesLine(first);
        Assert.False(process.HasExited, "the stream had ended before its first message was read");

        // Keep reading: other tests' writes change the aggregates, and a stream whose output pipe is full
        // blocks on its next line and never sees the interrupt.
        var rest = process.StandardOutput.ReadToEndAsync();
        using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await interrupt.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(130, process.ExitCode);
        Assert.Equal("hld: interrupted", (await error).Trim());
        Assert.All((await rest).Split('\n', StringSplitOptions.RemoveEmptyEntries), AssertAggregatesLine);
    }

    [Fact]
    public async Task A_stream_that_outlives_its_deadline_is_exit_6()
    {
        var run = await CliProcess.RunAsync("reporting", "watch-aggregates", "--role", "reporting-reader", "--url", hosts.ReportingUrl, "--deadline", "2s");

        Assert.Equal(6, run.ExitCode);
        AssertAggregatesLine(run.Output.Split('\n')[0]);
        Assert.StartsWith("hld: DEADLINE_EXCEEDED", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    // One message of the stream, whole on one line (JSON Lines).
    private static void AssertAggregatesLine(string line)
    {
        using var message = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, message.RootElement.GetProperty("aggregates").ValueKind);
    }
}
