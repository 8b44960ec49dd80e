using System.Globalization;
using System.Text.Json.Nodes;
using Hld.Domain;

namespace Hld.Modalities;

/// <summary>
/// What a definition must hold that its schema cannot say: meetings on days the meeting has, deadlines
/// before what they are measured against, counts that match, and every rule's paragraph among the
/// resolution's paragraphs.
/// </summary>
internal static class DefinitionRules
{
    public static List<DefinitionProblem> Check(DialogueDefinition d, JsonNode node)
    {
        var problems = new List<DefinitionProblem>();
        void Refuse(string path, string message) => problems.Add(new DefinitionProblem(path, message));

        if (d.Dates.ClosesOn < d.Dates.OpensOn)
        {
            Refuse("$.dates.closesOn", $"{Day(d.Dates.ClosesOn)} is before the opening, {Day(d.Dates.OpensOn)}");
        }

        CheckMeetings(d, Refuse);
        CheckParagraphs(d, node, Refuse);

        var opening = Opening(d);
        var hearingPath = "$.hearing";
        if (d.Hearing.Within is { } within && (d.Hearing.On < within.From || d.Hearing.On.AddDays(d.Hearing.Days - 1) > within.To))
        {
            Refuse($"{hearingPath}.on", $"the hearing on {Day(d.Hearing.On)} is outside the period the resolution sets, {Day(within.From)} to {Day(within.To)}");
        }

        if (!d.Hearing.DuringMeeting && d.Hearing.On >= d.Dates.OpensOn)
        {
            Refuse($"{hearingPath}.on", $"the hearing on {Day(d.Hearing.On)} is not before the meeting opens on {Day(d.Dates.OpensOn)}");
        }

        if (d.Hearing.DuringMeeting && (d.Hearing.On < d.Dates.OpensOn || d.Hearing.On.AddDays(d.Hearing.Days - 1) > d.Dates.ClosesOn))
        {
            Refuse($"{hearingPath}.on", $"the hearing on {Day(d.Hearing.On)} is held during the meeting (duringMeeting), and the meeting's days are {Day(d.Dates.OpensOn)} to {Day(d.Dates.ClosesOn)}");
        }

        if (d.Hearing.Summary.NotAfter is { } notAfter && d.Hearing.Summary.Deadline > Instant(d, notAfter))
        {
            Refuse($"{hearingPath}.summary.deadline", $"{d.Hearing.Summary.Deadline:O} is after the {Name(notAfter)} it must precede ({Instant(d, notAfter):O})");
        }

        if (d.Hearing.Summary.Deadline < new DateTimeOffset(d.Hearing.On.ToDateTime(TimeOnly.MinValue), d.Venue.Offset))
        {
            Refuse($"{hearingPath}.summary.deadline", $"{d.Hearing.Summary.Deadline:O} is before the hearing it summarises, on {Day(d.Hearing.On)}");
        }

        for (var i = 0; i < d.Lists.Count; i++)
        {
            if (d.Lists[i].NonObjection is { DeadlineBefore: var before, Months: var months } && Date(d, before).AddMonths(-months) < d.Resolution.AdoptedOn)
            {
                Refuse($"$.lists[{i}].nonObjection", $"{months} month(s) before the {Name(before)} is before the resolution was adopted ({Day(d.Resolution.AdoptedOn)})");
            }
        }

        CheckParticipation(d, Refuse);
        if (opening < new DateTimeOffset(d.Resolution.AdoptedOn.ToDateTime(TimeOnly.MinValue), d.Venue.Offset))
        {
            Refuse("$.dates.opensOn", $"the meeting opens before its resolution was adopted ({Day(d.Resolution.AdoptedOn)})");
        }

        foreach (var (theme, path) in Themes(d))
        {
            foreach (var language in theme.Official.Where(l => !theme.Texts.ContainsKey(l)))
            {
                Refuse($"{path}.official", $"'{language}' is marked official but the theme has no '{language}' text");
            }

            foreach (var language in (theme.Sources?.Keys ?? []).Where(l => !theme.Texts.ContainsKey(l)))
            {
                Refuse($"{path}.sources.{language}", $"a source is named for '{language}' but the theme has no '{language}' text");
            }
        }

        CheckResolutions(d, Refuse);
        CheckWindows(d, Refuse);
        CheckOutcome(d, Refuse);
        return problems;
    }

