using Hld.Contracts.Common.V1;
using Hld.Platform.Errors;
using Contract = Hld.Contracts.Registry.V1;
using Model = Hld.Registry.Participants;

namespace Hld.Registry.Api.Grpc;

/// <summary>Translates participants between the contract and the domain, checking fields on the way in.</summary>
internal static class ParticipantMapping
{
    public static Model.Participant ToDomain(Contract.Participant? participant)
    {
        var checks = new FieldChecks();
        checks.Require(participant is not null, "participant", "is required");
        checks.ThrowIfAny();
        var p = participant!;
        checks.Require(IsId(p.ParticipantId), "participant.participant_id", "must be 2-64 characters of letters, digits, '-' or '_'")
            .Require(p.Category != ParticipantCategory.Unspecified && Enum.IsDefined(p.Category), "participant.category", "must be a known category")
            .Require(p.Name is not null && p.Name.Texts.Count > 0, "participant.name", "needs at least one language")
            .Require(p.Name is null || p.Name.Texts.All(t => IsLanguage(t.Key) && !string.IsNullOrWhiteSpace(t.Value) && t.Value.Length <= 300), "participant.name", "keys must be zh, en, fr, es, ru or ar and texts 1-300 characters")
            .Require(p.CountryCode.Length == 0 || (p.CountryCode.Length == 3 && p.CountryCode.All(char.IsAsciiLetterUpper)), "participant.country_code", "must be an ISO 3166-1 alpha-3 code in capitals")
            .Require(Enum.IsDefined(p.RegionalGroup), "participant.regional_group", "must be a known regional group")
            .Require(Enum.IsDefined(p.EcosocStatus), "participant.ecosoc_status", "must be a known status")
            .ThrowIfAny();
        return new Model.Participant(
            p.ParticipantId,
            (Hld.Domain.ParticipantCategory)p.Category,
            p.Name!.Texts.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal),
            p.CountryCode,
            (Hld.Domain.RegionalGroup)p.RegionalGroup,
            (Hld.Domain.EcosocStatus)p.EcosocStatus);
    }

    public static Contract.Participant ToContract(Model.Participant participant, string etag) => new()
    {
        ParticipantId = participant.Id,
        Category = (ParticipantCategory)participant.Category,
        Name = new LocalizedText { Texts = { participant.Names.ToDictionary(StringComparer.Ordinal) } },
        CountryCode = participant.CountryCode,
        RegionalGroup = (RegionalGroup)participant.RegionalGroup,
        EcosocStatus = (EcosocStatus)participant.EcosocStatus,
        Etag = etag,
    };

    public static Contracts.Events.V1.ParticipantRegistered ToEvent(Model.Participant participant) => new()
    {
        ParticipantId = participant.Id,
        Category = (ParticipantCategory)participant.Category,
        Name = new LocalizedText { Texts = { participant.Names.ToDictionary(StringComparer.Ordinal) } },
        CountryCode = participant.CountryCode,
        RegionalGroup = (RegionalGroup)participant.RegionalGroup,
        EcosocStatus = (EcosocStatus)participant.EcosocStatus,
    };

    public static bool IsId(string id) =>
        id.Length is >= 2 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool IsLanguage(string tag) => tag is "zh" or "en" or "fr" or "es" or "ru" or "ar";
}
