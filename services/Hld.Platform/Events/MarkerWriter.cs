using System.Threading.Channels;
using Hld.Platform.State;
using Microsoft.Extensions.Logging;

namespace Hld.Platform.Events;

/// <summary>
/// Group commit of processed markers: the deliveries a consumer finishes at about the same time have
/// their markers written together, in one store call, and each learns when its own is durable. Under
/// load a batch of events costs one marker write instead of one per event; idle, a marker is written
/// as soon as it is asked for. A delivery is acknowledged only after its marker is written, so a
/// crash in between delivers it again and the marker, not yet there, lets it run again: handlers are
/// replay-safe, as they always had to be.
/// </summary>
public sealed class MarkerWriter : IAsyncDisposable
{
    private const int MaxPerWrite = 512;

    private readonly IAggregateStore _store;
    private readonly ILogger _logger;
    private readonly Channel<(RecordWrite Record, TaskCompletionSource Done)> _pending = Channel.CreateUnbounded<(RecordWrite, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public MarkerWriter(IAggregateStore store, ILogger logger)
    {
        _store = store;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes once <paramref name="record"/> is written (with whatever else was waiting).</summary>
    public Task WriteAsync(RecordWrite record, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.Writer.TryWrite((record, done)))
        {
            done.SetException(new ObjectDisposedException(nameof(MarkerWriter)));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<(RecordWrite Record, TaskCompletionSource Done)>(MaxPerWrite);
        try
        {
            while (await _pending.Reader.WaitToReadAsync(_stop.Token))
            {
                while (batch.Count < MaxPerWrite && _pending.Reader.TryRead(out var item))
                {
                    batch.Add(item);
                }

                try
                {
                    await _store.WriteRecordsAsync([.. batch.Select(b => b.Record)], _stop.Token);
                    batch.ForEach(b => b.Done.TrySetResult());
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_stop.IsCancellationRequested)
                {
                    // The deliveries waiting on these markers fail and come again; nothing is lost.
                    _logger.LogWarning(ex, "Could not write {Count} processed markers", batch.Count);
                    batch.ForEach(b => b.Done.TrySetException(ex));
                }

                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopping: what is still waiting is cancelled below.
        }

        batch.ForEach(b => b.Done.TrySetCanceled());
        while (_pending.Reader.TryRead(out var left))
        {
            left.Done.TrySetCanceled();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _pending.Writer.TryComplete();
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