    private static void CheckMeetings(DialogueDefinition d, Action<string, string> refuse)
    {
        for (var i = 0; i < d.Meetings.Count; i++)
        {
            var m = d.Meetings[i];
            var path = $"$.meetings[{i}]";
            if (m.Day is null == m.Before is null)
            {
                refuse(path, $"a {m.Kind} meeting takes either a day of the meeting or a milestone it comes before, and this one has {(m.Day is null ? "neither" : "both")}");
            }

            if (m.Day is { } day && (day < 1 || day > d.Days))
            {
                refuse($"{path}.day", $"day {day} is outside the meeting's {d.Days} day(s) ({Day(d.Dates.OpensOn)} to {Day(d.Dates.ClosesOn)})");
            }

            if (m.On is not null && m.Before is null)
            {
                refuse($"{path}.on", "a date is for a meeting held ahead of a milestone, and this one names no 'before'");
            }

            if (m.On is { } held && m.Before is { } milestone && held >= Date(d, milestone))
            {
                refuse($"{path}.on", $"{Day(held)} is not before the {Name(milestone)} it comes ahead of ({Day(Date(d, milestone))})");
            }

            if (m.Kind == MeetingKind.MultiStakeholderHearing && DateOf(d, m) is { } date && date != d.Hearing.On)
            {
                refuse(m.On is null ? $"{path}.day" : $"{path}.on", $"the hearing meets on {Day(date)}, and $.hearing.on says {Day(d.Hearing.On)}");
            }

            if (m.StartsAt is { } starts && m.EndsAt is { } ends && ends <= starts)
            {
                refuse($"{path}.endsAt", $"{ends:HH\\:mm} is not after the start, {starts:HH\\:mm}");
            }

            if (m.StartsAt is { } start && m.HalfDay is { } half && (start.Hour < 13) != (half == HalfDay.Morning))
            {
                refuse($"{path}.startsAt", $"{start:HH\\:mm} is not in the {half.ToString().ToLowerInvariant()}");
            }

            if (m.Kind == MeetingKind.RoundTable && m.Theme is null)
            {
                refuse($"{path}.theme", "a round table needs its theme");
            }

            if (d.Meetings.Take(i).Any(o => o.Kind == m.Kind && o.Number == m.Number))
            {
                refuse($"{path}.number", $"{m.Kind} {m.Number} is defined twice");
            }
        }

        foreach (var (kind, count) in d.MeetingCounts.Counts)
        {
            var defined = d.Meetings.Count(m => m.Kind == kind);
            if (defined != count)
            {
                refuse($"$.meetingCounts.counts.{kind}", $"the resolution's {count} {kind} meeting(s), and the definition has {defined}");
            }
        }

        if (d.ClosingSummaries is { } closing && !d.MeetingsOf(closing.AtKind ?? MeetingKind.Plenary).Any(p => p.Number == closing.AtPlenary))
        {
            refuse("$.closingSummaries.atPlenary", $"there is no {closing.AtKind ?? MeetingKind.Plenary} meeting {closing.AtPlenary}");
        }

        if (d.Speakers.AsTimePermits is { } late && !d.MeetingsOf(MeetingKind.Plenary).Any(p => p.Number == late.OnPlenary))
        {
            refuse("$.speakers.asTimePermits.onPlenary", $"there is no plenary meeting {late.OnPlenary}");
        }
    }

    // Every "paragraph" in the file, wherever it is, must be one of the resolution's paragraphs listed.
    private static void CheckParagraphs(DialogueDefinition d, JsonNode node, Action<string, string> refuse)
    {
        var known = d.Paragraphs.Select(p => p.Number).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < d.Paragraphs.Count; i++)
        {
            if (d.Paragraphs.Take(i).Any(p => p.Number == d.Paragraphs[i].Number))
            {
                refuse($"$.paragraphs[{i}].number", $"paragraph {d.Paragraphs[i].Number} is listed twice");
            }
        }

