using System.Collections.Immutable;
using Hld.Domain;
using Hld.Sessions.Dialogues;

namespace Hld.Sessions.Panels;

/// <summary>
/// The panel discussion on the overall theme that the PGA organises before the Dialogue (para 14).
/// Its theme is the Dialogue's overall theme (3(a)), taken from the Dialogue, not typed again.
/// </summary>
public sealed record PanelDiscussion(
    DateOnly Date,
    ImmutableDictionary<string, string> Title,
    ImmutableDictionary<string, string> Theme,
    DateTimeOffset ScheduledAt,
    int Revision,
    DateOnly? PreviousDate)
{
    public int DaysBeforeOpening(Dialogue dialogue) => dialogue.FirstDay.DayNumber - Date.DayNumber;

    /// <summary>Schedules (or moves) the panel: it must take place before the Dialogue opens (para 14).</summary>
    public static Decision<PanelDiscussion> Schedule(Dialogue dialogue, PanelDiscussion? current, DateOnly date, ImmutableDictionary<string, string> title, DateTimeOffset now)
    {
        if (date >= dialogue.FirstDay)
        {
            return new RuleViolation("PANEL_NOT_BEFORE_THE_DIALOGUE", Rules.Meeting("Panel"),
                Refusals.Text("PanelNotBeforeTheDialogue", dialogue.FirstDay, date, Rules.Meeting("Panel")));
        }

        return new PanelDiscussion(date, title, dialogue.Theme, now, (current?.Revision ?? 0) + 1, current?.Date);
    }
}
