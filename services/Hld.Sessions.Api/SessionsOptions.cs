using System.Collections.Immutable;
using Hld.Modalities;
using HalfDay = Hld.Sessions.Dialogues.HalfDay;
using Hld.Sessions.Dialogues;
using Hld.Sessions.Programmes;
using Microsoft.Extensions.Options;

namespace Hld.Sessions.Api;

/// <summary>
/// The Dialogue (its dates, venue and theme), what its resolution fixes about it (meetings, slots,
/// co-chairs, the hearing's speakers) and the default programme. Filled from the dialogue definition
/// the host serves (<see cref="DefinedBy"/>); configuration section <c>Sessions</c> may override any
/// value on top of it, for a rehearsal or a test.
/// </summary>
public sealed class SessionsOptions
{
    public DialogueOptions Dialogue { get; set; } = new();

    public MandateOptions Mandate { get; set; } = new();

    public ProgrammeOptions Programme { get; set; } = new();

    /// <summary>Sets every value from the definition: the options as the resolution and its definition state them.</summary>
    public void DefinedBy(DialogueDefinition definition)
    {
        var source = $"Dialogue definition {definition.Id}: {definition.Resolution.Source}";
        var roundTables = definition.MeetingsOf(MeetingKind.RoundTable).ToList();
        Dialogue = new DialogueOptions
        {
            Id = definition.Id,
            OpensAt = definition.OpensAt(),
            ClosesAt = definition.ClosesAt(),
            UtcOffset = definition.Venue.Offset,
            Venue = new(definition.Venue.Names),
            FollowsGeneralDebateOfSession = definition.FollowsSession?.Number ?? 0,
            GeneralDebateEndsOn = definition.FollowsSession?.GeneralDebateEndsOn ?? default,
            Theme = new(definition.Theme.Texts),
            Source = source,
        };
        Mandate = new MandateOptions
        {
            Days = definition.Days,
            PlenaryMeetings = definition.MeetingsOf(MeetingKind.Plenary).Count(),
            RoundTables = roundTables.Count,
            RoundTableSlots = [.. roundTables.Where(m => m is { Day: not null, HalfDay: not null }).Select(m => new RoundTableSlotOptions
            {
                RoundTable = m.Number,
                Day = m.Day!.Value,
                HalfDay = m.HalfDay == Hld.Modalities.HalfDay.Morning ? HalfDay.Morning : HalfDay.Afternoon,
                Paragraph = m.Paragraph,
            })],
            CoChairsPerRoundTable = definition.CoChairs.PerRoundTable,
            MostSeatsWhileAGroupHasNone = definition.CoChairs.MostSeatsWhileAGroupHasNone ?? definition.CoChairs.PerRoundTable * roundTables.Count,
            HearingSpeakersMeeting = definition.Speakers.AsTimePermits?.OnPlenary ?? 0,
            Source = source,
        };
        Programme = new ProgrammeOptions
        {
            PlenaryMeetings = [.. definition.MeetingsOf(MeetingKind.Plenary).Select(m => new PlenaryMeetingOptions
            {
                Number = m.Number,
                StartsAt = Timed(definition.StartOf(m), m),
                EndsAt = Timed(definition.EndOf(m), m),
                Reserved = m.Reserved ?? TimeSpan.Zero,
            })],
            RoundTables = [.. roundTables.Select(m => new RoundTableOptions
            {
                Number = m.Number,
                Theme = new(m.Theme?.Texts ?? new Dictionary<string, string>()),
                StartsAt = Timed(definition.StartOf(m), m),
                EndsAt = Timed(definition.EndOf(m), m),
                Capacity = m.Capacity ?? 0,
            })],
            SpeakerTimeLimit = definition.Speakers.TimeLimit,
            MaxRoundTablesPerMemberState = definition.Speakers.RoundTablesPerMemberState ?? roundTables.Count,
            Source = source,
        };
    }

    // The programme this service starts from has a time for every plenary and round table.
    private static DateTimeOffset Timed(DateTimeOffset? at, MeetingDefinition meeting) =>
        at ?? throw new InvalidOperationException($"{meeting.Kind} {meeting.Number} of the dialogue definition has no day or time; the sessions service needs both.");
}

/// <summary>The Dialogue itself (section <c>Sessions:Dialogue</c> overrides).</summary>
public sealed class DialogueOptions
{
    public string Id { get; set; } = "hld-2013";

    public DateTimeOffset OpensAt { get; set; }

    public DateTimeOffset ClosesAt { get; set; }

