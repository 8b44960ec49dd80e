using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Registry.V1;
using Hld.Platform.State;
using Hld.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Hld.Functional.Tests.RegistryTestKit;

namespace Hld.Functional.Tests;

/// <summary>
/// Paging over the participant index: every participant once, filters by category and group, and a page
/// costs the same number of store reads however large the registry grows. The registry host here counts
/// the reads it makes of the real Redis store.
/// </summary>
public sealed class RegistryPagingTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();
    private HostUnderTest<Registry.Api.Grpc.RegistryGrpcService> _host = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Registry.Api.Grpc.RegistryGrpcService> _counted = null!;
    private Grpc.Net.Client.GrpcChannel _channel = null!;

    private RegistryService.RegistryServiceClient Registry => Client(_channel);

    public async Task InitializeAsync()
    {
        await _redis.InitializeAsync();
        _host = new(_redis, $"p{Guid.NewGuid():N}:", new Dictionary<string, string?>());
        _counted = _host.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            var adapter = services.Single(d => d.ServiceType == typeof(IAggregateStore));
            services.Remove(adapter);
            services.AddHttpContextAccessor();
            services.AddSingleton(sp => new ReadCountingStore(
                (IAggregateStore)ActivatorUtilities.CreateInstance(sp, adapter.ImplementationType!),
                sp.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>()));
            services.AddSingleton<IAggregateStore>(sp => sp.GetRequiredService<ReadCountingStore>());
        }));
        _channel = Grpc.Net.Client.GrpcChannel.ForAddress(_counted.Server.BaseAddress, new() { HttpHandler = _counted.Server.CreateHandler() });
        await LoadReferenceDataAsync(Registry);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await StopHostAsync(_counted);
        await StopHostAsync(_host);
        await _redis.DisposeAsync();
    }

    private async Task<List<Participant>> AllPagesAsync(ListParticipantsRequest request)
    {
        var all = new List<Participant>();
        do
        {
            var page = await Registry.ListParticipantsAsync(request, Secretariat);
            Assert.True(page.Participants.Count <= (request.PageSize == 0 ? 50 : request.PageSize));
            all.AddRange(page.Participants);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);
        return all;
    }

    [Fact]
    public async Task Pages_return_every_participant_once_in_registration_order_and_filter_by_category_and_group_para4()
    {
        var everyone = await AllPagesAsync(new ListParticipantsRequest { PageSize = 30 });
        var states = await AllPagesAsync(new ListParticipantsRequest { PageSize = 30, Category = ParticipantCategory.MemberState });
        var weog = await AllPagesAsync(new ListParticipantsRequest { PageSize = 7, Category = ParticipantCategory.MemberState, RegionalGroup = RegionalGroup.WesternEuropeanAndOtherStates });
        var asiaPacific = await AllPagesAsync(new ListParticipantsRequest { PageSize = 200, RegionalGroup = RegionalGroup.AsiaPacificStates });

        Assert.Equal(217, everyone.Select(p => p.ParticipantId).Distinct().Count());
        Assert.Equal(everyone.Count, everyone.Select(p => p.ParticipantId).Distinct().Count());
        Assert.Equal(193, states.Count);
        Assert.Equal(29, weog.Count);
        Assert.Contains(weog, p => p.ParticipantId == "USA");
        Assert.Contains(weog, p => p.ParticipantId == "TUR");
        Assert.Equal(54, asiaPacific.Count);
        Assert.Contains(asiaPacific, p => p.ParticipantId == "PSE");
    }

    [Fact]
    public async Task A_token_serves_only_the_query_that_issued_it_para4()
    {
        var first = await Registry.ListParticipantsAsync(new ListParticipantsRequest { PageSize = 10, Category = ParticipantCategory.MemberState }, Secretariat);

        var fields = await InvalidFields(() => Registry.ListParticipantsAsync(new ListParticipantsRequest { PageSize = 10, PageToken = first.NextPageToken }, Secretariat).ResponseAsync);
        await InvalidFields(() => Registry.ListParticipantsAsync(new ListParticipantsRequest { PageToken = "garbage" }, Secretariat).ResponseAsync);
        var negative = await InvalidFields(() => Registry.ListParticipantsAsync(new ListParticipantsRequest { PageSize = -1 }, Secretariat).ResponseAsync);

        Assert.Equal(["page_token"], fields);
        Assert.Equal(["page_size"], negative);
    }

    [Fact]
    public async Task The_cost_of_a_page_does_not_grow_with_the_registry_para4()
    {
        var store = _counted.Services.GetRequiredService<ReadCountingStore>();
        async Task<IReadOnlyList<string>> KeysReadForPageAsync(ListParticipantsRequest request)
        {
            var before = store.Keys.Count;
            var page = await Registry.ListParticipantsAsync(request, Secretariat);
            Assert.Equal(request.PageSize, page.Participants.Count);
            return [.. store.Keys.Skip(before)];
        }

        var request = new ListParticipantsRequest { PageSize = 20, Category = ParticipantCategory.OtherNgo, RegionalGroup = RegionalGroup.AfricanStates };
        for (var i = 0; i < 25; i++)
        {
            await RegisterAsync(Registry, Organization($"ngo-size-a{i:D3}", ParticipantCategory.OtherNgo, "KEN"));
        }

        var small = await KeysReadForPageAsync(request);
        for (var i = 0; i < 230; i++)
        {
            await RegisterAsync(Registry, Organization($"ngo-size-b{i:D3}", ParticipantCategory.OtherNgo, "NGA"));
        }

        var large = await KeysReadForPageAsync(request);
        var deep = await Registry.ListParticipantsAsync(new ListParticipantsRequest { PageSize = 200, Category = ParticipantCategory.OtherNgo }, Secretariat);
        var later = await KeysReadForPageAsync(new ListParticipantsRequest { PageSize = 20, Category = ParticipantCategory.OtherNgo, PageToken = deep.NextPageToken });

        // A page reads its facet's sequence, one or two index chunks and its own participants: nothing that grows.
        foreach (var keys in new[] { small, large, later })
        {
            var index = keys.Where(k => k.Contains("/index/", StringComparison.Ordinal)).ToList();
            Assert.True(index.Count is >= 2 and <= 3, string.Join(", ", keys));
            Assert.Equal(20, keys.Count(k => k.Contains("/participant/", StringComparison.Ordinal)));
            Assert.Equal(index.Count + 20, keys.Count);
        }
    }
}

/// <summary>The real store, recording the keys ListParticipants requests read through it (not the background consumers').</summary>
internal sealed class ReadCountingStore(IAggregateStore inner, Microsoft.AspNetCore.Http.IHttpContextAccessor http) : IAggregateStore
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Keys { get; } = new();

    public Task<Versioned?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        if (http.HttpContext?.Request.Path.Value?.EndsWith("/ListParticipants", StringComparison.Ordinal) == true)
        {
            Keys.Enqueue(key);
        }

        return inner.GetAsync(key, cancellationToken);
    }

    public Task<bool> TryCommitAsync(string key, long expectedVersion, ReadOnlyMemory<byte> value, IReadOnlyList<Hld.Contracts.Events.V1.EventEnvelope> events, CancellationToken cancellationToken = default) =>
        inner.TryCommitAsync(key, expectedVersion, value, events, cancellationToken);
}
