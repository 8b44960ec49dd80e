using System.Collections.Immutable;
using Hld.Contracts.Common.V1;
using Hld.Hearings.Api.Grpc;
using Hld.Hearings.Eligibility;
using Hld.Platform.State;

namespace Hld.Hearings.Api.Handlers;

/// <summary>
/// The hearing's copy of what the registry decided, under one key. Every change the handlers apply
/// is idempotent and guarded in the domain, so at-least-once, out-of-order delivery is harmless.
/// </summary>
internal static class EligibilityReadModel
{
    public static Task UpdateAsync(AggregateRepository repository, Func<HearingEligibility, HearingEligibility> change, CancellationToken cancellationToken) =>
        repository.UpdateAsync<HearingEligibility>(HearingKeys.Eligibility, current => change(current ?? HearingEligibility.Empty), cancellationToken);

    public static Organization Organization(string id, ParticipantCategory category, LocalizedText? name, string countryCode, RegionalGroup regionalGroup) => new(
        id,
        (Domain.ParticipantCategory)category,
        (name?.Texts ?? []).ToImmutableDictionary(StringComparer.Ordinal),
        countryCode,
        (Domain.RegionalGroup)regionalGroup);
}
