using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Events;
using Hld.Platform.Security;
using StackExchange.Redis;
using Hearings = Hld.Contracts.Hearings.V1;
using Reporting = Hld.Contracts.Reporting.V1;
using Sessions = Hld.Contracts.Sessions.V1;

namespace Hld.Benchmarks;

/// <summary>
/// The client of <c>./hld chaos</c> (docs/operations.md, "Chaos run"): a baseline, then writes at
/// moderate concurrency while the script kills the services and Redis in turn, each request retried
/// with its request_id until answered; then every acknowledged request sent once more, the registry
/// and the speakers lists read back, the consumers waited for, and a verdict. Exit 0 only when
/// nothing acknowledged is lost, nothing took effect twice, every repeat got its first answer, and
/// every consumer reached the registry's count.
/// </summary>
public static class ChaosRun
{
    private const int PlenaryMeetings = 4;
    private const string RedisStatePrefix = "{hld}:state:";
    private static readonly string[] ConsumerGroups = ["hld-registry", "hld-sessions", "hld-hearings", "hld-reporting"];

    public static async Task<int> RunAsync(ChaosOptions options)
    {
        try
        {
            using var chaos = new Chaos(options);
            return await chaos.RunAsync();
        }
        catch (ChaosVerificationException ex)
        {
            Console.WriteLine($"chaos: FAILED, could not verify: {ex.Message}");
            return 1;
        }
    }

    /// <summary>One request of the load and how it ended.</summary>
    private sealed class Tracked<TRequest, TResponse>(string key, TRequest request)
        where TResponse : class
    {
        public string Key { get; } = key;

        public TRequest Request { get; } = request;

        public CallResult<TResponse>? Result { get; set; }

        public TResponse? First => Result?.Response;
    }

    /// <summary>Repeats of acknowledged requests, with their request_id: each must get the first answer back.</summary>
    private sealed class Repeats
    {
        private long _sent, _same, _different, _refused, _unanswered;

        public ConcurrentQueue<string> Examples { get; } = new();

        public long Sent => Interlocked.Read(ref _sent);

        public long Same => Interlocked.Read(ref _same);

        public long Different => Interlocked.Read(ref _different);

        public long Refused => Interlocked.Read(ref _refused);

        public long Unanswered => Interlocked.Read(ref _unanswered);

        public void Record<TResponse>(string key, TResponse first, CallResult<TResponse> again)
            where TResponse : class, IMessage
        {
            Interlocked.Increment(ref _sent);
            if (again.Response is { } answer)
            {
                if (answer.Equals(first))
                {
                    Interlocked.Increment(ref _same);
                    return;
                }

                Interlocked.Increment(ref _different);
                Example($"{key}: answered {Short(answer)}, first answer {Short(first)}");
            }
            else if (again.GaveUp)
            {
                Interlocked.Increment(ref _unanswered);
            }
            else
            {
                Interlocked.Increment(ref _refused);
                Example($"{key}: refused {again.Refusal}");
            }
        }

        private void Example(string text)
        {
            if (Examples.Count < 5)
            {
                Examples.Enqueue(text);
            }
        }

        private static string Short(IMessage message)
        {
            var text = JsonFormatter.Default.Format(message);
            return text.Length > 300 ? text[..300] + "…" : text;
        }
    }

    /// <summary>What each side counts: the registry (the source) and its three consumers.</summary>
    private sealed record Counts(long RegistryTotal, long RegistryOrganisations, long ReportingTotal, long ReportingOrganisations, long SessionsKnown, long HearingsKnown)
    {
        public Counts Minus(Counts b) => new(RegistryTotal - b.RegistryTotal, RegistryOrganisations - b.RegistryOrganisations, ReportingTotal - b.ReportingTotal,
            ReportingOrganisations - b.ReportingOrganisations, SessionsKnown - b.SessionsKnown, HearingsKnown - b.HearingsKnown);

        public bool ConsumersAt(long expected) => ReportingOrganisations == expected && ReportingTotal == expected && SessionsKnown == expected && HearingsKnown == expected;
    }

