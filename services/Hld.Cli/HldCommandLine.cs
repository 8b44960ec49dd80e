using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Hld.Platform.Security;

namespace Hld.Cli;

/// <summary>The command tree: one group per service area, one command per RPC, and the tools around them.</summary>
internal sealed class HldCommandLine
{
    // Where `./hld up` runs each area; the common services (clock, operations) answer on every host.
    private static readonly Dictionary<string, int> Ports = new(StringComparer.Ordinal)
    {
        ["registry"] = 5101, ["sessions"] = 5102, ["hearings"] = 5103, ["reporting"] = 5104,
    };

    private readonly ContractCatalog _catalog = new();
    private readonly ProtoComments _comments = ProtoComments.Load();

    private readonly Option<string?> _url = new("--url") { Description = "The host to call; default $HLD_URL, else the area's port of ./hld up (registry 5101 … reporting 5104).", Recursive = true };
    private readonly Option<string?> _role = new("--role") { Description = $"Mint a development token for this role: {string.Join(", ", Roles.All.Order(StringComparer.Ordinal))}.", Recursive = true };
    private readonly Option<string?> _as = new("--as") { Description = "The participant the development token acts for (with --role).", HelpName = "participant", Recursive = true };
    private readonly Option<string?> _token = new("--token") { Description = "A bearer token to send as it is; default $HLD_TOKEN.", Recursive = true };
    private readonly Option<TimeSpan> _deadline = new("--deadline") { Description = "How long the call may take, retries included: seconds, or 500ms, 2m.", HelpName = "duration", DefaultValueFactory = _ => TimeSpan.FromSeconds(30), CustomParser = ParseDuration, Recursive = true };
    private readonly Option<string?> _language = new("--language") { Description = "The language refusals are worded in (sent as accept-language): ar, zh, en, fr, ru or es; default $HLD_LANGUAGE, else the hosts' English.", HelpName = "tag", Recursive = true };
    private readonly Option<string> _output = new("--output", "-o") { Description = "json (one line per message of a stream), table or csv.", DefaultValueFactory = _ => "json", Recursive = true };

    private HldCommandLine()
    {
        _output.AcceptOnlyFromAmong("json", "table", "csv");
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var cli = new HldCommandLine();
        var root = cli.Build();
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            var command = string.Join(' ', Path(parse.CommandResult).Prepend("hld"));
            // An unknown word says more than the "required command" it leaves behind.
            var error = parse.UnmatchedTokens.Count > 0 && parse.Errors.All(e => e.Message.StartsWith("Required", StringComparison.Ordinal))
                ? $"unknown command or argument \"{parse.UnmatchedTokens[0]}\""
                : parse.Errors.OrderBy(e => e.Message.StartsWith("Required", StringComparison.Ordinal)).First().Message;
            await Console.Error.WriteLineAsync($"hld: {FieldOption.OneLine(error)} (see {command} --help)");
            return ExitCodes.InvalidInput;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
    }

    private static Stack<string> Path(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var current = result; current is not null && current.Command is not RootCommand; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(current.Command.Name);
        }

