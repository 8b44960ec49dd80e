using Hld.Domain;
using Hld.Registry.Reference;

namespace Hld.Registry.Participants;

/// <summary>What loading one reference participant did.</summary>
public enum ReferenceLoadOutcome
{
    /// <summary>Not stored before: registered now.</summary>
    Registered,

    /// <summary>Stored with the same facts: nothing to do, so loading twice changes nothing.</summary>
    Unchanged,

    /// <summary>Stored with other facts: left as it is and reported, never overwritten silently.</summary>
    Differs,
}

/// <summary>Registration of a participant under the category rules of paras 4-9 and 12.</summary>
public static class ParticipantRegistration
{
    /// <summary>Decides whether <paramref name="candidate"/> may be registered, given what is stored under its id.</summary>
    public static Decision<Participant> Register(Participant? existing, Participant candidate, ReferenceCatalogue catalogue, DateTimeOffset now)
    {
        if (existing is not null)
        {
            return new RuleViolation("PARTICIPANT_ALREADY_REGISTERED", Rules.Registration, Refusals.Text("ParticipantAlreadyRegistered", candidate.Id));
        }

        switch (candidate.Category)
        {
            case ParticipantCategory.MemberState when !catalogue.IsMemberState(candidate.Id):
                return new RuleViolation("NOT_A_MEMBER_STATE", Rules.Participation(ParticipantCategory.MemberState), Refusals.Text("NotAMemberState", candidate.Id));
            case ParticipantCategory.ObserverState when !catalogue.IsObserverState(candidate.Id):
                return new RuleViolation("NOT_AN_OBSERVER_STATE", Rules.Participation(ParticipantCategory.ObserverState), Refusals.Text("NotAnObserverState", candidate.Id));
            case ParticipantCategory.ObserverOrganization when !catalogue.IsObserverOrganization(candidate.Id):
                return new RuleViolation("NOT_AN_OBSERVER_ORGANIZATION", Rules.Participation(ParticipantCategory.ObserverOrganization), Refusals.Text("NotAnObserverOrganization", candidate.Id));
            case ParticipantCategory.EcosocNgo:
                var consultative = WithConsultativeStatus(candidate, catalogue);
                if (!consultative.IsAccepted)
                {
                    return consultative;
                }

                candidate = consultative.Value;
                break;
            default:
                candidate = candidate with { EcosocStatusSource = EcosocStatusSource.Unspecified, EcosocStatusSince = null };
                break;
        }

        var isState = candidate.Category is ParticipantCategory.MemberState or ParticipantCategory.ObserverState;
        if (isState && candidate.CountryCode.Length > 0 && !string.Equals(candidate.CountryCode, candidate.Id, StringComparison.OrdinalIgnoreCase))
        {
            return new RuleViolation("COUNTRY_NOT_AS_RECORDED", Rules.Registration, Refusals.Text("CountryNotAsRecorded", candidate.Id));
        }

        // A State counts in the group the reference data records; an organisation in the group of its country.
        var country = isState ? candidate.Id : candidate.CountryCode;
        var recorded = country.Length > 0 ? catalogue.CountingGroupOf(country) : null;
        if (recorded is { } group && candidate.RegionalGroup != RegionalGroup.Unspecified && candidate.RegionalGroup != group)
        {
            return new RuleViolation("REGIONAL_GROUP_NOT_AS_RECORDED", Rules.Registration, Refusals.Text("RegionalGroupNotAsRecorded", country, group, catalogue.AsOf, candidate.RegionalGroup));
        }

        var regionalGroup = recorded ?? candidate.RegionalGroup;
        if (regionalGroup == RegionalGroup.Unspecified)
        {
            return new RuleViolation("REGIONAL_GROUP_REQUIRED", Rules.Participation(candidate.Category), Refusals.Text("RegionalGroupRequired"));
        }

        return candidate with
        {
            CountryCode = isState ? candidate.Id.ToUpperInvariant() : candidate.CountryCode,
            RegionalGroup = regionalGroup,
            GlobalMigrationGroupMember = false,
            RegionalCommission = false,
            ReferenceVersion = null,
            RegisteredAt = now,
        };
    }

    /// <summary>
    /// Para 9: an NGO's consultative status is the one the ECOSOC list records for it, whatever it says of itself;
    /// only a status the Secretariat verified and registers (<see cref="EcosocStatusSource.SecretariatVerified"/>) stands without the list.
    /// </summary>
    private static Decision<Participant> WithConsultativeStatus(Participant candidate, ReferenceCatalogue catalogue)
    {
        if (candidate.EcosocStatusSource == EcosocStatusSource.SecretariatVerified)
        {
            return candidate.EcosocStatus is EcosocStatus.General or EcosocStatus.Special or EcosocStatus.Roster
                ? candidate with { EcosocStatusSince = null }
                : new RuleViolation("ECOSOC_STATUS_REQUIRED", Rules.List(ListKind.EcosocNgos), Refusals.Text("EcosocStatusRequired", Rules.Participation(ParticipantCategory.EcosocNgo)));
        }

        var lists = string.Join(", ", catalogue.ConsultativeSources.Select(s => $"{s.File} {s.Version}"));
        if (catalogue.ConsultativeStatusOf(candidate.Names.Values) is not { } listed)
        {
            return new RuleViolation("ECOSOC_STATUS_REQUIRED", Rules.List(ListKind.EcosocNgos),
                Refusals.Text("EcosocStatusNotListed", lists.Length > 0 ? lists : Refusals.Text("NoneLoaded")));
        }

        if (candidate.EcosocStatus is not (EcosocStatus.Unspecified or EcosocStatus.None) && candidate.EcosocStatus != listed.Entry.Status)
        {
            return new RuleViolation("ECOSOC_STATUS_NOT_AS_RECORDED", Rules.List(ListKind.EcosocNgos),
                Refusals.Text("EcosocStatusNotAsRecorded", listed.Entry.Name, listed.Entry.Status, listed.Source.File, listed.Source.Version, candidate.EcosocStatus));
        }

        return candidate with { EcosocStatus = listed.Entry.Status, EcosocStatusSource = EcosocStatusSource.ConsultativeStatusList, EcosocStatusSince = listed.Entry.YearGranted };
    }

    /// <summary>Loads one participant of the reference data: idempotent, and never overwrites what is stored.</summary>
    public static (ReferenceLoadOutcome Outcome, Participant? Registered) Load(Participant? existing, Participant reference, DateTimeOffset now) =>
        existing switch
        {
            null => (ReferenceLoadOutcome.Registered, reference with { RegisteredAt = now }),
            _ when existing.SameFactsAs(reference) => (ReferenceLoadOutcome.Unchanged, null),
            _ => (ReferenceLoadOutcome.Differs, null),
        };

    /// <summary>
    /// An organisation edits its own registration: how it is named and reached and what it knows.
    /// Its category, country and group decide which list it may be on and how it counts, so they do not change here.
    /// </summary>
    public static Participant UpdateDetails(Participant current, IReadOnlyDictionary<string, string>? names, string? website, string? contactEmail, string? expertise) =>
        current with
        {
            Names = names ?? current.Names,
            Website = website ?? current.Website,
            ContactEmail = contactEmail ?? current.ContactEmail,
            Expertise = expertise ?? current.Expertise,
        };
}
