using Grpc.Core;
using Grpc.Net.Client;
using Hld.Contracts.Sessions.V1;
using Hld.Demo;
using Hld.Modalities;
using Hld.Platform.Security;

// ./hld demo [--dialogue NAME|FILE] [--out DIR]: the meeting the system runs, end to end against a fresh
// ./hld up. Its own program since the CLI references the contracts only (docs/decisions/080-cli.md).
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var folder = Option("--out") ?? Path.Combine(".hld", "demo");

// HLD_<AREA>_URL points it at other hosts than ./hld up's, as the console's browser tests do (./hld console-test).
static string Url(string area, int port) => Environment.GetEnvironmentVariable($"HLD_{area}_URL") ?? $"http://127.0.0.1:{port}";
using var registry = GrpcChannel.ForAddress(Url("REGISTRY", 5101));
using var sessions = GrpcChannel.ForAddress(Url("SESSIONS", 5102));
using var hearings = GrpcChannel.ForAddress(Url("HEARINGS", 5103));
using var reporting = GrpcChannel.ForAddress(Url("REPORTING", 5104));
var operatorCall = new Metadata { { "authorization", "Bearer " + DevelopmentTokens.Create(Roles.Operator, null) } };

// The story is the definition's; the system must be running the same meeting.
var pgaCall = new Metadata { { "authorization", "Bearer " + DevelopmentTokens.Create(Roles.PgaOffice, null) } };
var running = (await new SessionsService.SessionsServiceClient(sessions).GetDialogueAsync(new GetDialogueRequest(), pgaCall)).Dialogue.DialogueId;
DialogueDefinition definition;
try
{
    definition = DialogueDefinitions.Load(Option("--dialogue") ?? running);
}
catch (Exception ex) when (ex is DialogueDefinitionException or FileNotFoundException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

if (definition.Id != running)
{
    await Console.Error.WriteLineAsync($"The demo would play {definition.Id}, and the system runs {running}: ./hld down && ./hld up --dialogue {definition.Id}");
    return 1;
}

var scenario = new DemoScenario(new DemoChannels(registry, sessions, hearings, reporting), definition, line => Console.Out.WriteLineAsync(line));
var clock = await new Hld.Contracts.Common.V1.ClockService.ClockServiceClient(registry).GetClockAsync(new Hld.Contracts.Common.V1.GetClockRequest(), operatorCall);
if (!clock.Manual || clock.Now.ToDateTimeOffset() > scenario.Start)
{
    await Console.Error.WriteLineAsync($"The demo tells the {definition.Id} story from {scenario.Start:d MMMM yyyy} and needs a fresh system on its manual clock. Start afresh: ./hld down && rm -rf .hld/redis && ./hld up --dialogue {definition.Id}");
    return 1;
}

var report = await scenario.RunAsync();
Console.WriteLine();
Console.WriteLine(report.Markdown["en"]);
foreach (var file in await DemoReport.WriteAsync(report, folder))
{
    Console.WriteLine($"(written to {file})");
}

return 0;
