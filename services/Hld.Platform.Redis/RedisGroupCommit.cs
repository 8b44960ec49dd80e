using Google.Protobuf;
using Hld.Platform.State;
using StackExchange.Redis;

namespace Hld.Platform.Redis;

/// <summary>
/// Group commit: the commits a process asks for while its earlier ones are still in flight go to
/// Redis together, as one script that runs them one after the other, each with its own checks, and
/// says for each whether it held. Idle, a commit is sent at once, alone; under load, a request path
/// or a consumer pays one script for a batch instead of one per commit, and Redis (single threaded,
/// fsyncing once per round of its event loop) spends its time on the writes rather than on the
/// scripts around them (docs/decisions/018-group-commit.md).
/// <para>
/// Running a batch's commits in order inside one script is the same as running them one after the
/// other: a commit sees what the commits before it wrote, and one that fails its compare-and-set
/// changes nothing and does not stop the others. A batch fails as a whole only when Redis cannot run
/// the script (the connection, a timeout): then every commit in it is told so, as each would be alone.
/// </para>
/// </summary>
internal sealed class RedisGroupCommit(IConnectionMultiplexer redis, RedisKeys keys, RedisOptions options, RedisResilience resilience, RedisNearCache cache)
{
    /// <summary>Scripts in flight at once per process: one being written while the other is answered keeps the connection busy.</summary>
    public const int MaxInFlight = 2;

    // KEYS: each commit's keys in turn: its aggregate, then its E streams, R records and A indexes.
    // ARGV: stream cap, wake channel, N, invalidation channel, the writer's tag; then for each commit E, R, A, its
    // expected version, the aggregate's time to live (ms, 0: none), whether it announces its state
    // keys (1) to near caches, its value, E envelopes, E topics, R record values, R record conditions
    // (-1: none), R record times to live (ms, 0: none), A members.
    // Every check of a commit happens before its first write: a script that failed midway would not
    // roll back. Readers are woken once per topic a batch appended to, after its last write; the state
    // keys written by announcing commits go out in one message: the writer's tag, then each key as its
    // byte length, ':', the key.
    private const string Script = """
        local function version(key)
          local n = redis.call('HGET', key, 'n')
          if n == false then return 0 end
          return tonumber(n)
        end
        local maxlen, wake, count, invalidate, writer = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
        local k, p = 0, 5
        local results, woken, announced = {}, {}, {}
        for c = 1, count do
          local e, r, a = tonumber(ARGV[p + 1]), tonumber(ARGV[p + 2]), tonumber(ARGV[p + 3])
          local expected, ttl, announce, value = tonumber(ARGV[p + 4]), tonumber(ARGV[p + 5]), ARGV[p + 6] == '1', ARGV[p + 7]
          local events = p + 7
          local topics, values = events + e, events + 2 * e
          local conditions, ttls, members = values + r, values + 2 * r, values + 3 * r
          local key = KEYS[k + 1]
          local current = version(key)
          local holds = current == expected
          local i = 1
          while holds and i <= r do
            local wanted = tonumber(ARGV[conditions + i])
            if wanted >= 0 and version(KEYS[k + 1 + e + i]) ~= wanted then holds = false end
            i = i + 1
          end
          if holds then
            redis.call('HSET', key, 'v', value, 'n', current + 1)
            if ttl > 0 then redis.call('PEXPIRE', key, ttl) end
            for j = 1, r do
              local record = KEYS[k + 1 + e + j]
              redis.call('HSET', record, 'v', ARGV[values + j])
              redis.call('HINCRBY', record, 'n', 1)
              if tonumber(ARGV[ttls + j]) > 0 then redis.call('PEXPIRE', record, ARGV[ttls + j]) end
            end
            for j = 1, a do
              local index, member = KEYS[k + 1 + e + r + j], ARGV[members + j]
              redis.call('ZADD', index, 'NX', redis.call('ZCARD', index) + 1, member)
            end
            for j = 1, e do
              if maxlen > 0 then
                redis.call('XADD', KEYS[k + 1 + j], 'MAXLEN', '~', maxlen, '*', 'e', ARGV[events + j])
              else
                redis.call('XADD', KEYS[k + 1 + j], '*', 'e', ARGV[events + j])
              end
              woken[ARGV[topics + j]] = true
            end
            if announce then
              announced[#announced + 1] = #key .. ':' .. key
              for j = 1, r do
                local record = KEYS[k + 1 + e + j]
                announced[#announced + 1] = #record .. ':' .. record
              end
            end
            results[c] = 1
          else
            results[c] = 0
          end
          k = k + 1 + e + r + a
          p = members + a
        end
        for topic in pairs(woken) do redis.call('PUBLISH', wake, topic) end
        if #announced > 0 then redis.call('PUBLISH', invalidate, writer .. table.concat(announced)) end
        return results
        """;

