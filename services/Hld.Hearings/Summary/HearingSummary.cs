using System.Collections.Immutable;
using Hld.Domain;
using Hld.Hearings.Calendar;

namespace Hld.Hearings.Summary;

/// <summary>Where a version of the summary stands, numbered like hld.hearings.v1.SummaryVersionStatus.</summary>
public enum SummaryVersionStatus
{
    Unspecified = 0,
    Draft = 1,
    Superseded = 2,
    Published = 3,
}

/// <summary>One kept version of the summary; once published it never changes.</summary>
public sealed record SummaryVersion(
    int Number,
    ImmutableDictionary<string, string> Text,
    string RevisionNote,
    DateTimeOffset DraftedAt,
    SummaryVersionStatus Status,
    DateTimeOffset? PublishedAt);

/// <summary>
/// The PGA's summary of the hearing (para 11): drafted by the PGA office with every version kept,
/// published no later than its deadline and never after the Dialogue opens. A published version is
/// immutable; the summary changes only through a new version that records why.
/// </summary>
public sealed record HearingSummary(string DialogueId, ImmutableList<SummaryVersion> Versions)
{
    /// <summary>The version being drafted, if the latest one is not yet published.</summary>
    public SummaryVersion? CurrentDraft() => Versions.Count > 0 && Versions[^1].Status == SummaryVersionStatus.Draft ? Versions[^1] : null;

    /// <summary>The version in force: the latest published one.</summary>
    public SummaryVersion? LatestPublished() => Versions.LastOrDefault(v => v.Status == SummaryVersionStatus.Published);

    /// <summary>
    /// Saves a new draft version (the previous draft is kept, superseded). Once a version is
    /// published, a new draft must say what it changes and why.
    /// </summary>
    public static Decision<HearingSummary> SaveDraft(
        HearingSummary? summary, string dialogueId, IReadOnlyDictionary<string, string> text, string revisionNote, DateTimeOffset now)
    {
        var current = summary ?? new HearingSummary(dialogueId, []);
        if (current.LatestPublished() is { } published && string.IsNullOrWhiteSpace(revisionNote))
        {
            return new RuleViolation("REVISION_NOTE_REQUIRED", Rules.HearingSummary,
                Refusals.Text("RevisionNoteRequired", published.Number));
        }

        var versions = current.CurrentDraft() is { } draft
            ? current.Versions.Replace(draft, draft with { Status = SummaryVersionStatus.Superseded })
            : current.Versions;
        var version = new SummaryVersion(
            current.Versions.Count + 1,
            text.ToImmutableDictionary(StringComparer.Ordinal),
            revisionNote.Trim(),
            now,
            SummaryVersionStatus.Draft,
            null);
        return current with { Versions = versions.Add(version) };
    }

    /// <summary>
    /// Publishes the current draft: once the hearing has been held, no later than the summary's
    /// deadline and before the Dialogue opens (para 11).
    /// </summary>
    public static Decision<HearingSummary> Publish(HearingSummary? summary, DateOnly? hearingDate, MeetingCalendar calendar, DateTimeOffset now)
    {
        if (summary?.CurrentDraft() is not { } draft)
        {
            return new RuleViolation("NO_DRAFT_TO_PUBLISH", Rules.HearingSummary, Refusals.Text("NoDraftToPublish"));
        }

        if (hearingDate is not { } day)
        {
            return new RuleViolation("HEARING_NOT_SCHEDULED", Rules.HearingSummary, Refusals.Text("SummaryHearingNotScheduled"));
        }

        if (calendar.LocalDate(now) < day)
        {
            return new RuleViolation("HEARING_NOT_HELD", Rules.HearingSummary, Refusals.Text("SummaryHearingNotHeld", day));
        }

        if (!calendar.SummaryMayBePublishedAt(now))
        {
            return new RuleViolation("SUMMARY_DEADLINE_PASSED", Rules.HearingSummary,
                Refusals.Text("SummaryDeadlinePassed", calendar.Venue.Format(calendar.SummaryDueBy)));
        }

        return summary with { Versions = summary.Versions.Replace(draft, draft with { Status = SummaryVersionStatus.Published, PublishedAt = now }) };
    }
}