    /// <summary>The venue's offset from UTC during the Dialogue; days and half-days are read on it.</summary>
    public TimeSpan UtcOffset { get; set; }

    public Dictionary<string, string> Venue { get; set; } = [];

    public int FollowsGeneralDebateOfSession { get; set; }

    public DateOnly GeneralDebateEndsOn { get; set; }

    public Dictionary<string, string> Theme { get; set; } = [];

    /// <summary>Where the values come from.</summary>
    public string Source { get; set; } = string.Empty;

    public Dialogue ToDomain() => new(
        Id, OpensAt, ClosesAt, UtcOffset, Venue.ToImmutableDictionary(), FollowsGeneralDebateOfSession, GeneralDebateEndsOn, Theme.ToImmutableDictionary());
}

/// <summary>What the resolution fixes (section <c>Sessions:Mandate</c> overrides).</summary>
public sealed class MandateOptions
{
    public int Days { get; set; }

    public int PlenaryMeetings { get; set; }

    public int RoundTables { get; set; }

    public List<RoundTableSlotOptions> RoundTableSlots { get; set; } = [];

    public int CoChairsPerRoundTable { get; set; }

    public int MostSeatsWhileAGroupHasNone { get; set; }

    public int HearingSpeakersMeeting { get; set; }

    public string Source { get; set; } = string.Empty;

    public DialogueMandate ToDomain() => new(
        Days,
        PlenaryMeetings,
        RoundTables,
        RoundTableSlots.Select(s => new RoundTableSlot(s.RoundTable, s.Day, s.HalfDay, s.Paragraph)).ToImmutableList(),
        CoChairsPerRoundTable,
        MostSeatsWhileAGroupHasNone,
        HearingSpeakersMeeting);
}

/// <summary>One entry of <c>Sessions:Mandate:RoundTableSlots</c>.</summary>
public sealed class RoundTableSlotOptions
{
    public int RoundTable { get; set; }

    public int Day { get; set; }

    public HalfDay HalfDay { get; set; }

    public string Paragraph { get; set; } = string.Empty;
}

/// <summary>The programme the service starts from (section <c>Sessions:Programme</c> overrides).</summary>
public sealed class ProgrammeOptions
{
    public List<PlenaryMeetingOptions> PlenaryMeetings { get; set; } = [];

    public List<RoundTableOptions> RoundTables { get; set; } = [];

    public TimeSpan SpeakerTimeLimit { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxRoundTablesPerMemberState { get; set; } = 1;

    public string Source { get; set; } = string.Empty;

    public Programme ToDomain() => new(
        PlenaryMeetings.Select(m => new PlenaryMeeting(m.Number, m.StartsAt, m.EndsAt, m.Reserved)).ToImmutableList(),
        RoundTables.Select(r => new RoundTable(r.Number, r.Theme.ToImmutableDictionary(), r.StartsAt, r.EndsAt, r.Capacity)).ToImmutableList(),
        SpeakerTimeLimit,
        MaxRoundTablesPerMemberState);
}

/// <summary>One entry of <c>Sessions:Programme:PlenaryMeetings</c>.</summary>
public sealed class PlenaryMeetingOptions
{
    public int Number { get; set; }

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public TimeSpan Reserved { get; set; }
}

/// <summary>One entry of <c>Sessions:Programme:RoundTables</c>.</summary>
public sealed class RoundTableOptions
{
    public int Number { get; set; }

    public Dictionary<string, string> Theme { get; set; } = [];

    public DateTimeOffset StartsAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    public int Capacity { get; set; }
}

/// <summary>
/// Refuses to start on a configuration that breaks the resolution: the same domain rules that refuse
/// a partner's request refuse a bad default (para 2 for the dates, 3(b)-(b)(iii) for the programme).
/// </summary>
public sealed class SessionsOptionsValidation : IValidateOptions<SessionsOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionsOptions options)
    {
        var mandate = options.Mandate.ToDomain();
        if (mandate.Problem() is { } problem)
        {
            return ValidateOptionsResult.Fail($"Sessions:Mandate: {problem}.");
        }

        var dialogue = DialogueCalendar.Validate(options.Dialogue.ToDomain(), mandate);
        if (!dialogue.IsAccepted)
        {
            return ValidateOptionsResult.Fail($"Sessions:Dialogue breaks the rule {dialogue.Violation!.Rule}: {dialogue.Violation.Message}");
        }

        var programme = ProgrammePlanning.Configure(dialogue.Value, mandate, options.Programme.ToDomain());
        return programme.IsAccepted
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Sessions:Programme breaks the rule {programme.Violation!.Rule}: {programme.Violation.Message}");
    }
}
