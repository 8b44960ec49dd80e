using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hld.Contracts.Common.V1;
using Hld.Contracts.Sessions.V1;
using Hld.Platform.Security;
using Hld.Sessions.Api;
using Hld.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;
using static Hld.Functional.Tests.SessionsTestKit;

namespace Hld.Functional.Tests;

/// <summary>The Dialogue, its programme, the panel discussion and the note on the organisation of work over gRPC (paras 2, 3, 10, 14).</summary>
public sealed class SessionsProgrammeTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private static readonly CallOptions Secretariat = TestTokens.Call(Roles.Secretariat);

    private SessionsService.SessionsServiceClient Client => hosts.Sessions();

    private SessionsOptions Configured => hosts.Sessions.Services.GetRequiredService<IOptions<SessionsOptions>>().Value;

    private async Task<Programme> ProgrammeAsync() => (await Client.GetProgrammeAsync(new GetProgrammeRequest(), Secretariat)).Programme;

    private static Programme Moving(Programme programme, int roundTable, Func<DateTimeOffset, DateTimeOffset> move)
    {
        var changed = programme.Clone();
        var table = changed.RoundTables.Single(r => r.Number == roundTable);
        table.StartsAt = Timestamp.FromDateTimeOffset(move(table.StartsAt.ToDateTimeOffset()));
        table.EndsAt = Timestamp.FromDateTimeOffset(move(table.EndsAt.ToDateTimeOffset()));
        return changed;
    }

    [Fact]
    public async Task The_Dialogue_is_the_configured_two_days_after_the_68th_general_debate_with_its_theme_paras2_3a()
    {
        var dialogue = (await Client.GetDialogueAsync(new GetDialogueRequest(), TestTokens.Call(Roles.MemberState, "FRA"))).Dialogue;

        var configured = Configured.Dialogue;
        Assert.Equal(configured.OpensAt, dialogue.OpensAt.ToDateTimeOffset());
        Assert.Equal((2013, 10, 3), (dialogue.FirstDay.Year, dialogue.FirstDay.Month, dialogue.FirstDay.Day));
        Assert.Equal(2, dialogue.Days);
        Assert.Equal(68, dialogue.FollowsGeneralDebateOfSession);
        Assert.True(new DateOnly(dialogue.GeneralDebateEndsOn.Year, dialogue.GeneralDebateEndsOn.Month, dialogue.GeneralDebateEndsOn.Day) < new DateOnly(2013, 10, 3));
        Assert.Equal(configured.Theme["zh"], dialogue.Theme.Texts["zh"]);
        Assert.Equal(configured.Theme["en"], dialogue.Theme.Texts["en"]);
        Assert.Equal("-04:00", dialogue.UtcOffset);
    }

    [Fact]
    public async Task The_programme_holds_four_plenaries_and_four_round_tables_in_their_slots_with_their_themes_paras3b_3c()
    {
        var response = await Client.GetProgrammeAsync(new GetProgrammeRequest(), TestTokens.Call(Roles.ReportingReader));

        Assert.Equal(response.Rules.PlenaryMeetings, response.Programme.PlenaryMeetings.Count);
        Assert.Equal(4, response.Programme.RoundTables.Count);
        foreach (var slot in response.Rules.RoundTableSlots)
        {
            var table = response.Programme.RoundTables.Single(r => r.Number == slot.RoundTable);
            Assert.Equal((slot.Day, slot.HalfDay, slot.Paragraph), (table.Day, table.HalfDay, table.Paragraph));
            var theme = Configured.Programme.RoundTables.Single(r => r.Number == slot.RoundTable).Theme;
            Assert.Equal(theme["zh"], table.Theme.Texts["zh"]);
            Assert.Equal(theme["en"], table.Theme.Texts["en"]);
        }

        Assert.Equal([HalfDay.Morning, HalfDay.Afternoon, HalfDay.Morning, HalfDay.Afternoon], response.Programme.RoundTables.OrderBy(r => r.Number).Select(r => r.HalfDay));
        Assert.Single(response.Programme.PlenaryMeetings, m => m.Closing);
        Assert.Equal(response.Programme.PlenaryMeetings.Max(m => m.Number), response.Programme.PlenaryMeetings.Single(m => m.Closing).Number);
    }

    [Fact]
    public async Task Round_table_2_moved_to_the_morning_is_refused_naming_3bi_and_nothing_changes()
    {
        var before = await ProgrammeAsync();

        var error = await Refused(() => Client.ConfigureProgrammeAsync(
            new ConfigureProgrammeRequest { Programme = Moving(before, 2, t => t.AddHours(-5)), Etag = before.Etag, RequestId = "rt2-morning" }, Secretariat));

        AssertRule(error, "ROUND_TABLE_OUT_OF_SLOT", "3(b)(i)");
        Assert.Equal(before, await ProgrammeAsync());
    }

    [Fact]
    public async Task Round_table_4_moved_to_the_first_day_is_refused_naming_3bii()
    {
        var before = await ProgrammeAsync();

        var error = await Refused(() => Client.ConfigureProgrammeAsync(
            new ConfigureProgrammeRequest { Programme = Moving(before, 4, t => t.AddDays(-1)), Etag = before.Etag }, Secretariat));

        AssertRule(error, "ROUND_TABLE_OUT_OF_SLOT", "3(b)(ii)");
    }

    [Fact]
    public async Task A_fifth_round_table_is_refused_naming_3b()
    {
        var before = await ProgrammeAsync();
        var five = before.Clone();
        var extra = five.RoundTables[0].Clone();
        extra.Number = 5;
        five.RoundTables.Add(extra);

        var error = await Refused(() => Client.ConfigureProgrammeAsync(new ConfigureProgrammeRequest { Programme = five, Etag = before.Etag }, Secretariat));

        AssertRule(error, "ROUND_TABLE_COUNT", "3(b)");
    }

    [Fact]
    public async Task Only_the_Secretariat_configures_the_programme()
    {
        var before = await ProgrammeAsync();

        foreach (var caller in new[] { TestTokens.Call(Roles.PgaOffice), TestTokens.Call(Roles.MemberState, "FRA"), TestTokens.Call(Roles.ReportingReader) })
        {
            var error = await Refused(() => Client.ConfigureProgrammeAsync(new ConfigureProgrammeRequest { Programme = before, Etag = before.Etag }, caller));
            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        }
    }

    [Fact]
    public async Task A_programme_change_takes_the_current_etag_and_a_stale_one_is_aborted()
    {
        var before = await ProgrammeAsync();
        var changed = before.Clone();
        changed.SpeakerTimeLimit = Duration.FromTimeSpan(before.SpeakerTimeLimit.ToTimeSpan() + TimeSpan.FromMinutes(1));

        var configured = await Client.ConfigureProgrammeAsync(new ConfigureProgrammeRequest { Programme = changed, Etag = before.Etag }, Secretariat);
        var stale = await Refused(() => Client.ConfigureProgrammeAsync(new ConfigureProgrammeRequest { Programme = before, Etag = before.Etag }, Secretariat));

        Assert.NotEqual(before.Etag, configured.Programme.Etag);
        Assert.Equal(changed.SpeakerTimeLimit, configured.Programme.SpeakerTimeLimit);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(configured.Programme, await ProgrammeAsync());
        var events = await hosts.PublishedAsync<Hld.Contracts.Events.V1.ProgrammeConfigured>();
        Assert.True(events[0].FromConfiguration);
        Assert.Equal((false, long.Parse(configured.Programme.Etag, System.Globalization.CultureInfo.InvariantCulture), changed.SpeakerTimeLimit),
            (events[^1].FromConfiguration, events[^1].ProgrammeVersion, events[^1].SpeakerTimeLimit));
        Assert.Equal(4, events[^1].RoundTables.Count(r => r.Theme.Texts.ContainsKey("zh")));
    }

    [Fact]
    public async Task Bad_programme_fields_are_invalid_argument_each_named_and_nothing_changes()
    {
        var before = await ProgrammeAsync();
        var bad = before.Clone();
        bad.SpeakerTimeLimit = null;
        bad.RoundTables[0].Capacity = 0;
        bad.RoundTables[1].Theme = new LocalizedText { Texts = { ["xx"] = "?" } };

        var error = await Refused(() => Client.ConfigureProgrammeAsync(new ConfigureProgrammeRequest { Programme = bad, Etag = before.Etag }, Secretariat));
        var badEtag = await Refused(() => Client.ConfigureProgrammeAsync(new ConfigureProgrammeRequest { Programme = before, Etag = "x" }, Secretariat));

        AssertFields(error, "programme.speaker_time_limit", "programme.round_tables[0].capacity", "programme.round_tables[1].theme");
        AssertFields(badEtag, "etag");
        Assert.Equal(before, await ProgrammeAsync());
    }

    [Fact]
    public async Task A_panel_discussion_on_or_after_the_opening_is_refused_and_one_before_is_on_the_overall_theme_para14()
    {
        var pga = TestTokens.Call(Roles.PgaOffice);
        var title = Text("Panel discussion on the overall theme", "关于总主题的小组讨论");

        var onTheDay = await Refused(() => Client.SchedulePanelDiscussionAsync(new SchedulePanelDiscussionRequest { Date = new CalendarDate { Year = 2013, Month = 10, Day = 3 }, Title = title }, pga));
        var denied = await Refused(() => Client.SchedulePanelDiscussionAsync(new SchedulePanelDiscussionRequest { Date = new CalendarDate { Year = 2013, Month = 6, Day = 25 }, Title = title }, TestTokens.Call(Roles.MemberState, "FRA")));
        var scheduled = await Client.SchedulePanelDiscussionAsync(new SchedulePanelDiscussionRequest { Date = new CalendarDate { Year = 2013, Month = 6, Day = 25 }, Title = title }, pga);
        var unnamed = await Refused(() => Client.SchedulePanelDiscussionAsync(new SchedulePanelDiscussionRequest { Date = new CalendarDate { Year = 2013, Month = 7, Day = 2 }, Title = title }, pga));
        var moved = await Client.SchedulePanelDiscussionAsync(new SchedulePanelDiscussionRequest { Date = new CalendarDate { Year = 2013, Month = 7, Day = 2 }, Title = title, Etag = scheduled.Panel.Etag }, pga);

        AssertRule(onTheDay, "PANEL_NOT_BEFORE_THE_DIALOGUE", "14");
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(StatusCode.Aborted, unnamed.StatusCode);
        Assert.Equal(100, scheduled.Panel.DaysBeforeOpening);
        Assert.Equal(Configured.Dialogue.Theme["zh"], scheduled.Panel.Theme.Texts["zh"]);
        Assert.Equal(moved.Panel, (await Client.GetPanelDiscussionAsync(new GetPanelDiscussionRequest(), TestTokens.Call(Roles.ReportingReader))).Panel);
        AssertFields(await Refused(() => Client.SchedulePanelDiscussionAsync(new SchedulePanelDiscussionRequest { Date = new CalendarDate { Year = 2013, Month = 2, Day = 30 } }, pga)), "date", "title");
    }

    [Fact]
    public async Task The_note_on_the_organisation_of_work_renders_the_stored_programme_in_the_six_official_languages_para10()
    {
        var denied = await Refused(() => Client.GenerateOrganisationOfWorkNoteAsync(new GenerateOrganisationOfWorkNoteRequest(), TestTokens.Call(Roles.PgaOffice)));
        var generated = await Client.GenerateOrganisationOfWorkNoteAsync(new GenerateOrganisationOfWorkNoteRequest { RequestId = "note-1" }, Secretariat);
        var repeated = await Client.GenerateOrganisationOfWorkNoteAsync(new GenerateOrganisationOfWorkNoteRequest { RequestId = "note-1" }, Secretariat);
        var programme = await ProgrammeAsync();

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Equal(generated, repeated);
        var (en, zh) = (generated.Note.Markdown.Texts["en"], generated.Note.Markdown.Texts["zh"]);
        foreach (var table in programme.RoundTables)
        {
            Assert.Contains(table.Theme.Texts["en"], en, StringComparison.Ordinal);
            Assert.Contains(table.Theme.Texts["zh"], zh, StringComparison.Ordinal);
        }

        var minutes = (int)programme.SpeakerTimeLimit.ToTimeSpan().TotalMinutes;
        Assert.Contains($"Each speaker has {minutes} minutes", en, StringComparison.Ordinal);
        Assert.Contains($"发言时限为{minutes}分钟", zh, StringComparison.Ordinal);
        Assert.Contains("co-chaired by 2 representatives", en, StringComparison.Ordinal);
        Assert.Contains("民间社会", zh, StringComparison.Ordinal);
        Assert.Equal(generated.Note, (await Client.GetOrganisationOfWorkNoteAsync(new GetOrganisationOfWorkNoteRequest(), TestTokens.Call(Roles.MemberState, "FRA"))).Note);

        Assert.Equal(["ar", "en", "es", "fr", "ru", "zh"], generated.Note.Markdown.Texts.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("<div dir=\"rtl\" lang=\"ar\">", generated.Note.Markdown.Texts["ar"], StringComparison.Ordinal);
        var french = await Client.GetOrganisationOfWorkNoteAsync(new GetOrganisationOfWorkNoteRequest { Languages = { "fr" } }, TestTokens.Call(Roles.MemberState, "FRA"));
        Assert.Equal(["fr"], french.Note.Markdown.Texts.Keys);
        Assert.Contains("Le Dialogue se tient du 3 octobre 2013", french.Note.Markdown.Texts["fr"], StringComparison.Ordinal);
        AssertFields(await Refused(() => Client.GetOrganisationOfWorkNoteAsync(new GetOrganisationOfWorkNoteRequest { Languages = { "de" } }, TestTokens.Call(Roles.MemberState, "FRA"))), "languages");
    }
}
