using Hld.Domain;
using Hld.Registry.Lists;
using Hld.Registry.Participants;
using static Hld.Registry.Tests.Samples;

namespace Hld.Registry.Tests;

public sealed class ListTests
{
    private static readonly Dictionary<string, string> Title = Names("List", "名单");

    private static ParticipantList Draft(ListKind kind, params Participant[] entries)
    {
        var list = Accepted(PgaLists.Create(null, $"list-{kind}", kind, Title, June1)).List;
        return entries.Aggregate(list, (l, p) => Accepted(PgaLists.AddEntry(l, p, June1, Samples.Routes)).List);
    }

    private static Participant Igo(string id, string country = "KEN") => Registered(Organization(id, ParticipantCategory.OtherIgo, country, RegionalGroup.Unspecified));

    private static Participant Stakeholder(string id, ParticipantCategory category = ParticipantCategory.OtherNgo, string country = "KEN") =>
        Registered(Organization(id, category, country, RegionalGroup.Unspecified));

    [Fact]
    public void A_new_list_is_a_draft_and_says_so_para8()
    {
        var change = Accepted(PgaLists.Create(null, "igos", ListKind.OtherIgos, Title, June1));

        var created = Assert.IsType<ListStatusChanged>(Assert.Single(change.Events));
        Assert.Equal((ListStatus.Draft, ListStatus.Unspecified), (created.List.Status, created.Previous));
        Refused(PgaLists.Create(change.List, "igos", ListKind.OtherIgos, Title, June1), "LIST_ALREADY_EXISTS", "8");
    }

    [Fact]
    public void Only_other_intergovernmental_organisations_go_on_the_para_8_list_para8()
    {
        var list = Draft(ListKind.OtherIgos);

        Refused(PgaLists.AddEntry(list, Stakeholder("ngo-x"), June1, Samples.Routes), "ENTRY_NOT_ADMISSIBLE", "8");
        Assert.Single(Accepted(PgaLists.AddEntry(list, Igo("au"), June1, Samples.Routes)).List.Entries);
    }

    [Fact]
    public void The_para_8_list_is_submitted_to_Member_States_then_decided_para8()
    {
        var list = Draft(ListKind.OtherIgos, Igo("au", "KEN"), Igo("oas", "MEX"), Igo("aalco", "CHN"));

        Refused(PgaLists.Finalise(list, June1, [], null), "LIST_NOT_SUBMITTED", "8");
        var submitted = Accepted(PgaLists.Circulate(list, June1, null, Hearing, NewYork));
        Assert.Equal(ListStatus.Circulated, Assert.IsType<ListStatusChanged>(Assert.Single(submitted.Events)).List.Status);

        var decided = Accepted(PgaLists.Finalise(submitted.List, June1.AddDays(20), ["aalco"], "A/67/L.99"));

        Assert.Equal(ListStatus.Final, decided.List.Status);
        Assert.Equal(ListEntryStatus.Dropped, decided.List.Entry("aalco")!.Status);
        Assert.True(decided.List.Admits("au"));
        Assert.Equal("A/67/L.99", decided.List.DecisionReference);
        Assert.Contains(decided.Events, e => e is ListFinalised);
    }

    [Fact]
    public void Each_list_reports_its_geographic_spread_para8()
    {
        var list = Draft(ListKind.OtherIgos, Igo("au", "KEN"), Igo("ecowas", "SSD"), Igo("oas", "MEX"));

        Assert.Equal(
            [(RegionalGroup.AfricanStates, 2), (RegionalGroup.LatinAmericanAndCaribbeanStates, 1)],
            list.Spread());
    }