        return names;
    }

    private RootCommand Build()
    {
        var root = new RootCommand("hld: every RPC of HLD Services as a command, `hld AREA METHOD [JSON] [--FIELD VALUE…]`. Exit codes: docs/cli.md.");
        root.Add(_url);
        root.Add(_role);
        root.Add(_as);
        root.Add(_token);
        root.Add(_deadline);
        root.Add(_language);
        root.Add(_output);
        foreach (var group in _catalog.Services.GroupBy(s => ContractCatalog.AreaOf(s, _catalog.Services)))
        {
            var area = new Command(group.Key, string.Join(' ', group.Select(s => FirstSentence(_comments.Of(s.FullName)))));
            foreach (var method in group.SelectMany(_catalog.MethodsOf))
            {
                area.Add(MethodCommand(method));
            }

            root.Add(area);
        }

        root.Add(CallCommand());
        root.Add(MethodsCommand());
        root.Add(TokenCommand());
        root.Add(WaitHealthyCommand());
        return root;
    }

    private static string FirstSentence(string text) => text.IndexOf(". ", StringComparison.Ordinal) is var end and > 0 ? text[..(end + 1)] : text;

    private Command MethodCommand(ContractMethod method)
    {
        var input = method.Descriptor.InputType;
        var description = $"{_comments.Of($"{method.Descriptor.Service.FullName}.{method.Descriptor.Name}")} Request: {input.FullName}; {(method.IsServerStreaming ? "streams its responses as they arrive" : "one response")}. ({method.FullName})".TrimStart();
        var command = new Command(method.Command, description);
        var (body, json) = BodyInputs();
        command.Add(body);
        command.Add(json);
        var reserved = new HashSet<string>(["--url", "--role", "--as", "--token", "--deadline", "--language", "--output", "--json", "--help", "--version"], StringComparer.Ordinal);
        var fields = FieldOption.For(input, _comments, _catalog.Types, reserved).ToList();
        foreach (var field in fields)
        {
            command.Add(field.Option);
        }

        command.SetAction((parse, cancellation) => Guard(async () =>
        {
            var given = fields.Where(f => parse.GetResult(f.Option) is not null).Select(f => (f, parse.GetValue(f.Option)!));
            var request = new RequestReader(_catalog.Types).Read(method, Body(parse, body, json), given);
            await InvokeAsync(parse, method, request, cancellation);
        }, cancellation));
        return command;
    }

    private Command CallCommand()
    {
        var path = new Argument<string>("method") { Description = "The RPC by its path: hld.registry.v1.RegistryService/GetParticipant (`hld methods` lists them)." };
        var (body, json) = BodyInputs();
        var command = new Command("call", "Call any RPC by its gRPC path with a JSON request.") { path, body, json };
        command.SetAction((parse, cancellation) => Guard(async () =>
        {
            var name = parse.GetValue(path)!;
            var method = _catalog.Find(name) ?? throw new UsageException($"unknown method \"{name}\"; `hld methods` lists them");
            var request = new RequestReader(_catalog.Types).Read(method, Body(parse, body, json), []);
            await InvokeAsync(parse, method, request, cancellation);
        }, cancellation));
        return command;
    }

    private static (Argument<string?> Body, Option<string?> Json) BodyInputs() => (
        new Argument<string?>("json") { Arity = ArgumentArity.ZeroOrOne, Description = "The whole request as JSON (the protobuf JSON mapping); field options override its fields." },
        new Option<string?>("--json") { Description = "The request as JSON, as the positional argument." });

    private static string? Body(ParseResult parse, Argument<string?> body, Option<string?> json)
    {
        var positional = parse.GetValue(body);
        var option = parse.GetValue(json);
        return positional is not null && option is not null
            ? throw new UsageException("the request JSON is given twice, as an argument and with --json; give it once")
            : positional ?? option;
    }

    private Command MethodsCommand()
    {
        var command = new Command("methods", "List every RPC: its command and its gRPC path.");
        command.SetAction(_ =>
        {
            foreach (var method in _catalog.Methods)
            {
                Console.WriteLine($"{$"{method.Area} {method.Command}",-48} {method.FullName}{(method.IsServerStreaming ? "  (stream)" : string.Empty)}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private Command TokenCommand()
    {
        var command = new Command("token", "Print a development token for --role (and --as); valid only against hosts in Development and Testing.");
        command.SetAction((parse, cancellation) => Guard(() =>
        {
            var role = parse.GetValue(_role) ?? throw new UsageException($"token needs --role, one of: {string.Join(", ", Roles.All.Order(StringComparer.Ordinal))}");
            Console.WriteLine(Mint(role, parse.GetValue(_as)));
            return Task.CompletedTask;
        }, cancellation));
        return command;
    }

    private static Command WaitHealthyCommand()
    {
        var url = new Argument<string>("url") { Description = "The host, http://127.0.0.1:5101." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait.", DefaultValueFactory = _ => 60 };
        var command = new Command("wait-healthy", "Wait until the host's grpc.health.v1 check reports SERVING (./hld up uses it).") { url, timeout };
        command.SetAction((parse, cancellation) => Guard(async () =>
        {
            var clock = TimeProvider.System;
            var until = clock.GetUtcNow() + TimeSpan.FromSeconds(parse.GetValue(timeout));
            using var channel = GrpcChannel.ForAddress(Url(parse.GetValue(url)!));
            var health = new Health.HealthClient(channel);
            while (true)
            {
                try
                {
                    var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: clock.GetUtcNow().UtcDateTime.AddSeconds(2), cancellationToken: cancellation);
                    if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                    {
                        return;
                    }
                }
                catch (RpcException) when (clock.GetUtcNow() < until && !cancellation.IsCancellationRequested)
                {
                    // Not listening yet.
                }

                if (clock.GetUtcNow() >= until)
                {
                    throw new RpcException(new Status(StatusCode.Unavailable, $"{parse.GetValue(url)} did not report healthy in {parse.GetValue(timeout)} s"));
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), clock, cancellation);
            }
        }, cancellation));
        return command;
    }

    private async Task InvokeAsync(ParseResult parse, ContractMethod method, Google.Protobuf.IMessage request, CancellationToken cancellation)
    {
        var url = parse.GetValue(_url) ?? (Environment.GetEnvironmentVariable("HLD_URL") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : $"http://127.0.0.1:{Ports.GetValueOrDefault(method.Area, Ports["registry"])}");
        var role = parse.GetValue(_role);
        var token = parse.GetValue(_token) ?? (role is not null ? Mint(role, parse.GetValue(_as)) : Environment.GetEnvironmentVariable("HLD_TOKEN"));
        var language = parse.GetValue(_language) ?? Environment.GetEnvironmentVariable("HLD_LANGUAGE");
        var settings = new CallSettings(Url(url), string.IsNullOrEmpty(token) ? null : token, parse.GetValue(_deadline), string.IsNullOrEmpty(language) ? null : language);
        var writer = ResponseWriter.For(parse.GetValue(_output)!, Console.Out, _catalog.Types, method.IsServerStreaming);
        await new RpcInvoker(settings, TimeProvider.System).CallAsync(method, request, writer, cancellation);
    }

    private static string Mint(string role, string? participant) => Roles.All.Contains(role)
        ? DevelopmentTokens.Create(role, participant)
        : throw new UsageException($"--role: \"{role}\" is not a role; one of: {string.Join(", ", Roles.All.Order(StringComparer.Ordinal))}");

    private static Uri Url(string text) => Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        ? uri
        : throw new UsageException($"--url: \"{text}\" is not an http(s) URL");

    private static TimeSpan ParseDuration(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "30";
        var (number, unit) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value * unit <= 24 * 3600)
        {
            return TimeSpan.FromSeconds(value * unit);
        }

        result.AddError($"--deadline: \"{text}\" is not a duration (seconds, or 500ms, 2m; at most a day)");
        return default;
    }

    /// <summary>Every way a command ends, as an exit code and at most one line on stderr: never a stack trace.</summary>
    private static async Task<int> Guard(Func<Task> action, CancellationToken cancellation)
    {
        try
        {
            await action();
            return ExitCodes.Ok;
        }
        catch (Exception ex) when (cancellation.IsCancellationRequested && ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
        {
            await Console.Error.WriteLineAsync("hld: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (UsageException ex)
        {
            await Console.Error.WriteLineAsync($"hld: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (RpcException ex)
        {
            await Console.Error.WriteLineAsync($"hld: {ExitCodes.Describe(ex)}");
            return ExitCodes.Of(ex.StatusCode);
        }
#pragma warning disable CA1031 // The last resort of a command line: one line and exit 1, not a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"hld: {FieldOption.OneLine(ex.Message)} ({ex.GetType().Name})");
            return ExitCodes.Error;
        }
    }
}
