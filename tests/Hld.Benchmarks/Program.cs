using Hld.Benchmarks;

// Hld.Benchmarks: `./hld bench` runs it against services it started; see docs/benchmarks.md.
//   echo --port N                         serve the bare echo (the ceiling) until killed
//   run --registry URL --reporting URL --pids DIR [--out FILE] [--duration S] [--warmup S]
//       [--concurrency 1,16,64] [--participants N] [--events N] [--rate N]
//       [--propagation-via store|grpc] [--saturation-seconds S] [--saturation-max N] [--figures all|reads]
//   smoke                                  a seconds-long run of the load generator against the echo
//   chaos --registry URL --sessions URL --hearings URL --reporting URL --redis HOST:PORT --control DIR
//       [--duration S] [--workers N] [--rate N] [--inscriptions N] [--deadline S] [--give-up-after S]
//       [--settle-within S]               writes while ./hld chaos kills; see docs/operations.md
string verb;
BenchOptions options;
ChaosOptions? chaos = null;
try
{
    (verb, options) = args.FirstOrDefault() == "chaos" ? ("chaos", new BenchOptions()) : BenchOptions.Parse(args);
    chaos = verb == "chaos" ? ChaosOptions.Parse(args) : null;
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    // A mistyped option is the caller's to fix: say which, not a stack trace.
    Console.Error.WriteLine($"Hld.Benchmarks: {e.Message}");
    return Usage();
}

if (chaos is not null)
{
    return await ChaosRun.RunAsync(chaos);
}

return verb switch
{
    "echo" => await EchoServer.RunAsync(options.EchoPort),
    "run" => await BenchRun.RunAsync(options),
    "smoke" => await BenchRun.SmokeAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Hld.Benchmarks echo --port N | run --registry URL --reporting URL --pids DIR [options] | smoke | chaos [options]");
    return 2;
}
