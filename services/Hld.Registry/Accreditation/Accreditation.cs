using System.Collections.Immutable;
using Hld.Domain;
using Hld.Registry.Participants;

namespace Hld.Registry.Accreditation;

/// <summary>A person accredited to represent a participant, with a badge number unique in the dialogue.</summary>
public sealed record Representative(
    string Id,
    string GivenName,
    string FamilyName,
    string Function,
    string BadgeNumber,
    DateTimeOffset AccreditedAt,
    DateTimeOffset? WithdrawnAt = null)
{
    public string FullName => $"{GivenName} {FamilyName}";
}

/// <summary>The representatives of one participant.</summary>
public sealed record ParticipantAccreditation(string ParticipantId, ImmutableList<Representative> Representatives);

/// <summary>What the registry knows, beyond the participant, about its right to send representatives.</summary>
/// <param name="HasDelegation">A State or observer has set up its delegation (para 5).</param>
/// <param name="StandsOnFinalList">An organisation stands on a final list of the PGA (paras 8, 9, 12).</param>
public sealed record AccreditationStanding(bool HasDelegation, bool StandsOnFinalList);

/// <summary>A person to accredit, before a badge number is given.</summary>
public sealed record Nominee(string GivenName, string FamilyName, string Function);

/// <summary>Accreditation of representatives: only a State or observer delegation, or an organisation on a final list, accredits anyone.</summary>
public static class Accreditations
{
    /// <summary>Checks that the participant may accredit; the host then draws a badge number and calls <see cref="Accredit"/>.</summary>
    public static RuleViolation? Eligibility(Participant participant, AccreditationStanding standing, ParticipationRoutes routes)
    {
        if (routes.HasDelegation(participant.Category))
        {
            return standing.HasDelegation
                ? null
                : new RuleViolation("DELEGATION_REQUIRED", Rules.Participation(ParticipantCategory.MemberState), Refusals.Text("DelegationRequired"));
        }

        return standing.StandsOnFinalList
            ? null
            : new RuleViolation("NOT_ON_A_FINAL_LIST", Rules.Participation(participant.Category), Refusals.Text("AccreditationNotOnAFinalList"));
    }

    public static Decision<(ParticipantAccreditation Accreditation, Representative Representative)> Accredit(
        ParticipantAccreditation? current,
        Participant participant,
        AccreditationStanding standing,
        Nominee nominee,
        string badgeNumber,
        DateTimeOffset now,
        ParticipationRoutes routes)
    {
        if (Eligibility(participant, standing, routes) is { } refused)
        {
            return refused;
        }

        var accreditation = current ?? new ParticipantAccreditation(participant.Id, []);
        var representative = new Representative($"r{accreditation.Representatives.Count + 1}", nominee.GivenName, nominee.FamilyName, nominee.Function, badgeNumber, now);
        return (accreditation with { Representatives = accreditation.Representatives.Add(representative) }, representative);
    }

    /// <summary>
    /// Withdraws an accreditation. Null when no such representative is accredited; a withdrawn representative
    /// comes back as null Withdrawn, so withdrawing twice changes and publishes nothing.
    /// </summary>
    public static (ParticipantAccreditation Accreditation, Representative? Withdrawn)? Withdraw(ParticipantAccreditation accreditation, string representativeId, DateTimeOffset now)
    {
        var representative = accreditation.Representatives.FirstOrDefault(r => r.Id == representativeId);
        if (representative is null)
        {
            return null;
        }

        if (representative.WithdrawnAt is not null)
        {
            return (accreditation, null);
        }

        var withdrawn = representative with { WithdrawnAt = now };
        return (accreditation with { Representatives = accreditation.Representatives.Replace(representative, withdrawn) }, withdrawn);
    }

    /// <summary>The badge number for the n-th accreditation of a dialogue: unique because n is drawn from one counter per dialogue.</summary>
    public static string BadgeNumber(string dialogueId, long sequence) =>
        $"{dialogueId.ToUpperInvariant()}-{sequence.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)}";
}
