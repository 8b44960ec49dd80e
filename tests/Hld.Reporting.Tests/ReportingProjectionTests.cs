using System.Collections.Immutable;
using Hld.Domain;
using Hld.Reporting.Projections;
using Xunit;

namespace Hld.Reporting.Tests;

public sealed class ReportingProjectionTests
{
    private static readonly DateTimeOffset T0 = new(2013, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static int _ids;

    private static ParticipantRegisteredFact Registered(string id, ParticipantCategory category = ParticipantCategory.MemberState, RegionalGroup group = RegionalGroup.AfricanStates) =>
        new($"e{Interlocked.Increment(ref _ids)}", "registry.participant-registered", $"registry/participant/{id}", T0, id, category, group, id);

    private static DelegationLevelFact Level(string id, LevelOfRepresentation level, long version, RegionalGroup group = RegionalGroup.AfricanStates) =>
        new($"e{Interlocked.Increment(ref _ids)}", "registry.delegation-level-changed", $"registry/delegation/{id}", T0.AddMinutes(version), id, ParticipantCategory.MemberState, group, level, version);

    private static long CellOf(ReportingProjection p, RegionalGroup group, LevelOfRepresentation level, ParticipantCategory category = ParticipantCategory.MemberState) =>
        p.Cells.GetValueOrDefault(ReportingProjection.Cell(category, group, level));

    [Fact]
    public void Participants_are_counted_by_category_group_and_level_paras_4_to_9()
    {
        var p = ReportingProjection.Empty
            .Apply(Registered("KEN"))
            .Apply(Registered("NGA"))
            .Apply(Registered("FRA", group: RegionalGroup.WesternEuropeanAndOtherStates))
            .Apply(Registered("VAT", ParticipantCategory.ObserverState, RegionalGroup.None))
            .Apply(Level("KEN", LevelOfRepresentation.Minister, 1));

        Assert.Equal(1, CellOf(p, RegionalGroup.AfricanStates, LevelOfRepresentation.Minister));
        Assert.Equal(1, CellOf(p, RegionalGroup.AfricanStates, LevelOfRepresentation.Unspecified));
        Assert.Equal(1, CellOf(p, RegionalGroup.WesternEuropeanAndOtherStates, LevelOfRepresentation.Unspecified));
        Assert.Equal(1, CellOf(p, RegionalGroup.None, LevelOfRepresentation.Unspecified, ParticipantCategory.ObserverState));
        Assert.Equal(4, p.Cells.Values.Sum());
    }

    [Fact]
    public void Applied_with_only_the_rows_each_fact_touches_the_projection_equals_the_whole_paras_4_to_9()
    {
        // Reporting keeps participant rows apart from the projection and loads, per batch, only the rows
        // its facts touch (RowOf). Any split of the facts into batches must give the same projection.
        var facts = new List<Fact>
        {
            Registered("KEN"), Registered("NGA"), Level("KEN", LevelOfRepresentation.Minister, 1),
            Registered("FRA", group: RegionalGroup.WesternEuropeanAndOtherStates), Registered("KEN"),
            Level("NGA", LevelOfRepresentation.HeadOfState, 2), Level("KEN", LevelOfRepresentation.ViceMinister, 1),
            Level("KEN", LevelOfRepresentation.HeadOfGovernment, 3), Level("CHL", LevelOfRepresentation.Minister, 1, RegionalGroup.LatinAmericanAndCaribbeanStates),
            Registered("VAT", ParticipantCategory.ObserverState, RegionalGroup.None),
        };
        var whole = facts.Aggregate(ReportingProjection.Empty, (p, f) => p.Apply(f));

        foreach (var batchSize in new[] { 1, 2, 3, 7 })
        {
            var rows = new Dictionary<string, ParticipantRow>(StringComparer.Ordinal);
            var apart = ReportingProjection.Empty;
            foreach (var batch in facts.Chunk(batchSize))
            {
                var touched = batch.Select(ReportingProjection.RowOf).OfType<string>().Distinct().Where(rows.ContainsKey);
                apart = apart with { Participants = touched.ToImmutableDictionary(id => id, id => rows[id], StringComparer.Ordinal) };
                apart = batch.Aggregate(apart, (p, f) => p.Apply(f));
                foreach (var (id, row) in apart.Participants)
                {
                    rows[id] = row;
                }

                apart = apart with { Participants = ReportingProjection.Empty.Participants };
            }

            Assert.Equal(whole.Cells.OrderBy(c => c.Key), apart.Cells.OrderBy(c => c.Key));
            Assert.Equal(whole.Participants.OrderBy(r => r.Key), rows.OrderBy(r => r.Key));
            Assert.Equal(whole.Counters(T0).OrderBy(c => c.Key), apart.Counters(T0).OrderBy(c => c.Key));
            Assert.Equal(whole.FactsApplied, apart.FactsApplied);
        }
    }

    [Fact]
    public void Participants_by_category_are_counted_from_the_cells_without_their_rows()
    {
        var p = ReportingProjection.Empty
            .Apply(Registered("KEN"))
            .Apply(Registered("FRA", group: RegionalGroup.WesternEuropeanAndOtherStates))
            .Apply(Level("FRA", LevelOfRepresentation.Minister, 1, RegionalGroup.WesternEuropeanAndOtherStates))
            .Apply(Registered("VAT", ParticipantCategory.ObserverState, RegionalGroup.None));

        var counters = (p with { Participants = ReportingProjection.Empty.Participants }).Counters(T0);

        Assert.Equal(2, counters["category:MemberState"]);
        Assert.Equal(1, counters["category:ObserverState"]);
    }

    [Fact]
    public void A_participant_registered_twice_counts_once()
    {
        var p = ReportingProjection.Empty.Apply(Registered("KEN")).Apply(Registered("KEN"));

        Assert.Equal(1, p.Cells.Values.Sum());
        Assert.Equal(2, p.Evidence["registry.participant-registered"].Count);
    }

    [Fact]
    public void A_level_change_moves_the_delegation_between_cells_para5()
    {
        var p = ReportingProjection.Empty
            .Apply(Registered("KEN"))
            .Apply(Level("KEN", LevelOfRepresentation.Minister, 1))
            .Apply(Level("KEN", LevelOfRepresentation.HeadOfState, 2));

        Assert.Equal(0, CellOf(p, RegionalGroup.AfricanStates, LevelOfRepresentation.Minister));
        Assert.Equal(1, CellOf(p, RegionalGroup.AfricanStates, LevelOfRepresentation.HeadOfState));
        Assert.Equal(1, p.Cells.Values.Sum());
    }

    [Fact]
    public void An_older_level_change_delivered_late_does_not_undo_a_newer_one_para5()
    {
        var newer = Level("KEN", LevelOfRepresentation.HeadOfState, 2);
        var older = Level("KEN", LevelOfRepresentation.Minister, 1);

        var p = ReportingProjection.Empty.Apply(Registered("KEN")).Apply(newer).Apply(older);

        Assert.Equal(1, CellOf(p, RegionalGroup.AfricanStates, LevelOfRepresentation.HeadOfState));
        Assert.Equal(1, p.Cells.Values.Sum());
    }

    [Fact]
    public void A_level_known_before_the_registration_arrives_is_kept_when_it_does()
    {
        // Registry publishes both; across topics they may arrive in either order.
        var p = ReportingProjection.Empty.Apply(Level("KEN", LevelOfRepresentation.Minister, 1)).Apply(Registered("KEN"));

        Assert.Equal(1, CellOf(p, RegionalGroup.AfricanStates, LevelOfRepresentation.Minister));
        Assert.Equal(1, p.Cells.Values.Sum());
    }

    [Fact]
    public void Evidence_keeps_the_count_and_the_most_recent_events_of_each_topic_para19()
    {
        var p = ReportingProjection.Empty;
        for (var i = 0; i < ReportingProjection.RecentPerTopic + 5; i++)
        {
            p = p.Apply(Registered($"S{i:00}"));
        }

        var evidence = p.Evidence["registry.participant-registered"];
        Assert.Equal(ReportingProjection.RecentPerTopic + 5, evidence.Count);
        Assert.Equal(ReportingProjection.RecentPerTopic, evidence.Recent.Count);
        Assert.Equal($"registry/participant/S{ReportingProjection.RecentPerTopic + 4:00}", evidence.Recent[^1].AggregateKey);
    }

    [Fact]
    public void Facts_applied_as_one_batch_give_the_projection_of_applying_them_one_by_one_paras_4_to_19()
    {
        // The projector applies a batch (a rebuild, the whole log) in one builder; the projection it
        // makes must be the one a fact at a time makes, evidence order and overflow included.
        var facts = new List<Fact> { Registered("KEN"), Level("KEN", LevelOfRepresentation.Minister, 1), Registered("KEN") };
        facts.AddRange(Enumerable.Range(0, ReportingProjection.RecentPerTopic + 3).Select(i => Registered($"S{i:00}", group: (RegionalGroup)(1 + (i % 5)))));
        facts.Add(Level("KEN", LevelOfRepresentation.ViceMinister, 1));
        facts.Add(Level("S03", LevelOfRepresentation.HeadOfState, 2));
        facts.Add(new ListStatusFact("l1", "registry.list-status-changed", "registry/list/p12", T0, "p12", "OtherStakeholders", "Circulated"));
        facts.Add(new ListStatusFact("l0", "registry.list-status-changed", "registry/list/p12", T0.AddDays(-1), "p12", "OtherStakeholders", "Draft"));
        facts.Add(new ContributionFact("c1", "reporting.contribution-recorded", "reporting/c/1", T0, "c1", "para15", "UNHCR", T0.AddDays(30), true));
        facts.Add(new ContributionFact("c1b", "reporting.contribution-recorded", "reporting/c/1", T0, "c1", "para15", "UNHCR", T0.AddDays(30), false));
        facts.Add(new DocumentFact("d1", "reporting.document-recorded", "reporting/d/1", T0, "A/67/254"));
        facts.Add(new CoChairFact("cc", "sessions.co-chair-appointed", "sessions/rt/2", T0, 2, "KEN", RegionalGroup.AfricanStates));
        facts.Add(new HearingAdmittedFact("a1", "hearings.participant-admitted", "hearings/hearing", T0, "ngo-a", RegionalGroup.AfricanStates));
        facts.Add(new OtherFact("o1", "registry.participant-updated", "registry/participant/KEN", T0.AddDays(-3)));

        var oneByOne = facts.Aggregate(ReportingProjection.Empty, (p, f) => p.Apply(f));
        var batch = ReportingProjection.Empty.Apply(facts);

        // A builder goes on after it made a projection, as a replay's does batch after batch.
        var builder = ReportingProjection.Empty.ToBuilder();
        var halves = new List<ReportingProjection>();
        foreach (var half in facts.Chunk((facts.Count / 2) + 1))
        {
            foreach (var fact in half)
            {
                builder.Apply(fact);
            }

            halves.Add(builder.ToProjection());
        }

        Assert.Equal(Json(oneByOne), Json(batch));
        Assert.Equal(Json(oneByOne), Json(halves[^1]));
        Assert.Equal(Json(facts.Take((facts.Count / 2) + 1).Aggregate(ReportingProjection.Empty, (p, f) => p.Apply(f))), Json(halves[0]));
        Assert.Equal(ReportingProjection.RecentPerTopic, batch.Evidence["registry.participant-registered"].Recent.Count);
    }

    private static string Json(ReportingProjection projection) => System.Text.Json.JsonSerializer.Serialize(projection);

    [Fact]
    public void The_gmg_flag_of_a_registration_is_kept_even_when_a_level_arrived_first_para15()
    {
        var member = Registered("ILO", ParticipantCategory.UnSystemEntity, RegionalGroup.None) with { GlobalMigrationGroupMember = true };
        var direct = ReportingProjection.Empty.Apply(member).Apply(Level("ILO", LevelOfRepresentation.Minister, 1));
        var levelFirst = ReportingProjection.Empty.Apply(Level("ILO", LevelOfRepresentation.Minister, 1)).Apply(member);
        var outside = ReportingProjection.Empty.Apply(Registered("UNU", ParticipantCategory.UnSystemEntity, RegionalGroup.None));

        Assert.True(direct.Participants["ILO"].GlobalMigrationGroupMember);
        Assert.True(levelFirst.Participants["ILO"].GlobalMigrationGroupMember);
        Assert.False(outside.Participants["UNU"].GlobalMigrationGroupMember);
    }

    [Fact]
    public void The_assembled_overview_is_counted_with_its_inputs_once_para15()
    {
        var assembled = new OverviewAssembledFact("o1", "reporting.overview-assembled", "reporting/contribution-register", T0, "A/68/190", 3);
        var p = ReportingProjection.Empty.Apply(assembled).Apply(assembled with { EventId = "o2", Inputs = 5 });

        var counters = p.Counters(T0);
        Assert.Equal(1, counters["overview:15:assembled"]);
        Assert.Equal(3, counters["overview:15:inputs"]);
        Assert.False(ReportingProjection.Empty.Counters(T0).ContainsKey("overview:15:assembled"));
    }

    [Fact]
    public void A_state_submission_awaiting_acknowledgement_is_not_late_para17()
    {
        var due = T0.AddDays(1);
        ContributionFact Contribution(string id, bool received, bool submitted) =>
            new($"c-{id}-{received}", "reporting.contribution-recorded", "reporting/contribution-register", T0, id, "17", id, due, received, submitted);
        var p = ReportingProjection.Empty.Apply(Contribution("MEX", false, true)).Apply(Contribution("PHL", false, false));

        var counters = p.Counters(due.AddDays(1));
        var acknowledged = p.Apply(Contribution("MEX", true, true)).Counters(due.AddDays(1));

        Assert.Equal(1, counters["contribution:17:submitted"]);
        Assert.Equal(1, counters["contribution:17:late"]);
        Assert.Equal(1, acknowledged["contribution:17:received"]);
        Assert.False(acknowledged.ContainsKey("contribution:17:submitted"));
    }
}
