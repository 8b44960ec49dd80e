using Grpc.Core;
using Grpc.Core.Interceptors;
using Hld.Platform.Errors;
using Microsoft.Extensions.Options;

namespace Hld.Platform.Hosting;

/// <summary>Counts the server streams a host has open, in all and per caller.</summary>
public sealed class StreamLimiter(IOptions<LimitOptions> options)
{
    private readonly Dictionary<string, int> _byCaller = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _open;

    public int Open => Volatile.Read(ref _open);

    /// <summary>Takes a place for <paramref name="caller"/>, or throws RESOURCE_EXHAUSTED naming the limit reached.</summary>
    public IDisposable Enter(string caller)
    {
        var limits = options.Value;
        lock (_gate)
        {
            if (_open >= limits.Streams)
            {
                throw new ResourceExhaustedException("STREAM_LIMIT_HOST", $"This host serves {limits.Streams} streams at once; retry later.", limits.Streams);
            }

            var mine = _byCaller.GetValueOrDefault(caller);
            if (mine >= limits.StreamsPerCaller)
            {
                throw new ResourceExhaustedException("STREAM_LIMIT_CALLER", $"A caller keeps at most {limits.StreamsPerCaller} streams open at once; close one first.", limits.StreamsPerCaller);
            }

            _byCaller[caller] = mine + 1;
            _open++;
        }

        return new Place(this, caller);
    }

    private void Leave(string caller)
    {
        lock (_gate)
        {
            _open--;
            var left = _byCaller.GetValueOrDefault(caller) - 1;
            if (left > 0)
            {
                _byCaller[caller] = left;
            }
            else
            {
                _byCaller.Remove(caller);
            }
        }
    }

    private sealed class Place(StreamLimiter limiter, string caller) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                limiter.Leave(caller);
            }
        }
    }
}

/// <summary>
/// Bounds server streaming: a watch holds a place for as long as it is open, and a call beyond the
/// host's or the caller's limit is refused at once with RESOURCE_EXHAUSTED (issue 18). An
/// authenticated caller is its token's subject; an anonymous one (health watches) its address.
/// </summary>
public sealed class StreamLimitInterceptor(StreamLimiter limiter) : Interceptor
{
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        using var place = limiter.Enter(Security.Callers.Of(context.GetHttpContext()));
        await continuation(request, responseStream, context);
    }
}
