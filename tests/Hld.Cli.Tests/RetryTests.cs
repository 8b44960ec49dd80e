using System.Net;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Hld.Cli.Tests;

/// <summary>
/// A host that turns every call away with UNAVAILABLE and RetryInfo, counting the calls: what
/// a busy or stopping service answers (AIP-193): 200 ms, or 2 s for ListParticipants.
/// </summary>
public sealed class BusyHost : IAsyncLifetime
{
    private WebApplication? _app;
    private int _calls;

    public string Url { get; private set; } = string.Empty;

    public int Calls => Volatile.Read(ref _calls);

    public void Reset() => Interlocked.Exchange(ref _calls, 0);

    public async Task InitializeAsync()
    {
        // Port 0: the system's choice, taken when bound. A port picked from 5501-5509 beforehand raced
        // LiveHosts' choice (both fixtures start at once), and the CLI's calls reached the wrong host.
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        _app = builder.Build();
        _app.Run(context =>
        {
            Interlocked.Increment(ref _calls);
            // ListParticipants is told to wait 2 s, so that a short deadline leaves room for one retry at most.
            var delay = context.Request.Path.Value!.EndsWith("/ListParticipants", StringComparison.Ordinal) ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(200);
            var status = new Google.Rpc.Status
            {
                Code = (int)Code.Unavailable,
                Message = "busy",
                Details = { Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }) },
            };
            context.Response.ContentType = "application/grpc";
            context.Response.AppendTrailer("grpc-status", "14");
            context.Response.AppendTrailer("grpc-message", "busy");
            context.Response.AppendTrailer("grpc-status-details-bin", Convert.ToBase64String(status.ToByteArray()));
            return Task.CompletedTask;
        });
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Single();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>RetryInfo is honoured where a repeat is harmless, waits what it says, and stops within the deadline.</summary>
public sealed class RetryTests(BusyHost busy) : IClassFixture<BusyHost>
{
    [Fact]
    public async Task A_read_is_tried_four_times_waiting_the_retry_delay_doubled_then_exit_6()
    {
        var (run, took) = await CountParticipantsAsync("20s");

        Assert.Equal(4, busy.Calls);
        Assert.True(took >= TimeSpan.FromMilliseconds(200 + 400 + 800), "the waits were shorter than RetryInfo asked");
        Assert.Equal(3, run.ErrorLines.Count(l => l.Contains("trying again in", StringComparison.Ordinal)));
        Assert.Equal("hld: UNAVAILABLE: busy", run.ErrorLines[^1]);
    }

    [Fact]
    public async Task A_write_without_a_request_id_is_tried_once()
    {
        busy.Reset();
        var run = await CliProcess.RunAsync("registry", "register-participant", """{"participant":{"participantId":"x"}}""", "--url", busy.Url);

        Assert.Equal(6, run.ExitCode);
        Assert.Equal(1, busy.Calls);
        Assert.Equal("hld: UNAVAILABLE: busy", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task A_write_with_a_request_id_is_tried_again()
    {
        busy.Reset();
        var run = await CliProcess.RunAsync("registry", "register-participant", """{"participant":{"participantId":"x"}}""", "--request-id", "r-1", "--url", busy.Url);

        Assert.Equal(6, run.ExitCode);
        Assert.Equal(4, busy.Calls);
    }

    [Fact]
    public async Task No_retry_waits_past_the_deadline()
    {
        busy.Reset();
        var started = TimeProvider.System.GetTimestamp();
        var run = await CliProcess.RunAsync("registry", "list-participants", "--url", busy.Url, "--deadline", "3s");

        // A 2 s wait fits in the 3 s once at most, the next (4 s) never: and it is over soon after the
        // deadline (a process start on a loaded machine is the slack).
        Assert.Equal(6, run.ExitCode);
        Assert.InRange(busy.Calls, 1, 2);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(10), "the retries outlived the deadline");
    }

    // A read against the busy host: always exit 6 in the end, whatever the retries.
    private async Task<(CliRun Run, TimeSpan Took)> CountParticipantsAsync(string deadline)
    {
        busy.Reset();
        var started = TimeProvider.System.GetTimestamp();
        var run = await CliProcess.RunAsync("registry", "count-participants", "--url", busy.Url, "--deadline", deadline);
        Assert.Equal(6, run.ExitCode);
        return (run, TimeProvider.System.GetElapsedTime(started));
    }
}