    [Fact]
    public void An_entry_without_ECOSOC_consultative_status_is_refused_on_the_para_9_list_para9()
    {
        var list = Draft(ListKind.EcosocNgos);

        Refused(PgaLists.AddEntry(list, Stakeholder("ngo-plain"), June1, Samples.Routes), "ECOSOC_STATUS_REQUIRED", "9");
        Refused(PgaLists.AddEntry(list, EcosocNgo("ngo-lapsed") with { EcosocStatus = EcosocStatus.None }, June1, Samples.Routes), "ECOSOC_STATUS_REQUIRED", "9");
        Assert.Single(Accepted(PgaLists.AddEntry(list, Registered(EcosocNgo("ngo-special")), June1, Samples.Routes)).List.Entries);
    }

    [Fact]
    public void The_para_9_list_is_published_by_the_PGA_not_circulated_para9()
    {
        var list = Draft(ListKind.EcosocNgos, Registered(EcosocNgo("ngo-1")));

        Refused(PgaLists.Circulate(list, June1, null, Hearing, NewYork), "NOT_CIRCULATED_UNDER_PARA_9", "9");
        Refused(PgaLists.Finalise(list, June1, ["ngo-1"], null), "NOT_ACCEPTED_ONLY_UNDER_PARA_8", "9");
        var published = Accepted(PgaLists.Finalise(list, June1, [], null));

        Assert.True(published.List.Admits("ngo-1"));
        Assert.Equal(ListStatus.Draft, published.Events.OfType<ListStatusChanged>().Single().Previous);
    }

    [Fact]
    public void Only_other_NGOs_academia_and_the_private_sector_go_on_the_para_12_list_para12()
    {
        var list = Draft(ListKind.OtherStakeholders);

        Refused(PgaLists.AddEntry(list, Registered(EcosocNgo("ngo-eco")), June1, Samples.Routes), "ENTRY_NOT_ADMISSIBLE", "12");
        Refused(PgaLists.AddEntry(list, Igo("au"), June1, Samples.Routes), "ENTRY_NOT_ADMISSIBLE", "12");
        foreach (var category in new[] { ParticipantCategory.OtherNgo, ParticipantCategory.CivilSocietyOrganization, ParticipantCategory.AcademicInstitution, ParticipantCategory.PrivateSectorEntity })
        {
            Accepted(PgaLists.AddEntry(list, Stakeholder($"s-{(int)category}", category), June1, Samples.Routes));
        }
    }

    [Fact]
    public void Entries_change_only_while_the_list_is_a_draft_and_once_each_para12()
    {
        var list = Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1"));

        Refused(PgaLists.AddEntry(list, Stakeholder("ngo-1"), June1, Samples.Routes), "ALREADY_ON_LIST", "12");
        Refused(PgaLists.RemoveEntry(list, "ngo-none"), "ENTRY_NOT_ON_LIST", "12");
        var circulated = Circulated(list, June1.AddDays(5));
        Refused(PgaLists.AddEntry(circulated, Stakeholder("ngo-2"), June1, Samples.Routes), "LIST_NOT_DRAFT", "12");
        Refused(PgaLists.RemoveEntry(circulated, "ngo-1"), "LIST_NOT_DRAFT", "12");
        Assert.Empty(Accepted(PgaLists.RemoveEntry(list, "ngo-1")).List.Entries);
    }

    private static ParticipantList Consulted(ParticipantList list) =>
        Accepted(NonObjectionProcedure.RecordConsultation(list, new DateOnly(2013, 5, 30), "Informal consultation with the regional groups.", June1, NewYork)).List;

    private static ParticipantList Circulated(ParticipantList list, DateTimeOffset deadline) =>
        Accepted(PgaLists.Circulate(Consulted(list), June1, deadline, Hearing, NewYork)).List;

    [Fact]
    public void The_consultation_with_Member_States_is_recorded_before_circulating_para12()
    {
        var list = Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1"));

        Refused(PgaLists.Circulate(list, June1, June1.AddDays(5), Hearing, NewYork), "CONSULTATION_REQUIRED", "12");
        Refused(NonObjectionProcedure.RecordConsultation(list, new DateOnly(2013, 6, 2), "Not yet held", June1, NewYork), "CONSULTATION_NOT_HELD_YET", "12");
        Refused(NonObjectionProcedure.RecordConsultation(Draft(ListKind.OtherIgos), new DateOnly(2013, 5, 30), "x", June1, NewYork), "CONSULTATION_NOT_APPLICABLE", "8");
        Assert.Single(Consulted(list).Consultations);
    }

