using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Hld.Domain;
using Hld.Sessions.CoChairs;
using Hld.Sessions.Dialogues;
using Hld.Sessions.Panels;
using Hld.Sessions.Programmes;
using Hld.Sessions.Wording;

namespace Hld.Sessions.Notes;

/// <summary>Everything the note is drawn from: the stored programme and what was decided about it.</summary>
public sealed record NoteSources(
    Dialogue Dialogue,
    DialogueMandate Mandate,
    Programme Programme,
    RoundTableChairs Chairs,
    PanelDiscussion? Panel);

/// <summary>A generated note on the organisation of work (para 10), in Markdown per language.</summary>
public sealed record OrganisationOfWorkNote(int Revision, DateTimeOffset GeneratedAt, ImmutableDictionary<string, string> Markdown)
{
    /// <summary>Generates the next revision of the note from <paramref name="sources"/>, in every language the service writes.</summary>
    public static OrganisationOfWorkNote Generate(OrganisationOfWorkNote? previous, NoteSources sources, DateTimeOffset now) => new(
        (previous?.Revision ?? 0) + 1,
        now,
        Labels.Languages.ToImmutableDictionary(language => language, language => Render(sources, language, now)));

    /// <summary>Renders the note in one language. Pure: the same sources and instant give the same text.</summary>
    public static string Render(NoteSources sources, string language, DateTimeOffset generatedAt)
    {
        var zh = language == Labels.Chinese;
        var (d, mandate, programme) = (sources.Dialogue, sources.Mandate, sources.Programme);
        var md = new StringBuilder();
        md.Append(zh ? "# 国际移徙与发展问题高级别对话工作安排的说明\n\n" : "# Note on the organisation of work of the High-level Dialogue on International Migration and Development\n\n");
        md.Append(zh
            ? $"依照大会第67/219号决议第10段编写。根据所存方案生成，时间 {Utc(generatedAt)}。所列时间均为会场当地时间（UTC{Offset(d)}）。\n\n"
            : $"Prepared under paragraph 10 of General Assembly resolution 67/219. Generated from the stored programme at {Utc(generatedAt)}. Times are local to the venue (UTC{Offset(d)}).\n\n");

        md.Append(zh ? "## 一、日期和地点（第2段）\n\n" : "## 1. Dates and venue (para 2)\n\n");
        md.Append(zh
            ? $"高级别对话于{ZhDate(d.FirstDay)}至{ZhDate(d.LastDay)}在{Labels.Pick(d.Venue, language)}举行，为期{d.Days}天，在大会第{d.FollowsGeneralDebateOfSession}届会议一般性辩论（{ZhDate(d.GeneralDebateEndsOn)}结束）之后。\n\n"
            : $"The Dialogue is held from {EnDate(d.FirstDay)} to {EnDate(d.LastDay)} ({d.Days} days) at {Labels.Pick(d.Venue, language)}, after the general debate of the {Ordinal(d.FollowsGeneralDebateOfSession)} session of the General Assembly, which ends on {EnDate(d.GeneralDebateEndsOn)}.\n\n");

        md.Append(zh ? "## 二、总主题（第3(a)段）\n\n" : "## 2. Overall theme (para 3(a))\n\n");
        md.Append("> ").Append(Labels.Pick(d.Theme, language)).Append("\n\n");

        md.Append(zh ? "## 三、全体会议（第3(b)段）\n\n" : "## 3. Plenary meetings (para 3(b))\n\n");
        md.Append(zh ? "| 会议 | 日期 | 时间 | 供发言名单的时间 | 备注 |\n|---|---|---|---|---|\n" : "| Meeting | Date | Time | Time for the speakers list | Note |\n|---|---|---|---|---|\n");
        foreach (var meeting in programme.PlenaryMeetings.OrderBy(m => m.Number))
        {
            var notes = new List<string>();
            if (meeting.Number == programme.Closing.Number)
            {
                notes.Add(zh ? "闭幕全体会议：各圆桌会议共同主席口头介绍讨论摘要（第3(b)㈢段）" : "closing plenary: the co-chairs present oral summaries of the round tables (para 3(b)(iii))");
            }

            if (meeting.Number == mandate.HearingSpeakersMeeting)
            {
                notes.Add(zh ? "听证会选出的代表列入本次会议发言名单末尾，如时间允许（第13段）" : "the representatives selected at the hearing close this meeting's list, as time permits (para 13)");
            }

            md.Append(CultureInfo.InvariantCulture, $"| {meeting.Number} | {Day(d, meeting.StartsAt, zh)} | {Hours(d, meeting.StartsAt, meeting.EndsAt)} | {Minutes(meeting.SpeakingTime, zh)} | {Cell(string.Join(zh ? "；" : "; ", notes))} |\n");
        }

        md.Append('\n');
        md.Append(zh ? "## 四、圆桌会议（第3(b)、3(c)和3(d)段）\n\n" : "## 4. Round tables (paras 3(b), 3(c) and 3(d))\n\n");
        md.Append(zh ? "| 圆桌会议 | 日期 | 时间 | 主题 | 共同主席 | 席位 |\n|---|---|---|---|---|---|\n" : "| Round table | Date | Time | Theme | Co-chairs | Seats |\n|---|---|---|---|---|---|\n");
        foreach (var table in programme.RoundTables.OrderBy(r => r.Number))
        {
            var half = Labels.HalfDayName(d.HalfDayOf(table.StartsAt, table.EndsAt), language);
            var chairs = sources.Chairs.Of(table.Number);
            var chairText = chairs.IsEmpty
                ? (zh ? "尚未任命" : "not yet appointed")
                : string.Join(zh ? "；" : "; ", chairs.Select(c => $"{c.RepresentativeName} ({StateName(c, language)}, {Labels.RegionalGroupName(c.RegionalGroup, language)})"));
            md.Append(CultureInfo.InvariantCulture, $"| {table.Number} | {Day(d, table.StartsAt, zh)} {half} | {Hours(d, table.StartsAt, table.EndsAt)} | {Cell(Labels.Pick(table.Theme, language))} | {Cell(chairText)} | {table.Capacity} |\n");
        }

        md.Append('\n');
        var balance = sources.Chairs.Balance(mandate);
        md.Append(zh
            ? $"每个圆桌会议由大会主席在适当考虑地域均衡情况下、与各区域组协商后任命的{mandate.CoChairsPerRoundTable}位代表共同主持；同一圆桌会议的共同主席来自不同区域组；在全部{balance.SeatsTotal}个席位中，任何区域组持有{mandate.MostSeatsWhileAGroupHasNone}个以上席位时，不得有区域组没有席位。已任命{balance.SeatsFilled}/{balance.SeatsTotal}位；已协商的区域组：{RoundTableChairs.RegionalGroups.Length - balance.GroupsNotConsulted.Count}/{RoundTableChairs.RegionalGroups.Length}。\n\n"
            : $"Each round table is co-chaired by {mandate.CoChairsPerRoundTable} representatives appointed by the President of the General Assembly, with due regard to geographic balance, after consultation with the regional groups. The co-chairs of one round table come from different regional groups, and over the {balance.SeatsTotal} seats no group is left without a seat while another holds more than {mandate.MostSeatsWhileAGroupHasNone}. Appointed so far: {balance.SeatsFilled} of {balance.SeatsTotal}; regional groups consulted: {RoundTableChairs.RegionalGroups.Length - balance.GroupsNotConsulted.Count} of {RoundTableChairs.RegionalGroups.Length}.\n\n");

        var limit = Minutes(programme.SpeakerTimeLimit, zh);
        md.Append(zh ? "## 五、全体会议发言名单（第5和13段）\n\n" : "## 5. Speakers list for the plenary meetings (paras 5 and 13)\n\n");
        md.Append(zh
            ? $"- 每个代表团每次全体会议登记一次，可撤回登记。\n- 发言顺序：(1) 会员国，按代表级别（国家元首；副总统或王储；政府首脑；副总理；部长；副部长；常驻代表或其他代表团团长），同级按登记时间先后；(2) 观察员国；(3) 欧洲联盟；(4) 其他观察员（联合国系统实体、政府间组织等）；(5) 最后是听证会期间选出的代表，如时间允许，每组至多一名。\n- 代表级别变化时，名单随之重新排序；登记时间相同者按参与方标识排序。\n- 每位发言者的发言时限为{limit}。名单按顺序填满会议可供发言的时间，时间不够时，听证会代表最先被排除。\n\n"
            : $"- Each delegation inscribes once per plenary meeting and may withdraw.\n- Order: (1) Member States, by level of representation (Head of State; Vice-President or Crown Prince; Head of Government; Deputy Prime Minister; Minister; Vice-Minister; Permanent Representative or other head of delegation), then by time of inscription; (2) observer States; (3) the European Union; (4) other observers (United Nations system, intergovernmental organisations); (5) last, the representatives selected at the hearing, at most one per group, as time permits.\n- The list re-orders when a delegation's level changes; inscriptions at the same instant are ordered by participant id.\n- Each speaker has {limit}. Speakers fill the meeting's time in order; when time runs out, the hearing's representatives are the first to drop.\n\n");

        md.Append(zh ? "## 六、民间社会的参与（第9、12和13段）\n\n" : "## 6. How civil society takes part (paras 9, 12 and 13)\n\n");
        md.Append(zh
            ? $"- 具有经社理事会咨商地位的非政府组织（第9段名单）以及其他非政府组织、学术机构和私营部门实体（第12段无异议名单）的代表，仅从最终名单中参加圆桌会议；大会主席与会员国协商确定每个圆桌会议的参加者，同时考虑到公平地域代表性。\n- 每个会员国至多参加{programme.MaxRoundTablesPerMemberState}个圆桌会议；各圆桌会议的席位见上表。\n- 在非正式互动听证会期间，经社理事会咨商地位非政府组织、民间社会组织和私营部门各选出一名代表，列入第{mandate.HearingSpeakersMeeting}次全体会议发言名单末尾，如时间允许。\n\n"
            : $"- Representatives of NGOs in consultative status with ECOSOC (the para 9 list) and of other NGOs, academic institutions and private-sector entities (the para 12 non-objection list) take part in the round tables only from the final lists; the President of the General Assembly, in consultation with Member States, fixes who takes part in each round table, with equitable geographical representation.\n- A Member State takes part in at most {programme.MaxRoundTablesPerMemberState} round table(s); the seats of each round table are given above.\n- One representative each of NGOs in consultative status with ECOSOC, civil-society organisations and the private sector, selected during the informal interactive hearing, closes the speakers list of plenary meeting {mandate.HearingSpeakersMeeting}, as time permits.\n\n");

        md.Append(zh ? "## 七、小组讨论（第14段）\n\n" : "## 7. Panel discussion (para 14)\n\n");
        md.Append(sources.Panel is { } panel
            ? zh
                ? $"大会主席在高级别对话之前于{ZhDate(panel.Date)}组织一次侧重总主题的小组讨论：{Labels.Pick(panel.Title, language)}。\n"
                : $"The President of the General Assembly organises a panel discussion on the overall theme on {EnDate(panel.Date)}, before the Dialogue: {Labels.Pick(panel.Title, language)}.\n"
            : zh ? "小组讨论尚未排定日期；须在高级别对话开幕之前举行。\n" : "The panel discussion is not yet scheduled; it takes place before the Dialogue opens.\n");
        return md.ToString();
    }

    private static string StateName(CoChair chair, string language) =>
        Labels.Pick(chair.StateName, language) is { Length: > 0 } name ? name : chair.ParticipantId;

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Offset(Dialogue d) =>
        (d.UtcOffset < TimeSpan.Zero ? "-" : "+") + d.UtcOffset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static string EnDate(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static string ZhDate(DateOnly date) => string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日");

    private static string Day(Dialogue d, DateTimeOffset at, bool zh)
    {
        var date = DateOnly.FromDateTime(d.Local(at).DateTime);
        return zh ? ZhDate(date) : EnDate(date);
    }

    private static string Hours(Dialogue d, DateTimeOffset from, DateTimeOffset to) =>
        string.Create(CultureInfo.InvariantCulture, $"{d.Local(from):HH\\:mm}–{d.Local(to):HH\\:mm}");

    private static string Minutes(TimeSpan span, bool zh)
    {
        var minutes = span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture);
        return zh ? minutes + "分钟" : minutes + " minutes";
    }

    private static string Ordinal(int n) => n.ToString(CultureInfo.InvariantCulture) + (n % 100, n % 10) switch
    {
        ( >= 11 and <= 13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };

    // Markdown table cells cannot hold a pipe or a line break.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
