using System.Collections.Immutable;
using Hld.Domain;
using Hld.Hearings.Calendar;
using Hld.Hearings.Eligibility;
using Hld.Hearings.Hearings;
using Hld.Hearings.Participation;
using Hld.Testing;

namespace Hld.Hearings.Tests;

/// <summary>The 2013 calendar and a hearing on 15 July, as the demo runs them; built from real values, not doubles.</summary>
internal static class Given
{
    public static readonly TimeSpan NewYork = TimeSpan.FromHours(-4);

    public static readonly MeetingCalendar Year2013 = new(
        2013,
        NewYork,
        SummaryDeadline: new DateTimeOffset(2013, 9, 30, 23, 59, 59, NewYork),
        DialogueOpensAt: new DateTimeOffset(2013, 10, 3, 10, 0, 0, NewYork));

    public static readonly DateOnly HearingDay = new(2013, 7, 15);

    public static DateTimeOffset At(int month, int day, int hour = 10) => new(2013, month, day, hour, 0, 0, NewYork);

    public static DateTimeOffset OnHearingDay(int hour = 11) => At(7, 15, hour);

    public static Organization Organization(string id, ParticipantCategory category, RegionalGroup group = RegionalGroup.AfricanStates) =>
        new(id, category, ImmutableDictionary<string, string>.Empty.Add("en", $"Organisation {id}").Add("zh", $"组织 {id}"), "KEN", group);

    /// <summary>Final para 9 list with one ECOSOC NGO; final para 12 list with a CSO, a university and a company.</summary>
    public static HearingEligibility FinalLists() => HearingEligibility.Empty
        .Finalised("para9", ListKind.EcosocNgos, [Organization("ngo-1", ParticipantCategory.EcosocNgo)], [], At(6, 1))
        .Finalised("para12", ListKind.OtherStakeholders,
            [Organization("cso-1", ParticipantCategory.CivilSocietyOrganization, RegionalGroup.LatinAmericanAndCaribbeanStates),
             Organization("cso-2", ParticipantCategory.AcademicInstitution, RegionalGroup.EasternEuropeanStates),
             Organization("biz-1", ParticipantCategory.PrivateSectorEntity, RegionalGroup.AsiaPacificStates)],
            [], At(6, 10));

    public static Hearing Hearing(DateOnly? day = null) =>
        HearingSchedule.Schedule(null, "hld-2013", day ?? HearingDay, "Vuk Jeremić, President of the General Assembly", [], Year2013, At(6, 1)).Value;

    public static HearingRoster Roster(params (string Id, string Person)[] admissions)
    {
        var eligibility = FinalLists();
        HearingRoster? roster = null;
        foreach (var (id, person) in admissions)
        {
            roster = HearingRoster.Admit(roster, "hld-2013", id, [person], eligibility, HearingDay, Year2013, At(7, 1)).Value;
        }

        return roster ?? new HearingRoster("hld-2013", []);
    }

    public static void Refused<T>(Decision<T> decision, string reason, string paragraph)
    {
        Xunit.Assert.False(decision.IsAccepted, $"expected {reason} under para {paragraph}, but the command was accepted");
        Xunit.Assert.Equal(reason, decision.Violation!.Reason);
        Xunit.Assert.Equal(paragraph, decision.Violation.Paragraph);
    }
}
