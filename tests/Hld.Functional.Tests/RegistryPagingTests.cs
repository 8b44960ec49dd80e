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
/// costs the same store calls however large the registry grows. The registry host here counts
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
        async Task<(IReadOnlyList<string> Keys, IReadOnlyList<string> Calls)> KeysReadForPageAsync(ListParticipantsRequest request)
        {
            var (keysBefore, callsBefore) = (store.Keys.Count, store.Calls.Count);
            var page = await Registry.ListParticipantsAsync(request, Secretariat);
            Assert.Equal(request.PageSize, page.Participants.Count);
            return ([.. store.Keys.Skip(keysBefore)], [.. store.Calls.Skip(callsBefore)]);
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

        // A page is two store calls: one read of its facet's index and one read of its own participants.
        foreach (var (keys, calls) in new[] { small, large, later })
        {
            Assert.Equal(["read-index", "get-many"], calls);
            Assert.Single(keys, k => k.StartsWith("index:", StringComparison.Ordinal));
            Assert.Equal(20, keys.Count(k => k.Contains("/participant/", StringComparison.Ordinal)));
            Assert.Equal(21, keys.Count);
        }
    }
}

/// <summary>The real store, recording the keys ListParticipants requests read through it (not the background consumers').</summary>
internal sealed class ReadCountingStore(IAggregateStore inner, Microsoft.AspNetCore.Http.IHttpContextAccessor http) : IAggregateStore
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Keys { get; } = new();

    /// <summary>Store calls ListParticipants made: one per read, whatever the number of keys it read.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Calls { get; } = new();

    private bool Counting => http.HttpContext?.Request.Path.Value?.EndsWith("/ListParticipants", StringComparison.Ordinal) == true;

    public bool CommitsAtomically => inner.CommitsAtomically;

    public Task<Versioned?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        if (Counting)
        {
            Calls.Enqueue("get");
            Keys.Enqueue(key);
        }

        return inner.GetAsync(key, cancellationToken);
    }

    public Task<IReadOnlyList<Versioned?>> GetManyAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        if (Counting)
        {
            Calls.Enqueue("get-many");
            foreach (var key in keys)
            {
                Keys.Enqueue(key);
            }
        }

        return inner.GetManyAsync(keys, cancellationToken);
    }

    public Task<IReadOnlyList<IndexEntry>> ReadIndexAsync(string index, long afterPosition, int count, CancellationToken cancellationToken = default)
    {
        if (Counting)
        {
            Calls.Enqueue("read-index");
            Keys.Enqueue($"index:{index}");
        }

        return inner.ReadIndexAsync(index, afterPosition, count, cancellationToken);
    }

    public Task<long> IndexLengthAsync(string index, CancellationToken cancellationToken = default) => inner.IndexLengthAsync(index, cancellationToken);

    public Task AppendAsync(IndexAppend append, CancellationToken cancellationToken = default) => inner.AppendAsync(append, cancellationToken);

    public Task<bool> CommitAsync(Commit commit, CancellationToken cancellationToken = default) => inner.CommitAsync(commit, cancellationToken);

    public Task<bool> TryCommitAsync(string key, long expectedVersion, ReadOnlyMemory<byte> value, IReadOnlyList<Hld.Contracts.Events.V1.EventEnvelope> events, CancellationToken cancellationToken = default) =>
        inner.TryCommitAsync(key, expectedVersion, value, events, cancellationToken);
}