        foreach (var (path, value) in ParagraphReferences(node["paragraphs"] is null ? node : Without(node, "paragraphs"), "$"))
        {
            if (!known.Contains(value))
            {
                refuse(path, $"paragraph '{value}' is not among the resolution's paragraphs ($.paragraphs)");
            }
        }
    }

    // A meeting resting on several resolutions: each symbol described once, and every paragraph of
    // another resolution than the first both names it and carries its prefix ("73/195 49(e)"), so that
    // a refusal's paragraph never reads as the first resolution's.
    private static void CheckResolutions(DialogueDefinition d, Action<string, string> refuse)
    {
        var symbols = d.Resolution.Symbols;
        for (var i = 0; i < symbols.Count; i++)
        {
            if (symbols.Take(i).Contains(symbols[i], StringComparer.Ordinal))
            {
                refuse($"$.resolution.symbols[{i}]", $"{symbols[i]} is listed twice");
            }
        }

        if (d.Resolution.Texts is { } texts)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                if (!symbols.Contains(texts[i].Symbol, StringComparer.Ordinal))
                {
                    refuse($"$.resolution.texts[{i}].symbol", $"{texts[i].Symbol} is not among $.resolution.symbols");
                }

                if (texts[i].AdoptedOn > d.Dates.OpensOn)
                {
                    refuse($"$.resolution.texts[{i}].adoptedOn", $"{texts[i].Symbol} adopted on {Day(texts[i].AdoptedOn)}, after the meeting opens ({Day(d.Dates.OpensOn)})");
                }
            }

            foreach (var missing in symbols.Where(s => !texts.Any(t => t.Symbol == s)))
            {
                refuse("$.resolution.texts", $"{missing} is in $.resolution.symbols but not described here");
            }
        }

        for (var i = 0; i < d.Paragraphs.Count; i++)
        {
            var paragraph = d.Paragraphs[i];
            var path = $"$.paragraphs[{i}]";
            var prefix = Prefix(paragraph.Number);
            var symbol = paragraph.Resolution ?? symbols[0];
            if (!symbols.Contains(symbol, StringComparer.Ordinal))
            {
                refuse($"{path}.resolution", $"{symbol} is not among $.resolution.symbols");
                continue;
            }

            if (symbol != symbols[0] && prefix is null)
            {
                refuse($"{path}.number", $"paragraph {paragraph.Number} of {symbol} needs its prefix ('{symbol["A/RES/".Length..]} {paragraph.Number}'): unprefixed numbers are {symbols[0]}'s");
            }

            if (prefix is not null && "A/RES/" + prefix != symbol)
            {
                refuse($"{path}.number", $"'{paragraph.Number}' names {"A/RES/" + prefix}, and the paragraph is {symbol}'s");
            }
        }
    }

    private static string? Prefix(string number) => number.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? number[..space] : null;

    private static void CheckWindows(DialogueDefinition d, Action<string, string> refuse)
    {
        var windows = d.Windows ?? [];
        for (var w = 0; w < windows.Count; w++)
        {
            var window = windows[w];
            var path = $"$.windows[{w}]";
            if (Index(window.To) < Index(window.From))
            {
                refuse($"{path}.to", $"{Name(window.To)} is before {Name(window.From)}");
            }

            if (window.To.Day > d.Days)
            {
                refuse($"{path}.to", $"day {window.To.Day} is outside the meeting's {d.Days} day(s)");
            }

            for (var i = 0; i < d.Meetings.Count; i++)
            {
                var m = d.Meetings[i];
                if (m.Kind != window.Kind)
                {
                    continue;
                }

                if (m.Day is not { } day || m.HalfDay is not { } half)
                {
                    refuse($"$.meetings[{i}]", $"{m.Kind} {m.Number} must be held between {Name(window.From)} and {Name(window.To)} ({path}), and names no day and half-day");
                }
                else if (Index(new Slot(day, half)) < Index(window.From) || Index(new Slot(day, half)) > Index(window.To))
                {
                    refuse($"$.meetings[{i}].day", $"{m.Kind} {m.Number} on {Name(new Slot(day, half))} is outside {Name(window.From)} to {Name(window.To)} ({path})");
                }
            }
        }
    }

    private static void CheckOutcome(DialogueDefinition d, Action<string, string> refuse)
    {
        if (d.Outcome is { } outcome && !d.MeetingsOf(outcome.AtKind).Any(m => m.Number == outcome.AtNumber))
        {
            refuse("$.outcome.atNumber", $"there is no {outcome.AtKind} meeting {outcome.AtNumber} to adopt {outcome.Id}");
        }
    }

    private static int Index(Slot slot) => (slot.Day * 2) + (slot.HalfDay == HalfDay.Morning ? 0 : 1);

    private static string Name(Slot slot) => $"day {slot.Day} {slot.HalfDay.ToString().ToLowerInvariant()}";

    private static string Name(Milestone milestone) => milestone == Milestone.FirstPlenary ? "first plenary" : milestone.ToString().ToLowerInvariant();

    private static DateOnly? DateOf(DialogueDefinition d, MeetingDefinition m) =>
        m.On ?? (m.Day is { } day ? d.Dates.OpensOn.AddDays(day - 1) : null);

    private static JsonObject Without(JsonNode node, string property)
    {
        var copy = node.DeepClone().AsObject();
        copy.Remove(property);
        return copy;
    }

    private static IEnumerable<(string Path, string Value)> ParagraphReferences(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (name is "paragraph" or "precedenceParagraph" && value is JsonValue v && v.TryGetValue<string>(out var paragraph))
                    {
                        yield return ($"{path}.{name}", paragraph);
                    }
                    else
                    {
                        foreach (var found in ParagraphReferences(value, $"{path}.{name}"))
                        {
                            yield return found;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var found in ParagraphReferences(array[i], $"{path}[{i}]"))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }

    private static void CheckParticipation(DialogueDefinition d, Action<string, string> refuse)
    {
        foreach (var category in Enum.GetValues<ParticipantCategory>().Where(c => c != ParticipantCategory.Unspecified))
        {
            var rules = d.Participation.Count(p => p.Categories.Contains(category));
            if (rules != 1)
            {
                refuse("$.participation", $"{category} is named by {rules} participation rules; every category takes part under exactly one");
            }
        }

        for (var i = 0; i < d.Participation.Count; i++)
        {
            if (d.Participation[i].List is { } kind && d.ListOf(kind) is null)
            {
                refuse($"$.participation[{i}].list", $"the list {kind} is not among $.lists");
            }
        }
    }

    private static IEnumerable<(ThemeDefinition Theme, string Path)> Themes(DialogueDefinition d)
    {
        yield return (d.Theme, "$.theme");
        for (var i = 0; i < d.Meetings.Count; i++)
        {
            if (d.Meetings[i].Theme is { } theme)
            {
                yield return (theme, $"$.meetings[{i}].theme");
            }
        }
    }

    private static DateOnly Date(DialogueDefinition d, Milestone milestone) => milestone switch
    {
        Milestone.Hearing => d.Hearing.On,
        Milestone.Opening => d.Dates.OpensOn,
        Milestone.FirstPlenary => FirstPlenary(d) is { Day: { } day } ? d.Dates.OpensOn.AddDays(day - 1) : d.Dates.OpensOn,
        _ => d.Dates.ClosesOn,
    };

    private static MeetingDefinition? FirstPlenary(DialogueDefinition d) =>
        d.MeetingsOf(MeetingKind.Plenary).Where(m => m.Day is not null).OrderBy(m => m.Day).ThenBy(m => m.StartsAt ?? TimeOnly.MinValue).FirstOrDefault();

    // The first meeting's start on the opening day (midnight when none has a time); the closing's end of day.
    private static DateTimeOffset Instant(DialogueDefinition d, Milestone milestone) => milestone switch
    {
        Milestone.Opening => Opening(d),
        Milestone.Closing => new DateTimeOffset(d.Dates.ClosesOn.ToDateTime(new TimeOnly(23, 59, 59)), d.Venue.Offset),
        Milestone.FirstPlenary => new DateTimeOffset(Date(d, milestone).ToDateTime(FirstPlenary(d)?.StartsAt ?? TimeOnly.MinValue), d.Venue.Offset),
        _ => new DateTimeOffset(d.Hearing.On.ToDateTime(TimeOnly.MinValue), d.Venue.Offset),
    };

    private static DateTimeOffset Opening(DialogueDefinition d)
    {
        var first = d.Meetings.Where(m => m.Day == 1 && m.StartsAt is not null).Select(m => m.StartsAt!.Value).DefaultIfEmpty(TimeOnly.MinValue).Min();
        return new DateTimeOffset(d.Dates.OpensOn.ToDateTime(first), d.Venue.Offset);
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
