using Xunit;

namespace Hld.Cli.Tests;

/// <summary>The help is the contracts': every RPC a command, every request field an option with its proto comment.</summary>
public sealed class HelpTests
{
    [Fact]
    public async Task A_methods_help_shows_its_request_fields_with_their_proto_comments_and_types()
    {
        var run = await CliProcess.RunAsync("registry", "list-participants", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Lists participants a page at a time", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"--page-size <int32>\s+Largest page wanted; default 50, at most 200\.", run.Output);
        Assert.Matches(@"--category <enum>\s+Only this category; UNSPECIFIED for all\. One of: member-state,", run.Output);
        Assert.Contains("--deadline", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_rpc_of_the_contracts_is_a_command_and_the_stream_is_marked()
    {
        var run = await CliProcess.RunAsync("methods");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("registry list-participants", run.Output, StringComparison.Ordinal);
        Assert.Matches(@"reporting watch-aggregates\s+hld\.reporting\.v1\.ReportingService/WatchAggregates  \(stream\)", run.Output);
        Assert.Matches(@"clock get-clock\s+hld\.common\.v1\.ClockService/GetClock", run.Output);
        var rpcs = Directory.GetFiles(Path.Combine(CliProcess.RepositoryRoot, "protos", "hld"), "*.proto", SearchOption.AllDirectories)
            .Sum(file => File.ReadLines(file).Count(line => line.TrimStart().StartsWith("rpc ", StringComparison.Ordinal)));
        Assert.Equal(rpcs, run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