    private readonly Lock _gate = new();
    private readonly Queue<Pending> _queue = new();
    private int _inFlight;

    /// <summary>Commits <paramref name="commit"/> with whatever else is waiting; true when its checks held and it was written.</summary>
    public Task<bool> CommitAsync(Commit commit, CancellationToken cancellationToken)
    {
        if (options.CommitsPerScript <= 1)
        {
            // Grouping off: every commit is its own script, all in flight at once.
            return SendAloneAsync(commit, cancellationToken);
        }

        var pending = new Pending(commit, cancellationToken);
        bool drain;
        lock (_gate)
        {
            _queue.Enqueue(pending);
            drain = _inFlight < MaxInFlight;
            if (drain)
            {
                _inFlight++;
            }
        }

        if (drain)
        {
            _ = DrainAsync();
        }

        return pending.Done.Task;
    }

    private async Task<bool> SendAloneAsync(Commit commit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return (await RunAsync([new Pending(commit, cancellationToken)]))[0];
    }

    // Sends batches until nothing is waiting; at most MaxInFlight of these run at once.
    private async Task DrainAsync()
    {
        var limit = options.CommitsPerScript;
        var batch = new List<Pending>(limit);
        while (true)
        {
            lock (_gate)
            {
                while (batch.Count < limit && _queue.TryDequeue(out var next))
                {
                    // A caller that gave up before its commit was sent gets nothing written.
                    if (next.CancellationToken.IsCancellationRequested)
                    {
                        next.Done.TrySetCanceled(next.CancellationToken);
                        continue;
                    }

                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    _inFlight--;
                    return;
                }
            }

            try
            {
                var held = await RunAsync(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(held[i]);
                }
            }
            catch (Exception ex)
            {
                batch.ForEach(p => p.Done.TrySetException(ex));
            }

            batch.Clear();
        }
    }

    private async Task<bool[]> RunAsync(List<Pending> batch)
    {
        var keyCount = 0;
        var argCount = 5;
        foreach (var pending in batch)
        {
            var c = pending.Commit;
            keyCount += 1 + c.Events.Count + c.Records.Count + c.Appends.Count;
            argCount += 7 + (2 * c.Events.Count) + (3 * c.Records.Count) + c.Appends.Count;
        }

        var scriptKeys = new RedisKey[keyCount];
        var args = new RedisValue[argCount];
        args[0] = options.StreamMaxLength;
        args[1] = keys.Wake.ToString();
        args[2] = batch.Count;
        args[3] = cache.Channel;
        args[4] = cache.Writer;
        int k = 0, p = 5;
        foreach (var pending in batch)
        {
            var c = pending.Commit;
            int e = c.Events.Count, r = c.Records.Count, a = c.Appends.Count;
            scriptKeys[k++] = keys.State(c.Key);
            args[p++] = e;
            args[p++] = r;
            args[p++] = a;
            args[p++] = c.ExpectedVersion;
            args[p++] = Milliseconds(c.TimeToLive);
            args[p++] = Announces(c) ? 1 : 0;
            args[p++] = c.Value;
            foreach (var envelope in c.Events)
            {
                scriptKeys[k++] = keys.Stream(envelope.Topic);
                args[p++] = envelope.ToByteArray();
            }

            foreach (var envelope in c.Events)
            {
                args[p++] = envelope.Topic;
            }

            foreach (var record in c.Records)
            {
                scriptKeys[k++] = keys.State(record.Key);
                args[p++] = record.Value;
            }

            foreach (var record in c.Records)
            {
                args[p++] = record.ExpectedVersion ?? -1;
            }

            foreach (var record in c.Records)
            {
                args[p++] = Milliseconds(record.TimeToLive);
            }

            foreach (var append in c.Appends)
            {
                scriptKeys[k++] = keys.Index(append.Index);
                args[p++] = append.Member;
            }
        }

        var result = await resilience.NonIdempotent.ExecuteAsync(
            async _ => await redis.GetDatabase().ScriptEvaluateAsync(Script, scriptKeys, args),
            CancellationToken.None);
        var held = (RedisResult[])result!;
        return [.. held.Select(h => (long)h == 1)];
    }

    private bool Announces(Commit commit)
    {
        if (!cache.Enabled)
        {
            return false;
        }

        if (cache.Covers(commit.Key))
        {
            return true;
        }

        foreach (var record in commit.Records)
        {
            if (cache.Covers(record.Key))
            {
                return true;
            }
        }

        return false;
    }

    internal static long Milliseconds(TimeSpan? timeToLive) => timeToLive is { } ttl ? Math.Max(1, (long)ttl.TotalMilliseconds) : 0;

    private sealed class Pending(Commit commit, CancellationToken cancellationToken)
    {
        public Commit Commit { get; } = commit;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