    private sealed class Chaos : IDisposable
    {
        private readonly ChaosOptions _options;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly string _run = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x", CultureInfo.InvariantCulture);
        private readonly GrpcChannel _registryChannel, _sessionsChannel, _hearingsChannel, _reportingChannel;
        private readonly RegistryService.RegistryServiceClient _registry;
        private readonly Sessions.SessionsService.SessionsServiceClient _sessions;
        private readonly Hearings.HearingsService.HearingsServiceClient _hearings;
        private readonly Reporting.ReportingService.ReportingServiceClient _reporting;
        private readonly Metadata _secretariat = Bearer(Roles.Secretariat);
        private readonly Metadata _reader = Bearer(Roles.ReportingReader);
        private readonly ConcurrentQueue<Tracked<RegisterParticipantRequest, RegisterParticipantResponse>> _registrations = new();
        private readonly ConcurrentQueue<Tracked<Sessions.InscribeSpeakerRequest, Sessions.InscribeSpeakerResponse>> _inscriptions = new();
        private readonly Repeats _duringLoad = new();
        private readonly Repeats _atTheEnd = new();
        private readonly List<string> _failures = [];
        private long _next;

        public Chaos(ChaosOptions options)
        {
            _options = options;
            _registryChannel = Channel(options.Registry);
            _sessionsChannel = Channel(options.Sessions);
            _hearingsChannel = Channel(options.Hearings);
            _reportingChannel = Channel(options.Reporting);
            _registry = new RegistryService.RegistryServiceClient(_registryChannel);
            _sessions = new Sessions.SessionsService.SessionsServiceClient(_sessionsChannel);
            _hearings = new Hearings.HearingsService.HearingsServiceClient(_hearingsChannel);
            _reporting = new Reporting.ReportingService.ReportingServiceClient(_reportingChannel);
        }

        private string Prefix => $"chaos-{_run}-";

        private double Now => _clock.Elapsed.TotalSeconds;

        public void Dispose()
        {
            _registryChannel.Dispose();
            _sessionsChannel.Dispose();
            _hearingsChannel.Dispose();
            _reportingChannel.Dispose();
        }

        public async Task<int> RunAsync()
        {
            var verify = new ChaosCaller(_options);
            using var redis = await ConnectionMultiplexer.ConnectAsync(new ConfigurationOptions
            {
                EndPoints = { _options.Redis },
                AbortOnConnectFail = false,
                ConnectTimeout = 2000,
                SyncTimeout = 2000,
                AsyncTimeout = 2000,
            });

            // 1. Baseline: the reference data the registry loads at start-up has reached every consumer.
            var (baseline, settledIn) = await SettleAsync(verify, expected: null, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(120));
            if (settledIn is null)
            {
                _failures.Add("the consumers did not settle before the load (baseline not taken)");
            }

            var deadBefore = await DeadLettersAsync(redis);
            var states = await MemberStatesAsync(verify);
            var pairs = Enumerable.Range(1, PlenaryMeetings).SelectMany(m => states.Select(s => (Meeting: m, State: s))).ToList();
            var inscriptions = _options.Inscriptions < 0 ? pairs.Count : Math.Min(_options.Inscriptions, pairs.Count);
            Console.WriteLine($"  baseline: registry {baseline.RegistryTotal:N0} participants ({baseline.RegistryOrganisations:N0} organisations), reporting {baseline.ReportingTotal:N0}, sessions {baseline.SessionsKnown:N0}, hearings {baseline.HearingsKnown:N0}; {states.Count} Member States");
            Console.WriteLine($"  load: {_options.Workers} workers registering organisations {Prefix}N{(_options.Rate > 0 ? $" at most {_options.Rate:N0}/s" : "")}, {inscriptions} inscriptions on plenary speakers lists; deadline {_options.Deadline.TotalSeconds:0.#}s an attempt, retried up to {_options.GiveUpAfter.TotalSeconds:0}s");

            // 2. The load, while the script kills.
            var load = new ChaosCaller(_options);
            var loadStarted = _clock.Elapsed;
            Directory.CreateDirectory(_options.Control);
            await File.WriteAllTextAsync(Path.Combine(_options.Control, "load-started"), DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            var (loadSeconds, chaosDone) = await LoadAsync(load, pairs.Take(inscriptions).ToList(), loadStarted);
            if (!chaosDone)
            {
                _failures.Add($"the kills were not done {_options.ChaosWithin.TotalSeconds:0}s after the load's {_options.Duration.TotalSeconds:0}s");
            }

            var kills = ReadKills();
            foreach (var kill in kills.Where(k => k.Healthy != "yes"))
            {
                _failures.Add($"{kill.Name} was {(kill.Healthy == "not-running" ? "not running when its kill came" : "not healthy again after its kill")}");
            }

            // 3. Afterwards: every service answering; the registry and the speakers lists read back and
            // the consumers waited for, before anything is sent again (a repeat that ran its request
            // again, over a lost write, would hide the loss); then every acknowledged request sent once
            // more, which must get its first answer and change nothing.
            await HealthyAsync();
            var stored = await StoredParticipantsAsync(verify);
            var listed = await InscribedAsync(verify);
            var settleFrom = _clock.Elapsed;
            var (final, converged) = await SettleAsync(verify, expected: baseline, TimeSpan.FromSeconds(15), _options.SettleWithin, stored.Count);
            var settleSeconds = (_clock.Elapsed - settleFrom).TotalSeconds;
            var deadAfter = await DeadLettersAsync(redis);
            var pending = await PendingAsync(redis);
            var repeatFrom = _clock.Elapsed;
            await RepeatAllAsync(verify);
            var repeatSeconds = (_clock.Elapsed - repeatFrom).TotalSeconds;
            var (afterRepeats, _) = await SettleAsync(verify, expected: final, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30), 0);
            var listedAfterRepeats = (await InscribedAsync(verify)).Values.Sum();

            Report(new Outcome(baseline, final, converged, settleSeconds, stored, listed, deadBefore, deadAfter, kills, load, loadSeconds, repeatSeconds, afterRepeats, listedAfterRepeats, pending));
            return _failures.Count == 0 ? 0 : 1;
        }

