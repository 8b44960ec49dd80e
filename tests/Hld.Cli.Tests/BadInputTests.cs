using Xunit;

namespace Hld.Cli.Tests;

/// <summary>Input refused before any call: exit 2 and one line on stderr that names what was wrong.</summary>
public sealed class BadInputTests
{
    // No host listens here: a refusal that reached the network would be exit 6, not 2.
    private const string Nowhere = "http://127.0.0.1:5509";

    [Fact]
    public async Task An_unknown_method_path_is_exit_2_naming_it()
    {
        var run = await CliProcess.RunAsync("call", "hld.registry.v1.RegistryService/Nope", "{}", "--url", Nowhere);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("hld: unknown method \"hld.registry.v1.RegistryService/Nope\"; `hld methods` lists them", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task An_unknown_command_is_exit_2_naming_it()
    {
        var run = await CliProcess.RunAsync("registry", "list-everything", "--url", Nowhere);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'list-everything'", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_is_exit_2_in_one_line_without_a_stack_trace()
    {
        var run = await CliProcess.RunAsync("registry", "list-participants", "{pageSize: 3", "--url", Nowhere);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("hld: the request for registry list-participants (hld.registry.v1.ListParticipantsRequest) is not valid JSON", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_field_is_exit_2_naming_the_field_and_the_request()
    {
        var run = await CliProcess.RunAsync("call", "hld.registry.v1.RegistryService/RegisterParticipant", """{"participant":{"participantId":"x","colour":"red"}}""", "--url", Nowhere);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(
            "hld: unknown field \"participant.colour\" in the request for registry register-participant (hld.registry.v1.RegisterParticipantRequest)",
            Assert.Single(run.ErrorLines),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--page-size", "abc", "hld: --page-size: \"abc\" is not an int32")]
    [InlineData("--category", "martian", "hld: --category: \"martian\" is not a ParticipantCategory: one of member-state,")]
    [InlineData("--deadline", "soon", "hld: --deadline: \"soon\" is not a duration")]
    [InlineData("--output", "xml", "hld: Argument 'xml' not recognized.")]
    public async Task A_bad_option_value_is_exit_2_naming_the_option(string option, string value, string expected)
    {
        var run = await CliProcess.RunAsync("registry", "list-participants", option, value, "--url", Nowhere);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_role_is_exit_2()
    {
        var run = await CliProcess.RunAsync("token", "--role", "president");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("hld: --role: \"president\" is not a role", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_that_is_not_there_is_exit_6_unavailable()
    {
        var run = await CliProcess.RunAsync("registry", "count-participants", "--url", Nowhere, "--deadline", "5s");

        Assert.Equal(6, run.ExitCode);
        Assert.StartsWith("hld: UNAVAILABLE", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
