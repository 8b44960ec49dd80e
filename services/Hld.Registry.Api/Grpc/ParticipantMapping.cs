using Google.Protobuf.WellKnownTypes;
using Hld.Platform.Api;
using Hld.Platform.Errors;
using Common = Hld.Contracts.Common.V1;
using Contract = Hld.Contracts.Registry.V1;
using Model = Hld.Registry.Participants;

namespace Hld.Registry.Api.Grpc;

/// <summary>Translates participants between the contract and the domain, checking fields on the way in.</summary>
internal static class ParticipantMapping
{
    public static readonly IReadOnlySet<string> UpdatablePaths = new HashSet<string>(StringComparer.Ordinal) { "name", "website", "contact_email", "expertise" };

    public static Model.Participant ToDomain(Contract.Participant? participant)
    {
        var checks = new FieldChecks();
        checks.Require(participant is not null, "participant", "is required");
        checks.ThrowIfAny();
        var p = participant!;
        var organization = Participation.IsOrganization((Hld.Domain.ParticipantCategory)p.Category);
        checks.RequireId(p.ParticipantId, "participant.participant_id")
            .Require(p.Category != Common.ParticipantCategory.Unspecified && System.Enum.IsDefined(p.Category), "participant.category", "must be a known category")
            .Require(p.CountryCode.Length == 0 || IsAlpha3(p.CountryCode), "participant.country_code", "must be an ISO 3166-1 alpha-3 code in capitals")
            .Require(!organization || p.CountryCode.Length > 0, "participant.country_code", "is required for an organisation: the country of its seat")
            .Require(System.Enum.IsDefined(p.RegionalGroup), "participant.regional_group", "must be a known regional group")
            .Require(System.Enum.IsDefined(p.EcosocStatus), "participant.ecosoc_status", "must be a known status")
            .Require(p.Category == Common.ParticipantCategory.EcosocNgo || p.EcosocStatus is Common.EcosocStatus.Unspecified or Common.EcosocStatus.None,
                "participant.ecosoc_status", "is set only for an NGO registered under para 9 (category ECOSOC_NGO)")
            .Require(p.Acronym.Length <= 20, "participant.acronym", "must be at most 20 characters");
        CheckName(checks, p.Name, "participant.name");
        CheckDetails(checks, p, "participant");
        checks.ThrowIfAny();
        return new Model.Participant(
            p.ParticipantId,
            (Hld.Domain.ParticipantCategory)p.Category,
            p.Name!.Texts.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
            p.CountryCode,
            (Hld.Domain.RegionalGroup)p.RegionalGroup,
            (Hld.Domain.EcosocStatus)p.EcosocStatus)
        {
            Acronym = Optional(p.Acronym),
            Website = Optional(p.Website),
            ContactEmail = Optional(p.ContactEmail),
            Expertise = Optional(p.Expertise),
        };
    }

    public static void CheckName(FieldChecks checks, Common.LocalizedText? name, string field) =>
        checks.Require(name is not null && name.Texts.Count > 0, field, "needs at least one language")
            .Require(name is null || name.Texts.All(t => IsLanguage(t.Key) && !string.IsNullOrWhiteSpace(t.Value) && t.Value.Length <= 300), field, "keys must be zh, en, fr, es, ru or ar and texts 1-300 characters")
            .RequirePlain(name?.Texts.Values ?? [], field);

    public static void CheckDetails(FieldChecks checks, Contract.Participant p, string prefix) =>
        checks.Require(p.Website.Length == 0 || (p.Website.Length <= 300 && Uri.TryCreate(p.Website, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"), $"{prefix}.website", "must be an absolute http or https address of at most 300 characters")
            .Require(p.ContactEmail.Length == 0 || IsEmail(p.ContactEmail), $"{prefix}.contact_email", "must be an e-mail address of at most 254 characters")
            .Require(p.Expertise.Length <= 2000, $"{prefix}.expertise", "must be at most 2000 characters");

    public static Contract.Participant ToContract(Model.Participant participant, string etag) => new()
    {
        ParticipantId = participant.Id,
        Category = (Common.ParticipantCategory)participant.Category,
        Name = RegistryEvents.Text(participant.Names),
        CountryCode = participant.CountryCode,
        RegionalGroup = (Common.RegionalGroup)participant.RegionalGroup,
        EcosocStatus = (Common.EcosocStatus)participant.EcosocStatus,
        Etag = etag,
        Acronym = participant.Acronym ?? string.Empty,
        Website = participant.Website ?? string.Empty,
        ContactEmail = participant.ContactEmail ?? string.Empty,
        Expertise = participant.Expertise ?? string.Empty,
        GlobalMigrationGroupMember = participant.GlobalMigrationGroupMember,
        RegionalCommission = participant.RegionalCommission,
        ReferenceVersion = participant.ReferenceVersion ?? string.Empty,
        RegisteredAt = participant.RegisteredAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        EcosocStatusSource = (Contract.EcosocStatusSource)participant.EcosocStatusSource,
        EcosocStatusSince = participant.EcosocStatusSince ?? 0,
    };
    public static string? Optional(string value) => value.Length == 0 ? null : value;

    private static bool IsAlpha3(string code) => code.Length == 3 && code.All(char.IsAsciiLetterUpper);

    private static bool IsEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return value.Length <= 254 && at > 0 && at == value.LastIndexOf('@') && value.IndexOf('.', at) > at + 1 && !value.EndsWith('.') && !value.Any(char.IsWhiteSpace);
    }

    private static bool IsLanguage(string tag) => tag is "zh" or "en" or "fr" or "es" or "ru" or "ar";
}
