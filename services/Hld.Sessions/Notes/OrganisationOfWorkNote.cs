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

/// <summary>Everything the note is drawn from: the stored programme, what was decided about it, and what asks for it.</summary>
public sealed record NoteSources(
    Dialogue Dialogue,
    DialogueMandate Mandate,
    Programme Programme,
    RoundTableChairs Chairs,
    PanelDiscussion? Panel,
    NoteAuthority Authority);

/// <summary>The resolution the note is prepared under (its number, as the definition's resolution is cited), and its paragraph that asks for it; null when it asks for none.</summary>
public sealed record NoteAuthority(string Resolution, string? Paragraph);

/// <summary>A generated note on the organisation of work (para 10), in Markdown per language.</summary>
public sealed record OrganisationOfWorkNote(int Revision, DateTimeOffset GeneratedAt, ImmutableDictionary<string, string> Markdown)
{
    /// <summary>Generates the next revision of the note from <paramref name="sources"/>, in the six official languages.</summary>
    public static OrganisationOfWorkNote Generate(OrganisationOfWorkNote? previous, NoteSources sources, DateTimeOffset now, SessionsWording wording) => new(
        (previous?.Revision ?? 0) + 1,
        now,
        OfficialLanguages.All.ToImmutableDictionary(language => language, language => Render(sources, language, now, wording)));

    /// <summary>
    /// Renders the note in one language: its words from the catalogues, its dates and numbers by the
    /// language's culture, Arabic right to left. Pure: the same sources and instant give the same text.
    /// </summary>
    public static string Render(NoteSources sources, string language, DateTimeOffset generatedAt, SessionsWording wording) =>
        DocumentLanguage.Framed(language, DocumentLanguage.In(language, culture => Write(sources, language, generatedAt, wording, culture)));

    private static string Write(NoteSources sources, string language, DateTimeOffset generatedAt, SessionsWording w, CultureInfo culture)
    {
        var (d, mandate, programme) = (sources.Dialogue, sources.Mandate, sources.Programme);
        var md = new StringBuilder();
        md.Append("# ").Append(w["NoteTitle"]).Append("\n\n");
        var (day, time, authority) = (w.Day(DateOnly.FromDateTime(generatedAt.UtcDateTime)), generatedAt.UtcDateTime.ToString("HH:mm", culture), sources.Authority);
        md.Append(authority.Paragraph is { } paragraph
            ? w["NotePrepared", day, time, Offset(d), paragraph, authority.Resolution]
            : w["NotePreparedUnderResolution", day, time, Offset(d), authority.Resolution]).Append("\n\n");

        md.Append("## ").Append(w["HeadingDates"]).Append("\n\n");
        md.Append(w["DatesVenue", w.Day(d.FirstDay), w.Day(d.LastDay), d.Days, Labels.Pick(d.Venue, language), w.Session(d.FollowsGeneralDebateOfSession), w.Day(d.GeneralDebateEndsOn)]).Append("\n\n");

        md.Append("## ").Append(w["HeadingTheme"]).Append("\n\n");
        md.Append("> ").Append(Labels.Pick(d.Theme, language)).Append("\n\n");

        md.Append("## ").Append(w["HeadingPlenary"]).Append("\n\n");
        md.Append(w["PlenaryColumns"]).Append("\n|---|---|---|---|---|\n");
        foreach (var meeting in programme.PlenaryMeetings.OrderBy(m => m.Number))
        {
            var notes = new List<string>();
            if (meeting.Number == programme.Closing.Number)
            {
                notes.Add(w["ClosingPlenary"]);
            }

            if (meeting.Number == mandate.HearingSpeakersMeeting)
            {
                notes.Add(w["HearingSpeakersClose"]);
            }

            md.Append(culture, $"| {meeting.Number} | {Day(d, meeting.StartsAt, w)} | {Hours(d, meeting.StartsAt, meeting.EndsAt)} | {Minutes(meeting.SpeakingTime, w)} | {Cell(string.Join(w["ListSeparator"], notes))} |\n");
        }

        md.Append('\n');
        md.Append("## ").Append(w["HeadingRoundTables"]).Append("\n\n");
        md.Append(w["RoundTableColumns"]).Append("\n|---|---|---|---|---|---|\n");
        foreach (var table in programme.RoundTables.OrderBy(r => r.Number))
        {
            var half = w.HalfDayName(d.HalfDayOf(table.StartsAt, table.EndsAt));
            var chairs = sources.Chairs.Of(table.Number);
            var chairText = chairs.IsEmpty
                ? w["NotYetAppointed"]
                : string.Join(w["ListSeparator"], chairs.Select(c => w["CoChair", c.RepresentativeName, StateName(c, language), w.RegionalGroupName(c.RegionalGroup)]));
            md.Append(culture, $"| {table.Number} | {Day(d, table.StartsAt, w)} {half} | {Hours(d, table.StartsAt, table.EndsAt)} | {Cell(Labels.Pick(table.Theme, language))} | {Cell(chairText)} | {(table.HasCapacity ? table.Capacity.ToString(culture) : "—")} |\n");
        }

        md.Append('\n');
        var balance = sources.Chairs.Balance(mandate);
        md.Append(w["CoChairRules", mandate.CoChairsPerRoundTable, balance.SeatsTotal, mandate.MostSeatsWhileAGroupHasNone, balance.SeatsFilled,
            RoundTableChairs.RegionalGroups.Length - balance.GroupsNotConsulted.Count, RoundTableChairs.RegionalGroups.Length]).Append("\n\n");

        md.Append("## ").Append(w["HeadingSpeakers"]).Append("\n\n");
        md.Append(w["SpeakersRules", Minutes(programme.SpeakerTimeLimit, w)]).Append("\n\n");

        md.Append("## ").Append(w["HeadingCivilSociety"]).Append("\n\n");
        md.Append(w["CivilSociety", programme.MaxRoundTablesPerMemberState]).Append('\n');
        if (mandate.HearingSpeakersMeeting > 0)
        {
            md.Append(w["CivilSocietyHearingSpeakers", mandate.HearingSpeakersMeeting]).Append('\n');
        }

        md.Append('\n');

        md.Append("## ").Append(w["HeadingPanel"]).Append("\n\n");
        md.Append(sources.Panel is { } panel ? w["PanelScheduled", w.Day(panel.Date), Labels.Pick(panel.Title, language)] : w["PanelNotScheduled"]).Append('\n');
        return md.ToString();
    }

    private static string StateName(CoChair chair, string language) =>
        Labels.Pick(chair.StateName, language) is { Length: > 0 } name ? name : chair.ParticipantId;

    private static string Offset(Dialogue d) =>
        (d.UtcOffset < TimeSpan.Zero ? "-" : "+") + d.UtcOffset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static string Day(Dialogue d, DateTimeOffset at, SessionsWording w) => w.Day(DateOnly.FromDateTime(d.Local(at).DateTime));

    private static string Hours(Dialogue d, DateTimeOffset from, DateTimeOffset to) =>
        string.Create(CultureInfo.InvariantCulture, $"{d.Local(from):HH\\:mm}–{d.Local(to):HH\\:mm}");

    private static string Minutes(TimeSpan span, SessionsWording w) => w["Minutes", (int)Math.Round(span.TotalMinutes)];

    // Markdown table cells cannot hold a pipe or a line break.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace('\n', ' ');
}
