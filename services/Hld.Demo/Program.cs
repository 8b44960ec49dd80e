using Grpc.Core;
using Grpc.Net.Client;
using Hld.Demo;
using Hld.Platform.Security;

// ./hld demo [--out DIR]: the 2013 Dialogue end to end against a fresh ./hld up. Its own program since the
// CLI references the contracts only (docs/decisions/080-cli.md).
var folder = args is ["--out", var dir, ..] ? dir : Path.Combine(".hld", "demo");
// HLD_<AREA>_URL points it at other hosts than ./hld up's, as the console's browser tests do (./hld console-test).
static string Url(string area, int port) => Environment.GetEnvironmentVariable($"HLD_{area}_URL") ?? $"http://127.0.0.1:{port}";
using var registry = GrpcChannel.ForAddress(Url("REGISTRY", 5101));
using var sessions = GrpcChannel.ForAddress(Url("SESSIONS", 5102));
using var hearings = GrpcChannel.ForAddress(Url("HEARINGS", 5103));
using var reporting = GrpcChannel.ForAddress(Url("REPORTING", 5104));
var clock = await new Hld.Contracts.Common.V1.ClockService.ClockServiceClient(registry).GetClockAsync(
    new Hld.Contracts.Common.V1.GetClockRequest(), new Metadata { { "authorization", "Bearer " + DevelopmentTokens.Create(Roles.Operator, null) } });
if (!clock.Manual || clock.Now.ToDateTimeOffset() > new DateTimeOffset(2013, 6, 1, 12, 0, 0, TimeSpan.Zero))
{
    await Console.Error.WriteLineAsync("The demo tells the 2013 story from 1 June 2013 and needs a fresh system on its manual clock. Start afresh: ./hld down && rm -rf .hld/redis && ./hld up");
    return 1;
}

var report = await new DemoScenario(new DemoChannels(registry, sessions, hearings, reporting), line => Console.Out.WriteLineAsync(line)).RunAsync();
Console.WriteLine();
Console.WriteLine(report.Markdown["en"]);
foreach (var file in await DemoReport.WriteAsync(report, folder))
{
    Console.WriteLine($"(written to {file})");
}

return 0;