    [Fact]
    public void Circulating_later_than_one_month_before_the_hearing_is_refused_para12()
    {
        var list = Consulted(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")));
        var june16 = new DateTimeOffset(2013, 6, 16, 9, 0, 0, TimeSpan.Zero);

        Refused(PgaLists.Circulate(list, june16, june16.AddHours(5), Hearing, NewYork), "CIRCULATION_TOO_LATE", "12");
    }

    [Theory]
    [InlineData("en", "The hearing is on 2013-07-15: the list had to be circulated by 2013-06-15, one month before.")]
    [InlineData("fr", "L'audition a lieu le 15 juillet 2013 : la liste devait être distribuée au plus tard le 15 juin 2013, un mois avant.")]
    [InlineData("es", "La audiencia es el 15 de julio de 2013: la lista debía distribuirse a más tardar el 15 de junio de 2013, un mes antes.")]
    [InlineData("ru", "Слушания проводятся 15 июля 2013 г.: список нужно было распространить не позднее 15 июня 2013 г., за месяц до них.")]
    [InlineData("zh", "听证会在 2013年7月15日 举行：名单须在一个月前、即 2013年6月15日 之前分发。")]
    [InlineData("ar", "جلسة الاستماع في 15 يوليو 2013: وكان يجب تعميم القائمة بحلول 15 يونيو 2013، قبلها بشهر.")]
    public void Circulating_too_late_is_refused_in_each_official_language_with_its_dates_in_that_culture_para12(string language, string expected)
    {
        var june16 = new DateTimeOffset(2013, 6, 16, 9, 0, 0, TimeSpan.Zero);

        var refused = PgaLists.Circulate(Consulted(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1"))), june16, june16.AddHours(5), Hearing, NewYork).Violation!;

        Assert.Equal(expected, refused.In(System.Globalization.CultureInfo.GetCultureInfo(language)));
        Assert.Equal(refused.Message, refused.In(DocumentLanguage.Culture("en")));
    }

    [Fact]
    public void A_deadline_less_than_a_calendar_month_before_the_hearing_is_refused_para12()
    {
        var list = Consulted(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")));

        Refused(PgaLists.Circulate(list, June1, new DateTimeOffset(2013, 6, 16, 0, 0, 0, NewYork.UtcOffset), Hearing, NewYork), "DEADLINE_TOO_CLOSE_TO_HEARING", "12");
        var onTheDay = Accepted(PgaLists.Circulate(list, June1, new DateTimeOffset(2013, 6, 15, 23, 0, 0, NewYork.UtcOffset), Hearing, NewYork));
        Assert.Equal(new DateOnly(2013, 6, 15), NonObjectionProcedure.LatestDeadline(Hearing));
        Assert.Equal(Hearing, onTheDay.List.HearingDate);
    }

    [Fact]
    public void The_days_of_the_procedure_are_the_venue_s_days_not_UTC_days_para12()
    {
        var list = Consulted(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")));
        // The end of 15 June in New York is 03:59 UTC on 16 June: still one calendar month before a 15 July hearing.
        var endOfJune15 = new DateTimeOffset(2013, 6, 15, 23, 59, 0, NewYork.UtcOffset);
        var lateOnJune15 = new DateTimeOffset(2013, 6, 16, 2, 0, 0, TimeSpan.Zero);

        var circulated = Accepted(PgaLists.Circulate(list, June1, endOfJune15, Hearing, NewYork));
        var circulatedLate = Accepted(PgaLists.Circulate(list, lateOnJune15, endOfJune15, Hearing, NewYork));
        Refused(PgaLists.Circulate(list, June1, endOfJune15.AddMinutes(1), Hearing, NewYork), "DEADLINE_TOO_CLOSE_TO_HEARING", "12");
        Refused(PgaLists.Circulate(list, new DateTimeOffset(2013, 6, 16, 0, 0, 0, NewYork.UtcOffset), endOfJune15.AddDays(1), Hearing, NewYork), "CIRCULATION_TOO_LATE", "12");
        Assert.Null(NonObjectionProcedure.NoteHearingDate(circulated.List, Hearing, June1, NewYork));
        Assert.Equal(endOfJune15, circulatedLate.List.ObjectionDeadline);
    }

    [Fact]
    public void A_refusal_shows_the_deadline_on_the_venue_s_clock_para12()
    {
        var deadline = new DateTimeOffset(2013, 6, 15, 23, 59, 0, NewYork.UtcOffset);
        var list = Circulated(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")), deadline);

        var refused = NonObjectionProcedure.LodgeObjection(list, "FRA", "ngo-1", deadline.AddMinutes(1), NewYork).Violation!;

        Assert.Contains("2013-06-15 23:59 (UTC-04:00)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_calendar_month_is_counted_in_calendar_days_not_thirty_days_para12()
    {
        Assert.Equal(new DateOnly(2013, 2, 28), NonObjectionProcedure.LatestDeadline(new DateOnly(2013, 3, 31)));
        Assert.Equal(new DateOnly(2013, 6, 30), NonObjectionProcedure.LatestDeadline(new DateOnly(2013, 7, 30)));
    }

    [Fact]
    public void A_deadline_must_leave_time_to_object_para12()
    {
        var list = Consulted(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")));

        Refused(PgaLists.Circulate(list, June1, June1, Hearing, NewYork), "DEADLINE_NOT_IN_FUTURE", "12");
        Refused(PgaLists.Circulate(list, June1, null, Hearing, NewYork), "DEADLINE_NOT_IN_FUTURE", "12");
        Refused(PgaLists.Circulate(Consulted(Draft(ListKind.OtherStakeholders)), June1, June1.AddDays(3), Hearing, NewYork), "LIST_EMPTY", "12");
    }

    [Fact]
    public void Circulating_publishes_the_objection_deadline_para12()
    {
        var deadline = June1.AddDays(9);
        var change = Accepted(PgaLists.Circulate(Consulted(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1"))), June1, deadline, Hearing, NewYork));

        var circulated = Assert.IsType<ListStatusChanged>(Assert.Single(change.Events));
        Assert.Equal((ListStatus.Circulated, ListStatus.Draft, deadline), (circulated.List.Status, circulated.Previous, circulated.List.ObjectionDeadline!.Value));
    }

    [Fact]
    public void Any_Member_State_may_object_to_an_entry_before_the_deadline_para12()
    {
        var list = Circulated(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1"), Stakeholder("ngo-2")), June1.AddDays(9));

        var change = Accepted(NonObjectionProcedure.LodgeObjection(list, "fra", "ngo-1", June1.AddDays(2), NewYork));

        var lodged = Assert.IsType<ObjectionLodged>(Assert.Single(change.Events));
        Assert.Equal("ngo-1", lodged.ParticipantId);
        Assert.Equal("FRA", Assert.Single(change.List.Entry("ngo-1")!.Objections).MemberState);
        Refused(NonObjectionProcedure.LodgeObjection(list, "FRA", "ngo-none", June1.AddDays(2), NewYork), "ENTRY_NOT_ON_LIST", "12");
    }

    [Fact]
    public void A_second_objection_by_the_same_State_changes_nothing_para12()
    {
        var list = Circulated(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")), June1.AddDays(9));
        var once = Accepted(NonObjectionProcedure.LodgeObjection(list, "FRA", "ngo-1", June1.AddDays(1), NewYork)).List;

        var twice = Accepted(NonObjectionProcedure.LodgeObjection(once, "FRA", "ngo-1", June1.AddDays(2), NewYork));
        var other = Accepted(NonObjectionProcedure.LodgeObjection(once, "MEX", "ngo-1", June1.AddDays(2), NewYork));

        Assert.Empty(twice.Events);
        Assert.Single(twice.List.Entry("ngo-1")!.Objections);
        Assert.Equal(2, other.List.Entry("ngo-1")!.Objections.Count);
    }

    [Fact]
    public void An_objection_after_the_deadline_is_refused_para12()
    {
        var deadline = June1.AddDays(9);
        var list = Circulated(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")), deadline);

        Refused(NonObjectionProcedure.LodgeObjection(list, "FRA", "ngo-1", deadline, NewYork), "OBJECTION_AFTER_DEADLINE", "12");
        Refused(NonObjectionProcedure.LodgeObjection(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")), "FRA", "ngo-1", June1, NewYork), "LIST_NOT_CIRCULATED", "12");
        Refused(NonObjectionProcedure.LodgeObjection(Draft(ListKind.OtherIgos, Igo("au")), "FRA", "au", June1, NewYork), "OBJECTION_NOT_APPLICABLE", "8");
    }

    [Fact]
    public void At_the_deadline_every_entry_not_objected_to_becomes_final_and_objected_ones_are_dropped_para12()
    {
        var deadline = June1.AddDays(9);
        var list = Circulated(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1", country: "KEN"), Stakeholder("ngo-2", country: "MEX"), Stakeholder("ngo-3", country: "FRA")), deadline);
        list = Accepted(NonObjectionProcedure.LodgeObjection(list, "CHN", "ngo-2", June1.AddDays(3), NewYork)).List;

        var change = NonObjectionProcedure.FinaliseAtDeadline(list, deadline.AddMinutes(1), Hearing, NewYork);

        Assert.NotNull(change);
        Assert.Equal(ListStatus.Final, change.List.Status);
        Assert.Equal(deadline, change.List.FinalisedAt);
        Assert.Equal(["ngo-1", "ngo-3"], change.List.Entries.Where(e => e.Status == ListEntryStatus.Standing).Select(e => e.ParticipantId));
        Assert.Equal(ListEntryStatus.Dropped, change.List.Entry("ngo-2")!.Status);
        Assert.Equal([(RegionalGroup.AfricanStates, 1), (RegionalGroup.WesternEuropeanAndOtherStates, 1)], change.List.Spread());
        Assert.Equal(ListStatus.Circulated, change.Events.OfType<ListStatusChanged>().Single().Previous);
        Assert.Single(change.Events.OfType<ListFinalised>());
    }

    [Fact]
    public void Before_the_deadline_and_after_finalisation_the_transition_does_nothing_para12()
    {
        var deadline = June1.AddDays(9);
        var list = Circulated(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")), deadline);

        Assert.Null(NonObjectionProcedure.FinaliseAtDeadline(list, deadline.AddTicks(-1), Hearing, NewYork));
        var final = NonObjectionProcedure.FinaliseAtDeadline(list, deadline, Hearing, NewYork)!.List;
        Assert.Null(NonObjectionProcedure.FinaliseAtDeadline(final, deadline.AddDays(1), Hearing, NewYork));
    }

    [Fact]
    public void A_para_12_list_is_not_finalised_by_hand_para12()
    {
        var list = Circulated(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")), June1.AddDays(9));

        Refused(PgaLists.Finalise(list, June1.AddDays(10), [], null), "FINAL_ONLY_AT_DEADLINE", "12");
    }

    [Fact]
    public void A_hearing_moved_closer_than_a_month_after_the_deadline_is_recorded_as_an_event_and_the_deadline_kept_para12()
    {
        var deadline = new DateTimeOffset(2013, 6, 14, 0, 0, 0, TimeSpan.Zero);
        var list = Circulated(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")), deadline);

        Assert.Null(NonObjectionProcedure.NoteHearingDate(list, new DateOnly(2013, 7, 14), June1, NewYork));
        var noted = NonObjectionProcedure.NoteHearingDate(list, new DateOnly(2013, 7, 10), June1.AddDays(1), NewYork);

        Assert.NotNull(noted);
        Assert.Equal(deadline, noted.List.ObjectionDeadline);
        var conflict = Assert.Single(noted.List.HearingDateConflicts);
        Assert.Equal((new DateOnly(2013, 7, 10), new DateOnly(2013, 6, 10)), (conflict.HearingDate, conflict.LatestAllowedDeadline));
        Assert.Same(conflict, noted.List.StandingConflict);
        var recorded = Assert.IsType<HearingConflictRecorded>(Assert.Single(noted.Events));
        Assert.Equal((list.Id, deadline, conflict), (recorded.ListId, recorded.ObjectionDeadline, recorded.Conflict));
        Assert.Null(NonObjectionProcedure.NoteHearingDate(noted.List, new DateOnly(2013, 7, 10), June1.AddDays(2), NewYork));
    }

    [Fact]
    public void A_list_in_conflict_with_the_hearing_is_not_finalised_at_its_deadline_para12()
    {
        var deadline = new DateTimeOffset(2013, 6, 14, 16, 0, 0, TimeSpan.Zero);
        var list = Circulated(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")), deadline);
        var moved = new DateOnly(2013, 7, 10);
        var inConflict = NonObjectionProcedure.NoteHearingDate(list, moved, June1.AddDays(1), NewYork)!.List;

        Assert.Null(NonObjectionProcedure.FinaliseAtDeadline(inConflict, deadline.AddDays(1), moved, NewYork));

        // The sweep checks the hearing in force itself: a move it learns of first is recorded, not finalised.
        var swept = NonObjectionProcedure.FinaliseAtDeadline(list, deadline.AddDays(1), moved, NewYork);
        Assert.NotNull(swept);
        Assert.Equal(ListStatus.Circulated, swept.List.Status);
        Assert.IsType<HearingConflictRecorded>(Assert.Single(swept.Events));
        Assert.DoesNotContain(swept.Events, e => e is ListFinalised);
    }

    [Fact]
    public void A_hearing_moved_back_to_a_day_the_deadline_allows_ends_the_conflict_and_the_list_becomes_final_para12()
    {
        var deadline = new DateTimeOffset(2013, 6, 14, 16, 0, 0, TimeSpan.Zero);
        var list = Circulated(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")), deadline);
        var inConflict = NonObjectionProcedure.NoteHearingDate(list, new DateOnly(2013, 7, 10), June1.AddDays(1), NewYork)!.List;

        var resolved = NonObjectionProcedure.NoteHearingDate(inConflict, Hearing, June1.AddDays(2), NewYork);

        Assert.NotNull(resolved);
        Assert.Null(resolved.List.StandingConflict);
        var ended = Assert.IsType<HearingConflictResolved>(Assert.Single(resolved.Events));
        Assert.Equal(HearingConflictResolution.HearingMoved, ended.Conflict.Resolution);
        Assert.Equal(ListStatus.Final, NonObjectionProcedure.FinaliseAtDeadline(resolved.List, deadline, Hearing, NewYork)!.List.Status);
    }

    [Fact]
    public void The_PGA_office_circulates_a_list_in_conflict_again_with_a_deadline_the_hearing_allows_para12()
    {
        var deadline = new DateTimeOffset(2013, 6, 14, 16, 0, 0, TimeSpan.Zero);
        var moved = new DateOnly(2013, 7, 10);
        var list = Accepted(NonObjectionProcedure.LodgeObjection(Circulated(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1"), Stakeholder("ngo-2")), deadline), "FRA", "ngo-2", June1, NewYork)).List;
        var inConflict = NonObjectionProcedure.NoteHearingDate(list, moved, June1.AddDays(1), NewYork)!.List;
        var now = June1.AddDays(2);

        Refused(NonObjectionProcedure.Recirculate(inConflict, now, deadline, moved, NewYork), "DEADLINE_TOO_CLOSE_TO_HEARING", "12");
        Refused(NonObjectionProcedure.Recirculate(inConflict, now, now.AddTicks(-1), moved, NewYork), "DEADLINE_NOT_IN_FUTURE", "12");
        var newDeadline = new DateTimeOffset(2013, 6, 10, 23, 0, 0, TimeSpan.FromHours(-4));
        var again = Accepted(NonObjectionProcedure.Recirculate(inConflict, now, newDeadline, moved, NewYork));

        Assert.Equal((ListStatus.Circulated, newDeadline, moved), (again.List.Status, again.List.ObjectionDeadline!.Value, again.List.HearingDate!.Value));
        Assert.Null(again.List.StandingConflict);
        Assert.Equal(HearingConflictResolution.Recirculated, Assert.Single(again.List.HearingDateConflicts).Resolution);
        Assert.Equal(new Recirculation(now, deadline, newDeadline, moved), Assert.Single(again.List.Recirculations));
        Assert.True(again.List.Entry("ngo-2")!.Objected);
        var changed = Assert.IsType<ListStatusChanged>(again.Events[0]);
        Assert.Equal((ListStatus.Circulated, ListStatus.Circulated), (changed.List.Status, changed.Previous));
        Assert.Equal(HearingConflictResolution.Recirculated, Assert.IsType<HearingConflictResolved>(again.Events[1]).Conflict.Resolution);

        var final = NonObjectionProcedure.FinaliseAtDeadline(again.List, newDeadline, moved, NewYork)!.List;
        Assert.Equal((ListStatus.Final, newDeadline), (final.Status, final.FinalisedAt!.Value));
        Assert.Equal(ListEntryStatus.Dropped, final.Entry("ngo-2")!.Status);
    }

    [Fact]
    public void After_its_deadline_a_list_is_not_circulated_again_neither_untouched_nor_in_conflict_para12()
    {
        var deadline = new DateTimeOffset(2013, 6, 5, 16, 0, 0, TimeSpan.Zero);
        var list = Circulated(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")), deadline);
        var afterDeadline = deadline.AddDays(1);

        Refused(NonObjectionProcedure.Recirculate(list, afterDeadline, afterDeadline.AddDays(2), Hearing, NewYork), "DEADLINE_PASSED", "12");

        // In conflict, the deadline lies after the last day the moved hearing allows, so once it has passed so has that day.
        var moved = new DateOnly(2013, 7, 4);
        var inConflict = NonObjectionProcedure.NoteHearingDate(list, moved, June1.AddDays(1), NewYork)!.List;
        Refused(NonObjectionProcedure.Recirculate(inConflict, afterDeadline, afterDeadline.AddHours(6), moved, NewYork), "CIRCULATION_TOO_LATE", "12");
        Assert.NotNull(inConflict.StandingConflict);
    }

    [Fact]
    public void Only_a_circulated_para_12_list_is_circulated_again_para12()
    {
        var draft = Consulted(Draft(ListKind.OtherStakeholders, Stakeholder("ngo-1")));
        var deadline = June1.AddDays(9);

        Refused(NonObjectionProcedure.Recirculate(draft, June1, deadline, Hearing, NewYork), "LIST_NOT_CIRCULATED", "12");
        var final = NonObjectionProcedure.FinaliseAtDeadline(Circulated(draft, deadline), deadline, Hearing, NewYork)!.List;
        Refused(NonObjectionProcedure.Recirculate(final, deadline.AddDays(1), deadline.AddDays(2), Hearing, NewYork), "LIST_ALREADY_FINAL", "12");
        var igos = Accepted(PgaLists.Circulate(Draft(ListKind.OtherIgos, Igo("au")), June1, null, Hearing, NewYork)).List;
        Refused(NonObjectionProcedure.Recirculate(igos, June1, deadline, Hearing, NewYork), "RECIRCULATION_NOT_APPLICABLE", "8");
    }
}
