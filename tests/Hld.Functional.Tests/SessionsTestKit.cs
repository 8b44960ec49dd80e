using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Events.V1;
using Hld.Contracts.Registry.V1;
using Hld.Contracts.Sessions.V1;
using Hld.Platform.Events;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Sessions.Api.State;
using Hld.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Hld.Functional.Tests;

/// <summary>What the sessions functional tests share: clients, registrations, events from other services, error checks.</summary>
internal static class SessionsTestKit
{
    public static SessionsService.SessionsServiceClient Sessions(this HldHosts hosts) => new(hosts.Sessions.Channel);

    public static LocalizedText Text(string en, string zh) => new() { Texts = { ["en"] = en, ["zh"] = zh } };

    /// <summary>Registers a participant through the registry's RPC and waits until the sessions service has learned of it.</summary>
    public static async Task RegisterAsync(this HldHosts hosts, string id, ParticipantCategory category, RegionalGroup group, string? countryCode = null)
    {
        var registry = new RegistryService.RegistryServiceClient(hosts.Registry.Channel);
        await registry.RegisterParticipantAsync(new RegisterParticipantRequest
        {
            Participant = new Participant
            {
                ParticipantId = id,
                Category = category,
                Name = Text($"Name of {id}", $"{id}的名称"),
                CountryCode = countryCode ?? (id.Length == 3 ? id : "USA"),
                RegionalGroup = group,
                EcosocStatus = category == ParticipantCategory.EcosocNgo ? EcosocStatus.Special : EcosocStatus.Unspecified,
            },
        }, TestTokens.Call(Roles.Secretariat));
        await Eventually.Until(() => DirectoryAsync(hosts, id), d => d.Find(id) is not null, what: $"sessions to learn of {id}");
    }

    /// <summary>Registers a Member State and sets its delegation's level (version 1), both learned by the sessions service.</summary>
    public static async Task MemberStateAsync(this HldHosts hosts, string id, RegionalGroup group, LevelOfRepresentation level)
    {
        await hosts.RegisterAsync(id, ParticipantCategory.MemberState, group);
        await hosts.SetLevelAsync(id, ParticipantCategory.MemberState, group, level, 1);
    }

    /// <summary>The sessions service's read model of the participants named, as its handlers left it (a probe for eventual updates, never written).</summary>
    public static Task<Hld.Sessions.Participants.ParticipantDirectory> DirectoryAsync(HldHosts hosts, params string[] ids) =>
        hosts.Sessions.Services.GetRequiredService<SessionsState>().DirectoryAsync(ids, CancellationToken.None);

    /// <summary>The sessions service's read model of final lists (a probe, never written).</summary>
    public static async Task<Hld.Sessions.Participants.FinalLists> FinalListsAsync(HldHosts hosts) =>
        (await hosts.Sessions.Services.GetRequiredService<AggregateRepository>().LoadAsync<Hld.Sessions.Participants.FinalLists>(SessionsState.FinalListsKey, CancellationToken.None))?.Value
        ?? Hld.Sessions.Participants.FinalLists.Empty;

    /// <summary>
    /// Publishes an event as another service does: a commit through the platform's state port with
    /// the event's envelope (exactly what AggregateRepository.CommitAsync does in the registry and the
    /// hearings service). Used for events whose producing RPC was not in the contracts when these
    /// tests were written (the registry's delegation levels and final lists, the hearing's selection).
    /// </summary>
    public static async Task PublishAsync(IServiceProvider producer, string source, IMessage @event)
    {
        var key = $"functional-tests/{source}/{Guid.NewGuid():N}";
        var clock = producer.GetRequiredService<TimeProvider>();
        var envelope = EventEnvelopes.Create(@event, key, 1, clock.GetUtcNow(), source);
        var committed = await producer.GetRequiredService<IAggregateStore>().TryCommitAsync(key, 0, "{}"u8.ToArray(), [envelope]);
        Assert.True(committed);
    }

    /// <summary>What the registry publishes when a delegation's level is set (para 5).</summary>
    public static async Task SetLevelAsync(this HldHosts hosts, string id, ParticipantCategory category, RegionalGroup group, LevelOfRepresentation level, long version, bool wait = true)
    {
        await PublishAsync(hosts.Registry.Services, "hld-registry", new DelegationLevelChanged
        {
            ParticipantId = id,
            Category = category,
            RegionalGroup = group,
            Level = level,
            HeadOfDelegation = $"Head of the delegation of {id}",
            DelegationVersion = version,
        });
        if (wait)
        {
            await Eventually.Until(() => DirectoryAsync(hosts, id), d => d.Find(id)?.LevelVersion >= version, what: $"sessions to apply level version {version} of {id}");
        }
    }

    /// <summary>The events of one type the sessions service has published, read from its topic's log in commit order.</summary>
    public static async Task<IReadOnlyList<T>> PublishedAsync<T>(this HldHosts hosts) where T : class, IMessage<T>, new()
    {
        var log = await hosts.Sessions.Services.GetRequiredService<IEventLogReader>().ReadAfterAsync(Topics.Of<T>(), string.Empty, 10_000, CancellationToken.None);
        return [.. log.Select(e => e.Envelope.Payload.Unpack<T>())];
    }

    /// <summary>A refusal under the resolution: FAILED_PRECONDITION with ErrorInfo naming the paragraph.</summary>
    public static ErrorInfo AssertRule(RpcException error, string reason, string paragraph)
    {
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal(reason, info.Reason);
        Assert.Equal("hld.services", info.Domain);
        Assert.Equal(paragraph, info.Metadata["paragraph"]);
        return info;
    }

    /// <summary>Bad input: INVALID_ARGUMENT naming each field.</summary>
    public static void AssertFields(RpcException error, params string[] fields)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var named = error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToList();
        foreach (var field in fields)
        {
            Assert.Contains(field, named);
        }
    }

    public static Task<RpcException> Refused<T>(Func<AsyncUnaryCall<T>> call) => Assert.ThrowsAsync<RpcException>(() => call().ResponseAsync);
}
