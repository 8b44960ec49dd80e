using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Hld.Cli;
using Hld.Demo;
using Hld.Platform.Security;

// hld-cli: the client `./hld` uses. Commands:
//   token --role ROLE [--as PARTICIPANT]          print a development token
//   wait-healthy URL [--timeout SECONDS]           wait until grpc.health.v1 reports SERVING
//   call URL SERVICE/METHOD [JSON] [--role R] [--as P]   call any RPC with a JSON request
//   methods                                        list every RPC of the contracts
//   demo [--out DIR]                               run the 2013 Dialogue end to end against ./hld up
return await Cli.RunAsync(args);

internal static class Cli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (positional, flags) = Split(args);
        try
        {
            return positional.FirstOrDefault() switch
            {
                "token" => Token(flags),
                "wait-healthy" when positional.Count >= 2 => await WaitHealthyAsync(positional[1], flags),
                "call" when positional.Count >= 3 => await CallAsync(positional[1], positional[2], positional.Count > 3 ? positional[3] : "{}", flags),
                "methods" => Methods(),
                "demo" => await DemoAsync(flags),
                _ => Usage(),
            };
        }
        catch (RpcException ex)
        {
            await Console.Error.WriteLineAsync($"{ex.StatusCode}: {ex.Status.Detail}");
            var status = ex.GetRpcStatus();
            if (status is not null)
            {
                await Console.Error.WriteLineAsync(new JsonFormatter(JsonFormatter.Settings.Default.WithTypeRegistry(new ContractCatalog().Types)).Format(status));
            }

            return 1;
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }
    }

    private static int Token(Dictionary<string, string> flags)
    {
        if (!flags.TryGetValue("role", out var role))
        {
            throw new ArgumentException($"token needs --role, one of: {string.Join(", ", Roles.All)}");
        }

        Console.WriteLine(DevelopmentTokens.Create(role, flags.GetValueOrDefault("as")));
        return 0;
    }

    private static async Task<int> WaitHealthyAsync(string url, Dictionary<string, string> flags)
    {
        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(int.Parse(flags.GetValueOrDefault("timeout", "60"), System.Globalization.CultureInfo.InvariantCulture));
        using var channel = GrpcChannel.ForAddress(url);
        var health = new Health.HealthClient(channel);
        while (true)
        {
            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(2));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return 0;
                }
            }
            catch (RpcException) when (TimeProvider.System.GetUtcNow().UtcDateTime < deadline)
            {
                // Not up yet.
            }

            if (TimeProvider.System.GetUtcNow().UtcDateTime >= deadline)
            {
                await Console.Error.WriteLineAsync($"{url} did not report healthy in time.");
                return 1;
            }

            await Task.Delay(250);
        }
    }

    private static async Task<int> CallAsync(string url, string path, string json, Dictionary<string, string> flags)
    {
        var catalog = new ContractCatalog();
        var method = catalog.Find(path) ?? throw new ArgumentException($"Unknown method '{path}'. Run `hld-cli methods` for the list.");
        var request = new JsonParser(JsonParser.Settings.Default.WithTypeRegistry(catalog.Types)).Parse(json, method.InputType);
        var marshaller = (Google.Protobuf.Reflection.MessageDescriptor d) => Marshallers.Create<IMessage>(m => m.ToByteArray(), b => ContractCatalog.Parse(d, b));
        var rpc = new Method<IMessage, IMessage>(MethodType.Unary, method.Service.FullName, method.Name, marshaller(method.InputType), marshaller(method.OutputType));
        var headers = new Metadata();
        var token = flags.TryGetValue("role", out var role) ? DevelopmentTokens.Create(role, flags.GetValueOrDefault("as")) : flags.GetValueOrDefault("token");
        if (token is not null)
        {
            headers.Add("authorization", $"Bearer {token}");
        }

        using var channel = GrpcChannel.ForAddress(url);
        var response = await channel.CreateCallInvoker().AsyncUnaryCall(rpc, null, new CallOptions(headers), request);
        Console.WriteLine(new JsonFormatter(JsonFormatter.Settings.Default.WithTypeRegistry(catalog.Types).WithIndentation()).Format(response));
        return 0;
    }

    private static async Task<int> DemoAsync(Dictionary<string, string> flags)
    {
        string Url(string service, int port) => flags.GetValueOrDefault(service, $"http://127.0.0.1:{port}");
        using var registry = GrpcChannel.ForAddress(Url("registry", 5101));
        using var sessions = GrpcChannel.ForAddress(Url("sessions", 5102));
        using var hearings = GrpcChannel.ForAddress(Url("hearings", 5103));
        using var reporting = GrpcChannel.ForAddress(Url("reporting", 5104));
        var clock = await new Hld.Contracts.Common.V1.ClockService.ClockServiceClient(registry).GetClockAsync(
            new Hld.Contracts.Common.V1.GetClockRequest(), new Metadata { { "authorization", "Bearer " + DevelopmentTokens.Create(Roles.Operator, null) } });
        if (!clock.Manual || clock.Now.ToDateTimeOffset() > new DateTimeOffset(2013, 6, 1, 12, 0, 0, TimeSpan.Zero))
        {
            await Console.Error.WriteLineAsync("The demo tells the 2013 story from 1 June 2013 and needs a fresh system on its manual clock. Start afresh: ./hld down && rm -rf .hld/redis && ./hld up");
            return 1;
        }

        var report = await new DemoScenario(new DemoChannels(registry, sessions, hearings, reporting), line => Console.Out.WriteLineAsync(line)).RunAsync();
        var folder = flags.GetValueOrDefault("out", Path.Combine(".hld", "demo"));
        Console.WriteLine();
        Console.WriteLine(report.Markdown["en"]);
        foreach (var file in await DemoReport.WriteAsync(report, folder))
        {
            Console.WriteLine($"(written to {file})");
        }

        return 0;
    }

    private static int Methods()
    {
        foreach (var method in new ContractCatalog().Methods)
        {
            Console.WriteLine(method);
        }

        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: hld-cli token --role ROLE [--as PARTICIPANT] | wait-healthy URL [--timeout S] | call URL SERVICE/METHOD [JSON] [--role R] [--as P] | methods");
        return 2;
    }

    private static (List<string> Positional, Dictionary<string, string> Flags) Split(string[] args)
    {
        var positional = new List<string>();
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
            {
                flags[args[i][2..]] = args[++i];
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        return (positional, flags);
    }
}
