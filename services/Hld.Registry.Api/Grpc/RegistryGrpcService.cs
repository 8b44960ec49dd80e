using Grpc.Core;
using Hld.Contracts.Registry.V1;
using Hld.Domain;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Hld.Platform.Security;
using Hld.Platform.State;
using Hld.Registry.Api.Hosting;
using Hld.Registry.Api.Storage;
using Hld.Registry.Indexing;
using Hld.Registry.Participants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Common = Hld.Contracts.Common.V1;

namespace Hld.Registry.Api.Grpc;

/// <summary>
/// The registry's gRPC surface: check fields, check who calls (before reading the object, so the answer
/// is the same whether it exists or not), let the domain decide, commit with events.
/// </summary>
public sealed partial class RegistryGrpcService(
    AggregateRepository repository,
    ParticipantDirectory participants,
    ListStore lists,
    HearingCalendar hearing,
    ReferenceDataLoader referenceData,
    TimeProvider clock,
    IOptions<RegistryOptions> options,
    ParticipationRoutes routes) : RegistryService.RegistryServiceBase
{
    // The resource types a NOT_FOUND names in its ResourceInfo: the contract's message names.
    private static readonly string ParticipantResource = Contracts.Registry.V1.Participant.Descriptor.FullName;
    private static readonly string ListResource = ParticipantList.Descriptor.FullName;

    private const string ReadersOfTheRegistry = $"{Roles.PgaOffice},{Roles.Secretariat},{Roles.MemberState},{Roles.Observer},{Roles.ReportingReader}";

    [Authorize(Roles = $"{Roles.Secretariat},{Roles.PgaOffice},{Roles.Stakeholder}")]
    public override async Task<RegisterParticipantResponse> RegisterParticipant(RegisterParticipantRequest request, ServerCallContext context)
    {
        var candidate = ParticipantMapping.ToDomain(request.Participant);
        var caller = Caller.From(context);
        if (caller.Is(Roles.Stakeholder))
        {
            // An organisation registers only itself, and only as an organisation.
            caller.EnsureActsFor(candidate.Id);
            if (!candidate.IsOrganization || candidate.Category == Hld.Domain.ParticipantCategory.OtherIgo)
            {
                throw new PermissionDeniedException("An organisation registers itself as an NGO, civil-society organisation, academic institution or private-sector entity.");
            }
        }

        // Para 9: a consultative status given stands without the ECOSOC list only when the Secretariat verified and registers it.
        if (caller.Is(Roles.Secretariat) && candidate.Category == Hld.Domain.ParticipantCategory.EcosocNgo && candidate.EcosocStatus != Hld.Domain.EcosocStatus.Unspecified)
        {
            candidate = candidate with { EcosocStatusSource = Hld.Registry.Participants.EcosocStatusSource.SecretariatVerified };
        }

        var registered = await participants.RegisterAsync(candidate, context.CancellationToken);
        return new RegisterParticipantResponse { Participant = ParticipantMapping.ToContract(registered.Value, registered.Etag) };
    }

    [Authorize(Policy = Policies.Participants)]
    public override async Task<GetParticipantResponse> GetParticipant(GetParticipantRequest request, ServerCallContext context)
    {
        new FieldChecks().RequireId(request.ParticipantId, "participant_id").ThrowIfAny();
        var caller = Caller.From(context);
        if (caller.Is(Roles.Stakeholder))
        {
            // An organisation sees only its own registration; checked before the read so the answer
            // is the same whether or not the other registration exists.
            caller.EnsureActsFor(request.ParticipantId);
        }

        var stored = await participants.LoadAsync(request.ParticipantId, context.CancellationToken)
            ?? throw new NotFoundException($"No participant '{request.ParticipantId}' is registered.", ParticipantResource, request.ParticipantId);
        return new GetParticipantResponse { Participant = ParticipantMapping.ToContract(stored.Value, stored.Etag) };
    }

    [Authorize(Roles = $"{Roles.Secretariat},{Roles.Stakeholder}")]
    public override async Task<UpdateParticipantResponse> UpdateParticipant(UpdateParticipantRequest request, ServerCallContext context)
    {
        var p = request.Participant;
        var paths = request.UpdateMask?.Paths.ToList() ?? [];
        var checks = new FieldChecks()
            .Require(p is not null, "participant", "is required")
            .Require(paths.Count > 0, "update_mask", "names the fields to change: name, website, contact_email, expertise")
            .Require(paths.All(ParticipantMapping.UpdatablePaths.Contains), "update_mask", "only name, website, contact_email and expertise can change; category, country and group are fixed at registration");
        checks.ThrowIfAny();
        checks.RequireId(p!.ParticipantId, "participant.participant_id");
        if (paths.Contains("name"))
        {
            ParticipantMapping.CheckName(checks, p.Name, "participant.name");
        }

        ParticipantMapping.CheckDetails(checks, p, "participant");
        checks.ThrowIfAny();
        var expected = AggregateRepository.ParseEtag(p.Etag, "participant.etag");
        var caller = Caller.From(context);
        if (caller.Is(Roles.Stakeholder))
        {
            caller.EnsureActsFor(p.ParticipantId);
        }

        var stored = await participants.LoadAsync(p.ParticipantId, context.CancellationToken)
            ?? throw new NotFoundException($"No participant '{p.ParticipantId}' is registered.", ParticipantResource, p.ParticipantId);
        EnsureVersion(stored.Version, expected);
        var updated = ParticipantRegistration.UpdateDetails(
            stored.Value,
            paths.Contains("name") ? p.Name.Texts.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal) : null,
            paths.Contains("website") ? p.Website : null,
            paths.Contains("contact_email") ? p.ContactEmail : null,
            paths.Contains("expertise") ? p.Expertise : null);
        var committed = await participants.UpdateAsync(stored, updated, [RegistryEvents.Updated(updated, stored.Version + 1)], context.CancellationToken);
        return new UpdateParticipantResponse { Participant = ParticipantMapping.ToContract(committed.Value, committed.Etag) };
    }

    [Authorize(Roles = ReadersOfTheRegistry)]
    public override async Task<ListParticipantsResponse> ListParticipants(ListParticipantsRequest request, ServerCallContext context)
    {
        var checks = new FieldChecks();
        var size = checks.Size(request.PageSize);
        checks
            .Require(System.Enum.IsDefined(request.Category), "category", "must be a known category")
            .Require(System.Enum.IsDefined(request.RegionalGroup), "regional_group", "must be a known regional group")
            .ThrowIfAny();
        var (page, next) = await participants.PageAsync(
            request.Category == Common.ParticipantCategory.Unspecified ? null : (Hld.Domain.ParticipantCategory)request.Category,
            request.RegionalGroup == Common.RegionalGroup.Unspecified ? null : (Hld.Domain.RegionalGroup)request.RegionalGroup,
            size,
            request.PageToken,
            context.CancellationToken);
        return new ListParticipantsResponse
        {
            Participants = { page.Select(p => ParticipantMapping.ToContract(p.Value, p.Etag)) },
            NextPageToken = next,
        };
    }

    [Authorize(Roles = ReadersOfTheRegistry)]
    public override async Task<CountParticipantsResponse> CountParticipants(CountParticipantsRequest request, ServerCallContext context)
    {
        var counts = await participants.CountAsync(context.CancellationToken);
        return new CountParticipantsResponse
        {
            Counts =
            {
                counts.Select(c => new ParticipantCount
                {
                    Category = (Common.ParticipantCategory)c.Category,
                    RegionalGroup = (Common.RegionalGroup)c.RegionalGroup,
                    Count = c.Count,
                }),
            },
            Total = counts.Sum(c => c.Count),
        };
    }

    [Authorize(Roles = Roles.Operator)]
    public override async Task<LoadReferenceDataResponse> LoadReferenceData(LoadReferenceDataRequest request, ServerCallContext context)
    {
        var report = await referenceData.LoadAsync(context.CancellationToken);
        return new LoadReferenceDataResponse
        {
            Files = { participants.Catalogue.Sources.Select(s => new ReferenceDataFile { File = s.File, Version = s.Version, Source = s.Source }) },
            Registered = report.Registered,
            Unchanged = report.Unchanged,
            DifferingParticipantIds = { report.Differing },
        };
    }

    /// <summary>A State, observer or organisation acts only for itself; the staff roles named act for anyone. Checked before any read.</summary>
    private static Caller EnsureActsFor(ServerCallContext context, string participantId, params string[] staff)
    {
        var caller = Caller.From(context);
        if (!staff.Any(caller.Is))
        {
            caller.EnsureActsFor(participantId);
        }

        return caller;
    }

    /// <summary>A stale etag is ABORTED before anything is decided.</summary>
    private static void EnsureVersion(long stored, long expected)
    {
        if (stored != expected)
        {
            throw new ConcurrencyConflictException();
        }
    }

    private static void RequireId(FieldChecks checks, string value, string field) => checks.RequireId(value, field);

    private DateTimeOffset Now => clock.GetUtcNow();
}
