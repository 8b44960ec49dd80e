using Hld.Domain;
using Hld.Sessions.CoChairs;
using Hld.Sessions.Notes;
using Hld.Sessions.Panels;
using Hld.Sessions.Wording;
using Hld.Testing;
using Xunit;
using static Hld.Sessions.Tests.Resolution;

namespace Hld.Sessions.Tests;

public sealed class PanelAndNoteTests
{
    private static readonly DateTimeOffset Now = new(2013, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SessionsWording Wording = new(Catalogues.For<SessionsWording>());

    [Fact]
    public void A_panel_on_the_opening_day_or_later_is_refused_para14()
    {
        var onTheDay = PanelDiscussion.Schedule(Hld2013, null, new DateOnly(2013, 10, 3), Texts("Panel", "小组讨论"), Now).Violation!;
        var after = PanelDiscussion.Schedule(Hld2013, null, new DateOnly(2013, 10, 10), Texts("Panel", "小组讨论"), Now).Violation!;

        Assert.Equal(("PANEL_NOT_BEFORE_THE_DIALOGUE", "14"), (onTheDay.Reason, onTheDay.Paragraph));
        Assert.Equal("14", after.Paragraph);
    }

    [Fact]
    public void A_panel_before_the_dialogue_is_on_the_overall_theme_and_a_move_keeps_the_previous_date_para14()
    {
        var first = PanelDiscussion.Schedule(Hld2013, null, new DateOnly(2013, 6, 25), Texts("Panel", "小组讨论"), Now).Value;
        var moved = PanelDiscussion.Schedule(Hld2013, first, new DateOnly(2013, 10, 2), Texts("Panel", "小组讨论"), Now).Value;

        Assert.Equal(Hld2013.Theme, first.Theme);
        Assert.Equal(100, first.DaysBeforeOpening(Hld2013));
        Assert.Equal((2, new DateOnly(2013, 6, 25), 1), (moved.Revision, moved.PreviousDate!.Value, moved.DaysBeforeOpening(Hld2013)));
    }

    private static NoteSources Sources()
    {
        var chairs = RoundTableChairs.RegionalGroups.Aggregate(RoundTableChairs.None, (c, g) => c.RecordConsultation(g, new DateOnly(2013, 5, 1), "", Now).Value);
        chairs = chairs.Appoint(2, new CoChairCandidate("MEX", ParticipantCategory.MemberState, RegionalGroup.LatinAmericanAndCaribbeanStates, "MEX", Texts("Mexico", "墨西哥"), "Ana Ruiz"), Mandate, Now).Value.Chairs;
        var panel = PanelDiscussion.Schedule(Hld2013, null, new DateOnly(2013, 6, 25), Texts("Panel on the overall theme", "关于总主题的小组讨论"), Now).Value;
        return new NoteSources(Hld2013, Mandate, DefaultProgramme, chairs, panel, new NoteAuthority("67/219", "10"));
    }

    [Fact]
    public void The_note_renders_the_stored_programme_in_the_six_official_languages_para10()
    {
        var sources = Sources();

        var note = OrganisationOfWorkNote.Generate(null, sources, Now, Wording);

        Assert.Equal(["ar", "en", "es", "fr", "ru", "zh"], note.Markdown.Keys.Order(StringComparer.Ordinal));
        var (en, zh) = (note.Markdown["en"], note.Markdown["zh"]);
        Assert.StartsWith("# Note on the organisation of work", en, StringComparison.Ordinal);
        Assert.StartsWith("# 国际移徙与发展问题高级别对话工作安排的说明", zh, StringComparison.Ordinal);
        foreach (var table in sources.Programme.RoundTables)
        {
            Assert.Contains(table.Theme["en"], en, StringComparison.Ordinal);
            Assert.Contains(table.Theme["zh"], zh, StringComparison.Ordinal);
        }

        Assert.Contains(Hld2013.Theme["en"], en, StringComparison.Ordinal);
        Assert.Contains(Hld2013.Theme["zh"], zh, StringComparison.Ordinal);
        Assert.Contains("Ana Ruiz (Mexico, Latin American and Caribbean States)", en, StringComparison.Ordinal);
        Assert.Contains("Ana Ruiz (墨西哥, 拉丁美洲和加勒比国家组)", zh, StringComparison.Ordinal);
        Assert.Contains("| 2 | 3 October 2013 afternoon | 15:00–18:00 |", en, StringComparison.Ordinal);
        Assert.Contains("| 2 | 2013年10月3日 下午 | 15:00–18:00 |", zh, StringComparison.Ordinal);
        Assert.Contains("Each speaker has 5 minutes", en, StringComparison.Ordinal);
        Assert.Contains("发言时限为5分钟", zh, StringComparison.Ordinal);
        Assert.Contains("only from the final lists", en, StringComparison.Ordinal);
        Assert.Contains("25 June 2013", en, StringComparison.Ordinal);
        Assert.Contains("2013年6月25日", zh, StringComparison.Ordinal);

        Assert.StartsWith("<div dir=\"rtl\" lang=\"ar\">\n\n# مذكرة عن تنظيم أعمال الحوار", note.Markdown["ar"], StringComparison.Ordinal);
        Assert.Contains("3 أكتوبر 2013", note.Markdown["ar"], StringComparison.Ordinal);
        Assert.Contains("Le Dialogue se tient du 3 octobre 2013 au 4 octobre 2013", note.Markdown["fr"], StringComparison.Ordinal);
        Assert.Contains("El Diálogo se celebra del 3 de octubre de 2013 al 4 de octubre de 2013", note.Markdown["es"], StringComparison.Ordinal);
        Assert.Contains("Диалог проводится с 3 октября 2013 г.", note.Markdown["ru"], StringComparison.Ordinal);
        Assert.Contains("after the general debate of the 68th session", en, StringComparison.Ordinal);
        Assert.Contains("Ana Ruiz (Mexico, Estados de América Latina y el Caribe)", note.Markdown["es"], StringComparison.Ordinal);
        Assert.Contains("| 2 | 3 octobre 2013 après-midi | 15:00–18:00 |", note.Markdown["fr"], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_language_catalogue_of_the_sessions_service_has_every_key_of_the_english_one()
    {
        Assert.Empty(Catalogues.MissingKeys<SessionsWording>());
    }

    [Fact]
    public void Every_level_category_group_and_half_day_has_its_own_name_in_every_language()
    {
        var text = Catalogues.For<SessionsWording>();
        var keys = Enum.GetNames<LevelOfRepresentation>().Select(n => "Level" + n)
            .Concat(Enum.GetNames<ParticipantCategory>().Select(n => "Category" + n))
            .Concat(Enum.GetNames<HearingGroup>().Select(n => "HearingGroup" + n))
            .Concat(Enum.GetNames<RegionalGroup>().Select(n => "RegionalGroup" + n))
            .Concat(Enum.GetNames<Hld.Sessions.Dialogues.HalfDay>().Select(n => "HalfDay" + n));
        Assert.All(keys, key => Assert.False(text[key].ResourceNotFound, $"{key} has no name"));
    }

    [Fact]
    public void The_note_follows_the_stored_data_when_it_changes_para10()
    {
        var sources = Sources();
        var changed = sources with { Programme = sources.Programme with { SpeakerTimeLimit = TimeSpan.FromMinutes(7) }, Panel = null };

        var first = OrganisationOfWorkNote.Generate(null, sources, Now, Wording);
        var second = OrganisationOfWorkNote.Generate(first, changed, Now.AddDays(1), Wording);

        Assert.Equal(2, second.Revision);
        Assert.Contains("Each speaker has 7 minutes", second.Markdown["en"], StringComparison.Ordinal);
        Assert.Contains("发言时限为7分钟", second.Markdown["zh"], StringComparison.Ordinal);
        Assert.Contains("not yet scheduled", second.Markdown["en"], StringComparison.Ordinal);
        Assert.Equal(OrganisationOfWorkNote.Render(changed, "en", Now.AddDays(1), Wording), second.Markdown["en"]);
    }

    [Fact]
    public void The_note_names_the_plenary_the_hearing_s_representatives_close_only_where_the_resolution_puts_them_on_one_para13()
    {
        var sources = Sources();
        var none = sources with { Mandate = sources.Mandate with { HearingSpeakersMeeting = 0 } };

        Assert.Contains("closes the speakers list of plenary meeting 4, as time permits", OrganisationOfWorkNote.Render(sources, "en", Now, Wording), StringComparison.Ordinal);
        foreach (var language in new[] { "ar", "zh", "en", "fr", "ru", "es" })
        {
            var with = OrganisationOfWorkNote.Render(sources, language, Now, Wording);
            var without = OrganisationOfWorkNote.Render(none, language, Now, Wording);
            var speakers = DocumentLanguage.In(language, _ => Wording["CivilSocietyHearingSpeakers", 4]);
            var rest = DocumentLanguage.In(language, _ => Wording["CivilSociety", sources.Programme.MaxRoundTablesPerMemberState]);
            Assert.Contains(speakers, with, StringComparison.Ordinal);
            Assert.DoesNotContain(speakers, without, StringComparison.Ordinal);
            Assert.Contains(rest, without, StringComparison.Ordinal);
        }
    }
}