        // ------------------------------------------------------------------ the load

        private async Task<(double Seconds, bool ChaosDone)> LoadAsync(ChaosCaller caller, List<(int Meeting, string State)> inscriptions, TimeSpan started)
        {
            var doneFile = Path.Combine(_options.Control, "chaos-done");
            var stopAt = started + _options.Duration;
            var hardStop = stopAt + _options.ChaosWithin;
            var chaosDone = false;
            var stop = false;
            var ticket = 0L;
            var pace = _options.Rate > 0 ? TimeSpan.FromSeconds(1.0 / _options.Rate) : TimeSpan.Zero;

            var watcher = Task.Run(async () =>
            {
                var lastProgress = _clock.Elapsed;
                while (!Volatile.Read(ref stop))
                {
                    chaosDone = chaosDone || File.Exists(doneFile);
                    var now = _clock.Elapsed;
                    if ((now >= stopAt && chaosDone) || now >= hardStop)
                    {
                        Volatile.Write(ref stop, true);
                        break;
                    }

                    if (now - lastProgress >= TimeSpan.FromSeconds(_options.Duration.TotalSeconds >= 30 ? 10 : 2))
                    {
                        lastProgress = now;
                        Progress(caller, started);
                    }

                    await Task.Delay(100);
                }
            });

            var workers = Enumerable.Range(0, _options.Workers).Select(_ => Task.Run(async () =>
            {
                while (!Volatile.Read(ref stop))
                {
                    if (pace > TimeSpan.Zero)
                    {
                        var due = started + (pace * Interlocked.Increment(ref ticket));
                        var wait = due - _clock.Elapsed;
                        if (wait > TimeSpan.FromMilliseconds(1))
                        {
                            await Task.Delay(wait);
                        }

                        if (Volatile.Read(ref stop))
                        {
                            break;
                        }
                    }

                    await RegisterOneAsync(caller);
                }
            })).ToList();

            // The inscriptions go one at a time, spread evenly over the load's planned duration.
            var inscriber = Task.Run(async () =>
            {
                for (var i = 0; i < inscriptions.Count && !Volatile.Read(ref stop); i++)
                {
                    var due = started + (_options.Duration * (i / (double)inscriptions.Count));
                    var wait = due - _clock.Elapsed;
                    if (wait > TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(wait);
                    }

                    var (meeting, state) = inscriptions[i];
                    var request = new Sessions.InscribeSpeakerRequest { MeetingNumber = meeting, ParticipantId = state, RequestId = $"{Prefix}inscribe-{meeting}-{state}" };
                    var tracked = new Tracked<Sessions.InscribeSpeakerRequest, Sessions.InscribeSpeakerResponse>($"meeting {meeting} {state}", request);
                    tracked.Result = await caller.CallAsync(o => _sessions.InscribeSpeakerAsync(request, o), _secretariat);
                    _inscriptions.Enqueue(tracked);
                }
            });

            await Task.WhenAll(workers);
            await inscriber;
            Volatile.Write(ref stop, true);
            await watcher;
            var seconds = (_clock.Elapsed - started).TotalSeconds;
            Progress(caller, started);
            return (seconds, chaosDone || File.Exists(doneFile));
        }

