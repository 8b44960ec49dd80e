using System.Collections.Concurrent;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.Events;
using Hld.Platform.Security;
using Hld.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>Calls and checks the registry tests share: callers by role, error shapes, reference data, event probes.</summary>
internal static class RegistryTestKit
{
    public static RegistryService.RegistryServiceClient Client(GrpcChannel channel) => new(channel);

    public static CallOptions Pga => TestTokens.Call(Roles.PgaOffice);

    public static CallOptions Secretariat => TestTokens.Call(Roles.Secretariat);

    public static CallOptions Operator => TestTokens.Call(Roles.Operator);

    public static CallOptions State(string code) => TestTokens.Call(Roles.MemberState, code);

    public static CallOptions Observer(string id) => TestTokens.Call(Roles.Observer, id);

    public static CallOptions Stakeholder(string id) => TestTokens.Call(Roles.Stakeholder, id);

    /// <summary>Loads the reference data (idempotent), so Member States and observers exist.</summary>
    public static Task<LoadReferenceDataResponse> LoadReferenceDataAsync(RegistryService.RegistryServiceClient registry) =>
        registry.LoadReferenceDataAsync(new LoadReferenceDataRequest(), Operator).ResponseAsync;

    public static Participant Organization(string id, ParticipantCategory category, string country = "KEN", EcosocStatus status = EcosocStatus.Unspecified) => new()
    {
        ParticipantId = id,
        Category = category,
        Name = new LocalizedText { Texts = { ["en"] = $"Organisation {id}", ["zh"] = $"组织 {id}" } },
        CountryCode = country,
        EcosocStatus = status,
    };

    public static Participant MemberState(string code, RegionalGroup group, string? name = null) => new()
    {
        ParticipantId = code,
        Category = ParticipantCategory.MemberState,
        Name = new LocalizedText { Texts = { ["en"] = name ?? code } },
        CountryCode = code,
        RegionalGroup = group,
    };

    public static async Task<Participant> RegisterAsync(RegistryService.RegistryServiceClient registry, Participant participant) =>
        (await registry.RegisterParticipantAsync(new RegisterParticipantRequest { Participant = participant }, Secretariat)).Participant;

    public static async Task<RpcException> Refused(Func<Task> call, StatusCode code)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, error.StatusCode);
        return error;
    }

    /// <summary>FAILED_PRECONDITION naming the rule and its paragraph in ErrorInfo.</summary>
    public static async Task RefusedUnder(Func<Task> call, string reason, string paragraph)
    {
        var error = await Refused(call, StatusCode.FailedPrecondition);
        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal(reason, info.Reason);
        Assert.Equal("hld.services", info.Domain);
        Assert.Equal(paragraph, info.Metadata["paragraph"]);
    }

    /// <summary>INVALID_ARGUMENT naming each bad field.</summary>
    public static async Task<IReadOnlyList<string>> InvalidFields(Func<Task> call)
    {
        var error = await Refused(call, StatusCode.InvalidArgument);
        return [.. error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field)];
    }

    /// <summary>Stops a host the test started itself (a factory stops its host twice; the platform tolerates it).</summary>
    public static async Task StopHostAsync(IAsyncDisposable host) => await host.DisposeAsync();

    /// <summary>A list with entries, as the PGA office builds it; returns its etag.</summary>
    public static async Task<ParticipantList> DraftListAsync(RegistryService.RegistryServiceClient registry, string listId, ListKind kind, params string[] participantIds)
    {
        var list = (await registry.CreateListAsync(new CreateListRequest
        {
            ListId = listId,
            Kind = kind,
            Title = new LocalizedText { Texts = { ["en"] = $"List {listId}", ["zh"] = $"名单 {listId}" } },
        }, Pga)).List;
        foreach (var id in participantIds)
        {
            list = (await registry.AddListEntryAsync(new AddListEntryRequest { ListId = listId, ParticipantId = id, Etag = list.Etag }, Pga)).List;
        }

        return list;
    }

    /// <summary>A para 12 list of newly registered NGOs, consulted on and circulated with <paramref name="deadline"/>.</summary>
    public static async Task<ParticipantList> CirculatedParaTwelveListAsync(
        RegistryService.RegistryServiceClient registry, string listId, DateTimeOffset deadline, Func<string, string> countryOf, params string[] ngos)
    {
        foreach (var id in ngos)
        {
            await RegisterAsync(registry, Organization(id, ParticipantCategory.OtherNgo, country: countryOf(id)));
        }

        var list = await DraftListAsync(registry, listId, ListKind.OtherStakeholders, ngos);
        list = (await registry.RecordListConsultationAsync(new RecordListConsultationRequest
        {
            ListId = listId,
            HeldOn = new CalendarDate { Year = 2013, Month = 5, Day = 28 },
            Summary = "Consultation with Member States through the regional groups.",
            Etag = list.Etag,
        }, Pga)).List;
        return (await registry.CirculateListAsync(new CirculateListRequest { ListId = listId, ObjectionDeadline = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(deadline), Etag = list.Etag }, Pga)).List;
    }

    /// <summary>Moves the hearing from 15 July 2013, published as the hearings service publishes it: through the platform, from a hearings aggregate.</summary>
    public static Task PublishHearingMovedAsync(IServiceProvider hearings, DateOnly to) =>
        hearings.GetRequiredService<Hld.Platform.State.AggregateRepository>().CommitAsync(
            $"hearings/test-hearing/{Guid.NewGuid():N}", 0, new { moved = true },
            [new HearingScheduled
            {
                DialogueId = "hld-2013",
                Date = new CalendarDate { Year = to.Year, Month = to.Month, Day = to.Day },
                PreviousDate = new CalendarDate { Year = 2013, Month = 7, Day = 15 },
                Chair = "President of the General Assembly",
            }],
            CancellationToken.None);
}

/// <summary>
/// Watches the registry's integration events through the platform's real event bus, as a consumer group
/// of its own (a new group reads each topic from the beginning), so a test sees what other services see.
/// </summary>
internal sealed class EventProbe : IAsyncDisposable
{
    private readonly ConcurrentQueue<EventEnvelope> _seen = new();
    private IAsyncDisposable? _subscription;

    public static async Task<EventProbe> StartAsync(IServiceProvider services, params string[] topics)
    {
        var probe = new EventProbe();
        probe._subscription = await services.GetRequiredService<IEventBus>().SubscribeAsync(
            $"probe-{Guid.NewGuid():N}", topics, (envelope, _) =>
            {
                probe._seen.Enqueue(envelope);
                return Task.CompletedTask;
            });
        return probe;
    }

    public IReadOnlyList<(EventEnvelope Envelope, T Event)> Seen<T>() where T : class, IMessage<T>, new() =>
        [.. _seen.Where(e => e.Topic == Topics.Of<T>()).Select(e => (e, e.Payload.Unpack<T>()))];

    /// <summary>Waits until an event matching <paramref name="match"/> arrives, and returns all that match.</summary>
    public Task<IReadOnlyList<T>> WaitFor<T>(Func<T, bool> match, int count = 1) where T : class, IMessage<T>, new() =>
        Eventually.Until(
            () => Task.FromResult<IReadOnlyList<T>>([.. Seen<T>().Select(s => s.Event).Where(match)]),
            found => found.Count >= count,
            what: $"{count} {typeof(T).Name} event(s)");

    public async ValueTask DisposeAsync()
    {
        if (_subscription is not null)
        {
            await _subscription.DisposeAsync();
        }
    }
}
