using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;

namespace Hld.Cli;

/// <summary>How one call is made: where, as whom, and until when.</summary>
internal sealed record CallSettings(Uri Url, string? Token, TimeSpan Deadline, string? Language = null);

/// <summary>
/// Calls any method of the contracts with descriptor-built marshallers, printing a stream's messages as
/// they arrive. A call the server turns away with RetryInfo (UNAVAILABLE, RESOURCE_EXHAUSTED) is tried
/// again after the delay it names, doubled each time, within the deadline, when trying again cannot do
/// a write twice: reads, and writes whose request carries a request_id.
/// </summary>
internal sealed class RpcInvoker(CallSettings settings, TimeProvider clock)
{
    private const int Attempts = 4;

    public async Task CallAsync(ContractMethod method, IMessage request, ResponseWriter writer, CancellationToken cancellation)
    {
        var descriptor = method.Descriptor;
        var rpc = new Method<IMessage, IMessage>(
            method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary,
            descriptor.Service.FullName,
            descriptor.Name,
            Marshaller(descriptor.InputType),
            Marshaller(descriptor.OutputType));
        var headers = new Metadata();
        if (settings.Token is not null)
        {
            headers.Add("authorization", $"Bearer {settings.Token}");
        }

        // The hosts word a refusal's LocalizedMessage in it (docs/decisions/017); the status message stays English.
        if (settings.Language is not null)
        {
            headers.Add("accept-language", settings.Language);
        }

        var deadline = clock.GetUtcNow().UtcDateTime + settings.Deadline;
        using var channel = GrpcChannel.ForAddress(settings.Url);
        var invoker = channel.CreateCallInvoker();
        for (var attempt = 1; ; attempt++)
        {
            var received = 0;
            try
            {
                var options = new CallOptions(headers, deadline, cancellation);
                if (method.IsServerStreaming)
                {
                    using var call = invoker.AsyncServerStreamingCall(rpc, null, options, request);
                    await foreach (var message in call.ResponseStream.ReadAllAsync(cancellation))
                    {
                        received++;
                        await writer.WriteAsync(message);
                    }
                }
                else
                {
                    await writer.WriteAsync(await invoker.AsyncUnaryCall(rpc, null, options, request));
                }

                return;
            }
            catch (RpcException ex) when (received == 0 && attempt < Attempts && RetryDelay(ex, method, request, attempt, deadline) is { } delay)
            {
                await Console.Error.WriteLineAsync($"hld: {ExitCodes.Describe(ex)}; trying again in {delay.TotalSeconds:0.#} s");
                await Task.Delay(delay, clock, cancellation);
            }
        }
    }

    private TimeSpan? RetryDelay(RpcException ex, ContractMethod method, IMessage request, int attempt, DateTime deadline)
    {
        if (ex.StatusCode is not (StatusCode.Unavailable or StatusCode.ResourceExhausted) || !SafeToRepeat(method, request))
        {
            return null;
        }

        var info = ex.GetRpcStatus()?.GetDetail<RetryInfo>();
        if (info?.RetryDelay is null)
        {
            return null;
        }

        var delay = TimeSpan.FromTicks(Math.Max(info.RetryDelay.ToTimeSpan().Ticks, TimeSpan.FromMilliseconds(100).Ticks) << (attempt - 1));
        return clock.GetUtcNow().UtcDateTime + delay < deadline ? delay : null;
    }

    /// <summary>Reads by their AIP verbs; a write only with a request_id, which the services deduplicate on.</summary>
    public static bool SafeToRepeat(ContractMethod method, IMessage request)
    {
        string[] reads = ["Get", "List", "Count", "Watch", "Export"];
        if (reads.Any(verb => method.Descriptor.Name.StartsWith(verb, StringComparison.Ordinal)))
        {
            return true;
        }

        var requestId = method.Descriptor.InputType.FindFieldByName("request_id");
        return requestId?.FieldType == Google.Protobuf.Reflection.FieldType.String && requestId.Accessor.GetValue(request) is string { Length: > 0 };
    }

    private static Marshaller<IMessage> Marshaller(Google.Protobuf.Reflection.MessageDescriptor type) =>
        Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => ContractCatalog.Parse(type, bytes));
}