        private async Task RegisterOneAsync(ChaosCaller caller)
        {
            var n = Interlocked.Increment(ref _next);
            var id = $"{Prefix}{n.ToString(CultureInfo.InvariantCulture)}";
            var request = new RegisterParticipantRequest { Participant = BenchRun.NewOrganisation(id, n), RequestId = $"{id}-register" };
            var tracked = new Tracked<RegisterParticipantRequest, RegisterParticipantResponse>(id, request);
            tracked.Result = await caller.CallAsync(o => _registry.RegisterParticipantAsync(request, o), _secretariat);
            _registrations.Enqueue(tracked);

            // A client that lost the answer sends the request again: it must get the same answer.
            if (tracked.First is { } first && _options.DuplicateEvery > 0 && n % _options.DuplicateEvery == 0)
            {
                _duringLoad.Record(id, first, await caller.CallAsync(o => _registry.RegisterParticipantAsync(request, o), _secretariat));
            }
        }

        private void Progress(ChaosCaller caller, TimeSpan started)
        {
            var acknowledged = _registrations.Count(r => r.Result?.Acknowledged == true);
            var failures = string.Join(", ", caller.Failures.OrderByDescending(f => f.Value).Select(f => $"{f.Key} {f.Value:N0}"));
            Console.WriteLine($"  [load +{(_clock.Elapsed - started).TotalSeconds:0.0}s] {_registrations.Count:N0} registrations done ({acknowledged:N0} acknowledged), {_inscriptions.Count:N0} inscriptions; {caller.InRetry:N0} requests retrying now; failed attempts: {(failures.Length == 0 ? "none" : failures)}");
        }

        // ------------------------------------------------------------------ afterwards

        private async Task HealthyAsync()
        {
            foreach (var (name, channel) in new[] { ("registry", _registryChannel), ("sessions", _sessionsChannel), ("hearings", _hearingsChannel), ("reporting", _reportingChannel) })
            {
                var health = new Health.HealthClient(channel);
                var answered = false;
                for (var deadline = Stopwatch.StartNew(); deadline.Elapsed < TimeSpan.FromSeconds(90) && !answered;)
                {
                    try
                    {
                        answered = (await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2))).Status == HealthCheckResponse.Types.ServingStatus.Serving;
                    }
                    catch (RpcException)
                    {
                    }

                    if (!answered)
                    {
                        await Task.Delay(250);
                    }
                }

