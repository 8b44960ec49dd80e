using System.Collections.Immutable;
using System.Text.Json;
using Google.Protobuf;
using Hld.Contracts.Events.V1;
using Hld.Platform.Events;
using Hld.Platform.Redis;
using Hld.Platform.State;
using StackExchange.Redis;
using Common = Hld.Contracts.Common.V1;
using Model = Hld.Registry.Participants;

namespace Hld.Benchmarks;

/// <summary>
/// Writes through the platform's own Redis adapter, many at once, what the figures need in bulk.
/// <see cref="RegisterOneAsync"/> commits a participant with its ParticipantRegistered event under
/// the registry's key, as the registry commits it (without index positions), for the propagation
/// figure. <see cref="StoreRegisteredAsync"/> and <see cref="StoreUpdatedAsync"/> put registry events
/// straight into reporting's event store, as <c>ReportingEventStore.StoreAsync</c> stores a received
/// event, for the growth, memory and rebuild figures: the event bus delivers about a hundred events
/// a second per consumer on this machine, so 100,000 participants through it would take the whole
/// budget (docs/benchmarks.md). Reporting's projector then applies them as it applies live events.
/// </summary>
public sealed class Seeding(string redisConfiguration) : IAsyncDisposable
{
    internal const string Source = "hld-registry";
    internal static readonly DateTimeOffset RegisteredAt = new(2013, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ConnectionMultiplexer _redis = ConnectionMultiplexer.Connect(redisConfiguration);
    private RedisAggregateStore? _store;
    private long _seeded;

    /// <summary>Stores <paramref name="count"/> ParticipantRegistered events of new organisations in reporting's event store.</summary>
    public async Task StoreRegisteredAsync(int count, int concurrency = 64)
    {
        var first = Interlocked.Add(ref _seeded, count) - count;
        await Parallel.ForAsync(first, first + count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (n, ct) =>
        {
            var participant = Participant(n);
            await StoreInReportingAsync(EventEnvelopes.Create(Registered(participant), Key(participant.Id), 1, RegisteredAt, Source), ct);
        });
    }

    /// <summary>Stores a ParticipantUpdated event for each of the first <paramref name="count"/> seeded participants (cycling if more).</summary>
    public async Task StoreUpdatedAsync(int count, int concurrency = 64)
    {
        var seeded = Math.Max(1, Interlocked.Read(ref _seeded));
        await Parallel.ForAsync(0L, count, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var participant = Participant(i % seeded);
            var version = 2 + (i / seeded);
            var updated = new ParticipantUpdated { ParticipantId = participant.Id, Category = (Common.ParticipantCategory)participant.Category, Name = Names(participant), ParticipantVersion = version };
            await StoreInReportingAsync(EventEnvelopes.Create(updated, Key(participant.Id), version, RegisteredAt, Source), ct);
        });
    }

    /// <summary>Registers the next seeded participant, one commit with its event, as the registry commits it.</summary>
    public Task RegisterOneAsync()
    {
        var n = Interlocked.Increment(ref _seeded) - 1;
        var participant = Participant(n);
        var key = Key(participant.Id);
        return Store().TryCommitAsync(key, 0, Json(participant), [EventEnvelopes.Create(Registered(participant), key, 1, RegisteredAt, Source)]);
    }

    // Reporting keeps each received event once under reporting/events/{event_id}, and appends it to
    // its log in the same commit (services/Hld.Reporting.Api/EventStore/ReportingEventStore.cs).
    private Task<bool> StoreInReportingAsync(EventEnvelope envelope, CancellationToken cancellationToken)
    {
        var key = $"reporting/events/{envelope.EventId}";
        var stored = EventEnvelopes.Create(new EventStored { Envelope = envelope }, key, 1, RegisteredAt, "hld-reporting");
        return Store().TryCommitAsync(key, 0, envelope.ToByteArray(), [stored], cancellationToken);
    }

    public async ValueTask DisposeAsync() => await _redis.DisposeAsync();

    private RedisAggregateStore Store() => _store ??= new(_redis, new RedisOptions { Configuration = redisConfiguration, OperationTimeout = TimeSpan.FromSeconds(30) });

    // The registry's key for a participant (services/Hld.Registry.Api/Storage/RegistryKeys.cs).
    internal static string Key(string participantId) => $"registry/participant/{participantId.ToUpperInvariant()}";

    internal static ReadOnlyMemory<byte> Json(Model.Participant participant) => JsonSerializer.SerializeToUtf8Bytes(participant, AggregateRepository.Json);

    internal static ParticipantRegistered Registered(Model.Participant participant) => ParticipantRegistered.Of(new Contracts.Registry.V1.Participant
    {
        ParticipantId = participant.Id,
        Category = (Common.ParticipantCategory)participant.Category,
        Name = Names(participant),
        CountryCode = participant.CountryCode,
        RegionalGroup = (Common.RegionalGroup)participant.RegionalGroup,
    });

    private static Common.LocalizedText Names(Model.Participant participant) => new() { Texts = { participant.Names.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal) } };

    private static Model.Participant Participant(long n) => Participant($"seed-{n}", n);

    /// <summary>The registry's model of organisation <paramref name="n"/> (see <see cref="BenchRun.NewOrganisation(string, long)"/>) under <paramref name="id"/>.</summary>
    internal static Model.Participant Participant(string id, long n)
    {
        var template = BenchRun.NewOrganisation(id, n);
        return new Model.Participant(
            template.ParticipantId,
            (Hld.Domain.ParticipantCategory)template.Category,
            ImmutableDictionary<string, string>.Empty.Add("en", template.Name.Texts["en"]),
            template.CountryCode,
            (Hld.Domain.RegionalGroup)BenchRun.GroupOf(template.CountryCode),
            Hld.Domain.EcosocStatus.Unspecified)
        {
            RegisteredAt = RegisteredAt,
        };
    }
}
