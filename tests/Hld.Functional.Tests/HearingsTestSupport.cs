using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Hearings.V1;
using Hld.Platform.Events;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>What the hearing tests share: the 2013 dates, registry events, event read-back, error assertions.</summary>
internal static class HearingsTestSupport
{
    public static readonly TimeSpan NewYork = TimeSpan.FromHours(-4);

    public static readonly CalendarDate HearingDay = new() { Year = 2013, Month = 7, Day = 15 };

    public const string Chair = "Vuk Jeremić, President of the sixty-seventh session of the General Assembly";

    public static DateTimeOffset At(int month, int day, int hour = 10) => new(2013, month, day, hour, 0, 0, NewYork);

    public static CalendarDate Day(int month, int day) => new() { Year = 2013, Month = month, Day = day };

    public static FinalListEntry Entry(string id, ParticipantCategory category, RegionalGroup group = RegionalGroup.AfricanStates) => new()
    {
        ParticipantId = id,
        Category = category,
        Name = new LocalizedText { Texts = { ["en"] = $"Organisation {id}", ["zh"] = $"组织 {id}" } },
        CountryCode = "KEN",
        RegionalGroup = group,
    };

    public static ListFinalised FinalList(string listId, ListKind kind, params FinalListEntry[] entries) => new()
    {
        ListId = listId,
        Kind = kind,
        Entries = { entries },
        FinalisedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(At(6, 1)),
    };

    /// <summary>
    /// Publishes a registry event into the shared store exactly as the registry does: one commit of a
    /// registry aggregate carrying the event, with the registry's app id as source. The registry's list
    /// RPCs are being written concurrently; until they land, tests produce their events this way, under
    /// keys of their own (`registry/test-fixture/...`) that no registry code reads.
    /// </summary>
    public static async Task PublishRegistryEventAsync(IServiceProvider registry, IMessage @event, string name)
    {
        var store = registry.GetRequiredService<IAggregateStore>();
        var now = registry.GetRequiredService<TimeProvider>().GetUtcNow();
        var key = $"registry/test-fixture/{name}";
        var current = await store.GetAsync(key);
        var version = (current?.Version ?? 0) + 1;
        var committed = await store.TryCommitAsync(
            key, version - 1, "{}"u8.ToArray(), [EventEnvelopes.Create(@event, key, version, now, "hld-registry")]);
        Assert.True(committed, $"could not publish {@event.Descriptor.Name} as the registry");
    }

    /// <summary>Everything published on <typeparamref name="TEvent"/>'s topic so far, read through a consumer group of the test's own.</summary>
    public static async Task<IReadOnlyList<TEvent>> PublishedAsync<TEvent>(IServiceProvider services)
        where TEvent : class, IMessage<TEvent>, new()
    {
        var log = services.GetRequiredService<IEventStreamLog>();
        var topic = Topics.Of<TEvent>();
        var group = $"test-observer-{Guid.NewGuid():N}";
        await log.EnsureGroupAsync(group, [topic], CancellationToken.None);
        var events = new List<TEvent>();
        while (true)
        {
            var entries = await log.ReadNewAsync(group, "observer", [topic], 256, CancellationToken.None);
            if (entries.Count == 0)
            {
                return events;
            }

            events.AddRange(entries.Select(e => e.Envelope.Payload.Unpack<TEvent>()));
        }
    }

    public static async Task<ErrorInfo> RefusedAsync(Func<Task> call, string reason, string paragraph)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal(reason, info.Reason);
        Assert.Equal("hld.services", info.Domain);
        Assert.Equal(paragraph, info.Metadata["paragraph"]);
        return info;
    }

    public static async Task<RpcException> FailsWithAsync(StatusCode code, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, error.StatusCode);
        return error;
    }

    public static async Task<IReadOnlyList<string>> InvalidFieldsAsync(Func<Task> call)
    {
        var error = await FailsWithAsync(StatusCode.InvalidArgument, call);
        return [.. error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field)];
    }

    public static CallOptions Pga => TestTokens.Call(Roles.PgaOffice);

    public static CallOptions As(string role, string? participant = null) => TestTokens.Call(role, participant);

    public static async Task<Hearing> ReadHearingAsync(HearingsService.HearingsServiceClient client) =>
        (await client.GetHearingAsync(new GetHearingRequest(), Pga)).Hearing;

    /// <summary>Schedules the hearing on 15 July 2013 unless an earlier test of the class already did.</summary>
    public static async Task<Hearing> EnsureScheduledAsync(HearingsService.HearingsServiceClient client)
    {
        var hearing = await ReadHearingAsync(client);
        return hearing.Date is not null
            ? hearing
            : (await client.ScheduleHearingAsync(new ScheduleHearingRequest { Date = HearingDay, Chair = Chair }, Pga)).Hearing;
    }

    /// <summary>Waits until the hearing's read model of the registry counts <paramref name="participantId"/> as eligible.</summary>
    public static Task<GetEligibilityResponse> EligibleAsync(HearingsService.HearingsServiceClient client, string participantId) =>
        Eventually.Until(
            () => client.GetEligibilityAsync(new GetEligibilityRequest { ParticipantId = participantId }, Pga).ResponseAsync,
            r => r.Eligible,
            what: $"the hearing to learn that {participantId} stands on a final list");
}