                if (!answered)
                {
                    throw new ChaosVerificationException($"{name} is not healthy after the load");
                }
            }
        }

        /// <summary>Every acknowledged request once more, with its request_id: the answer must be the first one.</summary>
        private async Task RepeatAllAsync(ChaosCaller caller)
        {
            var registrations = _registrations.Where(r => r.First is not null).ToList();
            await Parallel.ForEachAsync(registrations, new ParallelOptions { MaxDegreeOfParallelism = _options.Workers }, async (r, _) =>
                _atTheEnd.Record(r.Key, r.First!, await caller.CallAsync(o => _registry.RegisterParticipantAsync(r.Request, o), _secretariat)));
            foreach (var i in _inscriptions.Where(i => i.First is not null))
            {
                _atTheEnd.Record(i.Key, i.First!, await caller.CallAsync(o => _sessions.InscribeSpeakerAsync(i.Request, o), _secretariat));
            }
        }

        /// <summary>Every participant of this run the registry lists, with how many times and the etags it lists.</summary>
        private async Task<Dictionary<string, List<string>>> StoredParticipantsAsync(ChaosCaller caller)
        {
            var stored = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var token = "";
            for (var page = 0; page < 100_000; page++)
            {
                var request = new ListParticipantsRequest { PageSize = 200, PageToken = token };
                var answer = await caller.RequireAsync("RegistryService/ListParticipants", o => _registry.ListParticipantsAsync(request, o), _secretariat);
                foreach (var p in answer.Participants.Where(p => p.ParticipantId.StartsWith(Prefix, StringComparison.Ordinal)))
                {
                    if (!stored.TryGetValue(p.ParticipantId, out var etags))
                    {
                        stored[p.ParticipantId] = etags = [];
                    }

                    etags.Add(p.Etag);
                }

                token = answer.NextPageToken;
                if (token.Length == 0)
                {
                    return stored;
                }
            }

            throw new ChaosVerificationException("ListParticipants did not come to an end within 100,000 pages");
        }

        /// <summary>Each plenary speakers list: every participant on it, with how many times.</summary>
        private async Task<Dictionary<(int Meeting, string Participant), int>> InscribedAsync(ChaosCaller caller)
        {
            var listed = new Dictionary<(int, string), int>();
            for (var meeting = 1; meeting <= PlenaryMeetings; meeting++)
            {
                var token = "";
                for (var page = 0; page < 1_000; page++)
                {
                    var request = new Sessions.GetSpeakersListRequest { MeetingNumber = meeting, PageSize = 500, PageToken = token };
                    var answer = await caller.RequireAsync("SessionsService/GetSpeakersList", o => _sessions.GetSpeakersListAsync(request, o), _secretariat);
                    foreach (var position in answer.Positions)
                    {
                        listed[(meeting, position.ParticipantId)] = listed.GetValueOrDefault((meeting, position.ParticipantId)) + 1;
                    }

                    token = answer.NextPageToken;
                    if (token.Length == 0)
                    {
                        break;
                    }
                }
            }

            return listed;
        }

        private async Task<List<string>> MemberStatesAsync(ChaosCaller caller)
        {
            var states = new List<string>();
            var token = "";
            for (var page = 0; page < 100; page++)
            {
                var request = new ListParticipantsRequest { PageSize = 200, PageToken = token, Category = ParticipantCategory.MemberState };
                var answer = await caller.RequireAsync("RegistryService/ListParticipants", o => _registry.ListParticipantsAsync(request, o), _secretariat);
                states.AddRange(answer.Participants.Select(p => p.ParticipantId));
                token = answer.NextPageToken;
                if (token.Length == 0)
                {
                    break;
                }
            }

            return states;
        }

        private async Task<Counts> CountsAsync(ChaosCaller caller)
        {
            var registry = await caller.RequireAsync("RegistryService/CountParticipants", o => _registry.CountParticipantsAsync(new CountParticipantsRequest(), o), _secretariat);
            var reporting = await caller.RequireAsync("ReportingService/GetParticipationCounts", o => _reporting.GetParticipationCountsAsync(new Reporting.GetParticipationCountsRequest(), o), _reader);
            var dialogue = await caller.RequireAsync("SessionsService/GetDialogue", o => _sessions.GetDialogueAsync(new Sessions.GetDialogueRequest(), o), _secretariat);
            var hearing = await caller.RequireAsync("HearingsService/GetHearing", o => _hearings.GetHearingAsync(new Hearings.GetHearingRequest(), o), _secretariat);
            return new Counts(
                registry.Total,
                registry.Counts.Where(c => BenchRun.IsBenchmarkCategory(c.Category)).Sum(c => (long)c.Count),
                reporting.Total,
                reporting.Counts.Where(c => BenchRun.IsBenchmarkCategory(c.Category)).Sum(c => c.Count),
                dialogue.Dialogue.KnownParticipants,
                hearing.Hearing.KnownOrganizations);
        }

        /// <summary>
        /// Polls the counts until they hold still for <paramref name="still"/>, or, given
        /// <paramref name="registered"/>, until every consumer's delta from <paramref name="expected"/>
        /// is exactly that and holds for 2 s; bounded by <paramref name="within"/>. Returns the last
        /// counts and when they settled (null: they did not).
        /// </summary>
        private async Task<(Counts Counts, double? SettledAfter)> SettleAsync(ChaosCaller caller, Counts? expected, TimeSpan still, TimeSpan within, long registered = 0)
        {
            var started = Stopwatch.StartNew();
            var last = await CountsAsync(caller);
            var unchanged = Stopwatch.StartNew();
            var at = (double?)null;
            while (started.Elapsed < within)
            {
                await Task.Delay(500);
                var counts = await CountsAsync(caller);
                if (counts != last)
                {
                    last = counts;
                    unchanged.Restart();
                    at = null;
                }

                var reached = expected is not null && last.Minus(expected).ConsumersAt(registered);
                if (reached)
                {
                    at ??= started.Elapsed.TotalSeconds;
                    if (unchanged.Elapsed >= TimeSpan.FromSeconds(2))
                    {
                        return (last, at);
                    }
                }
                else if (unchanged.Elapsed >= still)
                {
                    return (last, expected is null ? started.Elapsed.TotalSeconds : null);
                }
            }

            return (last, null);
        }

        private static async Task<Dictionary<string, long>> DeadLettersAsync(ConnectionMultiplexer redis)
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal);
            var db = redis.GetDatabase();
            foreach (var group in ConsumerGroups)
            {
                RedisValue value = default;
                for (var attempt = 0; attempt < 20; attempt++)
                {
                    try
                    {
                        value = await db.HashGetAsync($"{RedisStatePrefix}{EventDispatcher.DeadLetterKey(group)}", "v");
                        break;
                    }
                    catch (RedisException) when (attempt < 19)
                    {
                        await Task.Delay(500);
                    }
                }

                counts[group] = value.IsNullOrEmpty ? 0 : long.Parse(value.ToString(), CultureInfo.InvariantCulture);
            }

            return counts;
        }

        /// <summary>Per consumer group, over every topic stream: entries delivered and not acknowledged, and the longest any has waited.</summary>
        private static async Task<Dictionary<string, (long Count, double OldestIdleSeconds)>> PendingAsync(ConnectionMultiplexer redis)
        {
            var pending = new Dictionary<string, (long Count, double OldestIdleSeconds)>(StringComparer.Ordinal);
            try
            {
                var db = redis.GetDatabase();
                var server = redis.GetServers().First(s => s.IsConnected);
                await foreach (var stream in server.KeysAsync(pattern: "{hld}:stream:*", pageSize: 500))
                {
                    if (await db.KeyTypeAsync(stream) != RedisType.Stream)
                    {
                        continue;
                    }

                    foreach (var group in await db.StreamGroupInfoAsync(stream))
                    {
                        if (group.PendingMessageCount == 0)
                        {
                            continue;
                        }

                        var oldest = (await db.StreamPendingMessagesAsync(stream, group.Name, 1, RedisValue.Null)).FirstOrDefault();
                        var (count, idle) = pending.GetValueOrDefault(group.Name);
                        pending[group.Name] = (count + group.PendingMessageCount, Math.Max(idle, oldest.IdleTimeInMilliseconds / 1000.0));
                    }
                }
            }
            catch (RedisException ex)
            {
                Console.WriteLine($"  (pending entries not read: {ex.Message})");
            }

            return pending;
        }

        private sealed record Kill(string Name, string Pid, double At, double BackAfter, string Healthy);

        private List<Kill> ReadKills()
        {
            var file = Path.Combine(_options.Control, "kills");
            return !File.Exists(file) ? [] : [.. File.ReadAllLines(file).Select(l => l.Split(' ')).Where(f => f.Length == 5)
                .Select(f => new Kill(f[0], f[1], double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture), f[4]))];
        }

        // ------------------------------------------------------------------ the report

        private sealed record Outcome(
            Counts Baseline,
            Counts Final,
            double? Converged,
            double SettleSeconds,
            Dictionary<string, List<string>> Stored,
            Dictionary<(int Meeting, string Participant), int> Listed,
            Dictionary<string, long> DeadBefore,
            Dictionary<string, long> DeadAfter,
            List<Kill> Kills,
            ChaosCaller Load,
            double LoadSeconds,
            double RepeatSeconds,
            Counts AfterRepeats,
            int ListedAfterRepeats,
            Dictionary<string, (long Count, double OldestIdleSeconds)> Pending);

        private void Report(Outcome o)
        {
            var (baseline, final, converged, stored, listed, kills, load) = (o.Baseline, o.Final, o.Converged, o.Stored, o.Listed, o.Kills, o.Load);
            var (deadBefore, deadAfter) = (o.DeadBefore, o.DeadAfter);
            var registrations = _registrations.ToList();
            var attempted = registrations.Count;
            var acknowledged = registrations.Where(r => r.First is not null).ToList();
            var refused = registrations.Where(r => r.Result?.Refusal is not null).ToList();
            var gaveUp = registrations.Count(r => r.Result?.GaveUp == true);
            var attempts = registrations.Sum(r => (long)(r.Result?.Attempts ?? 0));
            var lost = acknowledged.Where(r => !stored.ContainsKey(r.Key)).ToList();
            var listedTwice = stored.Where(s => s.Value.Count > 1).ToList();
            var notAsAnswered = acknowledged.Where(r => stored.TryGetValue(r.Key, out var etags) && etags.Any(e => e != r.First!.Participant.Etag)).ToList();
            var attemptedIds = registrations.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            var strangers = stored.Keys.Count(k => !attemptedIds.Contains(k));
            var acknowledgedIds = acknowledged.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
            var storedUnacknowledged = stored.Keys.Count(k => attemptedIds.Contains(k) && !acknowledgedIds.Contains(k));
            var delta = final.Minus(baseline);
            var n = (long)stored.Count;

            Console.WriteLine();
            Console.WriteLine($"Chaos run {_run}: load {o.LoadSeconds:0.0}s ({_options.Duration.TotalSeconds:0}s planned, then until the last kill was back), {_options.Workers} workers, deadline {_options.Deadline.TotalSeconds:0.#}s an attempt");
            Console.WriteLine(kills.Count == 0 ? "  kills: none" : "  kills: " + string.Join("; ", kills.Select(k =>
                k.Healthy == "not-running" ? $"{k.Name} at +{k.At:0.0}s: was not running" : $"{k.Name} at +{k.At:0.0}s, healthy {k.BackAfter:0.0}s later{(k.Healthy == "yes" ? "" : " NOT")}")));
            var failed = string.Join(", ", load.Failures.OrderByDescending(f => f.Value).Select(f => $"{f.Key} {f.Value:N0}"));
            Console.WriteLine($"  failed attempts during the load, retried: {(failed.Length == 0 ? "none" : failed)}");
            Console.WriteLine();
            Console.WriteLine("registrations (RegistryService/RegisterParticipant, one request_id each)");
            Line("attempted", attempted, $"{attempts:N0} attempts");
            Line("acknowledged", acknowledged.Count, $"{refused.Count:N0} refused, {gaveUp:N0} unanswered after {_options.GiveUpAfter.TotalSeconds:0}s of retries");
            Line("stored", n, $"ids {Prefix}* in ListParticipants; {storedUnacknowledged:N0} of them never acknowledged, {strangers:N0} never attempted");
            Line("lost", lost.Count, "acknowledged, not stored");
            Line("stored twice", listedTwice.Count + notAsAnswered.Count, $"{listedTwice.Count:N0} listed twice, {notAsAnswered.Count:N0} stored at another etag than acknowledged; registry count delta {delta.RegistryTotal:N0}");
            foreach (var r in refused.Take(5))
            {
                Console.WriteLine($"    refused: {r.Key}: {r.Result!.Refusal}");
            }

            var inscriptions = _inscriptions.ToList();
            var inscribed = inscriptions.Where(i => i.First is not null).ToList();
            var inscriptionsLost = inscribed.Where(i => !listed.ContainsKey((i.Request.MeetingNumber, i.Request.ParticipantId))).ToList();
            var ours = inscriptions.Select(i => (i.Request.MeetingNumber, i.Request.ParticipantId)).ToHashSet();
            var inscribedTwice = listed.Count(l => ours.Contains(l.Key) && l.Value > 1);
            var inscriptionsRefused = inscriptions.Where(i => i.Result?.Refusal is not null).ToList();
            Console.WriteLine();
            Console.WriteLine("inscriptions (SessionsService/InscribeSpeaker, Member States on plenary speakers lists 1-4)");
            Line("attempted", inscriptions.Count, $"{inscriptions.Sum(i => (long)(i.Result?.Attempts ?? 0)):N0} attempts");
            Line("acknowledged", inscribed.Count, $"{inscriptionsRefused.Count:N0} refused, {inscriptions.Count(i => i.Result?.GaveUp == true):N0} unanswered");
            Line("stored", listed.Count(l => ours.Contains(l.Key)), "on GetSpeakersList");
            Line("lost", inscriptionsLost.Count, "acknowledged, not on the list");
            Line("stored twice", inscribedTwice, "listed twice on one meeting's list");
            foreach (var i in inscriptionsRefused.Take(5))
            {
                Console.WriteLine($"    refused: {i.Key}: {i.Result!.Refusal}");
            }

            var repeated = _duringLoad.Sent + _atTheEnd.Sent;
            var same = _duringLoad.Same + _atTheEnd.Same;
            Console.WriteLine();
            Console.WriteLine($"retries answered with their first answer: {same:N0} of {repeated:N0}");
            Console.WriteLine($"    during the load, 1 in {_options.DuplicateEvery} acknowledged registrations sent again at once: {_duringLoad.Same:N0} of {_duringLoad.Sent:N0} ({_duringLoad.Different:N0} different, {_duringLoad.Refused:N0} refused, {_duringLoad.Unanswered:N0} unanswered)");
            Console.WriteLine($"    after the load, every acknowledged request sent again ({o.RepeatSeconds:0.0}s): {_atTheEnd.Same:N0} of {_atTheEnd.Sent:N0} ({_atTheEnd.Different:N0} different, {_atTheEnd.Refused:N0} refused, {_atTheEnd.Unanswered:N0} unanswered)");
            foreach (var example in _duringLoad.Examples.Concat(_atTheEnd.Examples).Take(5))
            {
                Console.WriteLine($"    {example}");
            }

            var moved = o.AfterRepeats.Minus(final);
            var listedBefore = listed.Values.Sum();
            var unchanged = moved == new Counts(0, 0, 0, 0, 0, 0) && o.ListedAfterRepeats == listedBefore;
            Console.WriteLine($"    the repeats changed {(unchanged ? "nothing" : "SOMETHING")}: registry count {final.RegistryTotal:N0} -> {o.AfterRepeats.RegistryTotal:N0}, reporting {final.ReportingTotal:N0} -> {o.AfterRepeats.ReportingTotal:N0}, sessions {final.SessionsKnown:N0} -> {o.AfterRepeats.SessionsKnown:N0}, hearings {final.HearingsKnown:N0} -> {o.AfterRepeats.HearingsKnown:N0}, speakers lists {listedBefore:N0} -> {o.ListedAfterRepeats:N0} positions");

            Console.WriteLine();
            Console.WriteLine($"events applied by each consumer (delta from the baseline; each must be the {n:N0} stored)");
            Consumer("reporting, the four organisation categories", delta.ReportingOrganisations, n);
            Consumer("reporting, participation total", delta.ReportingTotal, n);
            Consumer("sessions, GetDialogue known_participants", delta.SessionsKnown, n);
            Consumer("hearings, GetHearing known_organizations", delta.HearingsKnown, n);
            Console.WriteLine(converged is { } c
                ? $"    all converged {c:0.0}s after the registry was read ({o.SettleSeconds:0.0}s waited, 2s of it to see them hold)"
                : $"    not converged: nothing moved for 15s, or {_options.SettleWithin.TotalSeconds:0}s passed ({o.SettleSeconds:0.0}s waited)");

            Console.WriteLine();
            Console.WriteLine($"dead letters (no RPC reads them: HGET {RedisStatePrefix}platform/dead-letters/<app id> v, before -> after)");
            Console.WriteLine("    " + string.Join(", ", ConsumerGroups.Select(g => $"{g} {deadBefore[g]:N0} -> {deadAfter[g]:N0}")));
            Console.WriteLine("pending entries (delivered to a consumer, not acknowledged) once settled, over every topic; XPENDING, for diagnosis");
            Console.WriteLine("    " + string.Join(", ", ConsumerGroups.Select(g => o.Pending.TryGetValue(g, out var p) && p.Count > 0
                ? $"{g} {p.Count:N0} (oldest idle {p.OldestIdleSeconds:0}s)"
                : $"{g} 0")));

            if (lost.Count > 0)
            {
                _failures.Add($"{lost.Count:N0} acknowledged registrations lost (first: {string.Join(", ", lost.Take(3).Select(l => l.Key))})");
            }

            if (listedTwice.Count > 0 || notAsAnswered.Count > 0 || delta.RegistryTotal > n)
            {
                _failures.Add($"registrations with a double effect: {listedTwice.Count:N0} listed twice, {notAsAnswered.Count:N0} stored at another etag than acknowledged, registry count delta {delta.RegistryTotal:N0} for {n:N0} listed");
            }

            if (strangers > 0)
            {
                _failures.Add($"{strangers:N0} participants of this run stored that it never sent");
            }

            if (delta.RegistryTotal < n)
            {
                _failures.Add($"the registry counts {n - delta.RegistryTotal:N0} fewer new participants than it lists: some it held before the load are gone");
            }

            if (refused.Count > 0 || inscriptionsRefused.Count > 0)
            {
                _failures.Add($"{refused.Count + inscriptionsRefused.Count:N0} requests refused while being retried with their request_id");
            }

            if (inscriptionsLost.Count > 0 || inscribedTwice > 0)
            {
                _failures.Add($"inscriptions: {inscriptionsLost.Count:N0} lost, {inscribedTwice:N0} listed twice");
            }

            if (same != repeated)
            {
                _failures.Add($"{repeated - same:N0} of {repeated:N0} repeats not answered with their first answer");
            }

            if (!unchanged)
            {
                _failures.Add("sending acknowledged requests again changed the counts: a repeat ran its request again instead of answering from its record");
            }

            if (!delta.ConsumersAt(n))
            {
                _failures.Add($"consumers did not converge on {n:N0}: reporting {delta.ReportingOrganisations:N0} (total {delta.ReportingTotal:N0}), sessions {delta.SessionsKnown:N0}, hearings {delta.HearingsKnown:N0}");
            }

            if (ConsumerGroups.Any(g => deadAfter[g] > deadBefore[g]))
            {
                _failures.Add("events went to dead letter");
            }

            if (acknowledged.Count == 0)
            {
                _failures.Add("no registration was acknowledged");
            }

            Console.WriteLine();
            Console.WriteLine(_failures.Count == 0 ? "chaos: PASSED" : "chaos: FAILED: " + string.Join("; ", _failures));
        }

        private static void Line(string what, long value, string note) => Console.WriteLine($"  {what,-14} {value,10:N0}   {note}");

        private static void Consumer(string what, long value, long expected) =>
            Console.WriteLine($"  {what,-44} {value,10:N0}   {(value == expected ? "converged" : value > expected ? $"{value - expected:N0} MORE than the registry" : $"{expected - value:N0} short")}");

        private static GrpcChannel Channel(string address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                ConnectTimeout = TimeSpan.FromSeconds(2),
            },
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });

        private static Metadata Bearer(string role) => new() { { "authorization", $"Bearer {DevelopmentTokens.Create(role, null)}" } };
    }
}
