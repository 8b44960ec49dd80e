using System.Collections.Immutable;
using Hld.Sessions.Dialogues;
using Hld.Sessions.Programmes;
using Microsoft.Extensions.Options;

namespace Hld.Sessions.Api;

/// <summary>
/// Configuration section <c>Sessions</c>: the Dialogue (paras 2, 3(a)), what the resolution fixes
/// about it (3(b)-(d), 13) and the default programme (3(b), 3(c)). Data, not code: another dialogue
/// is another configuration.
/// </summary>
public sealed class SessionsOptions
{
    public DialogueOptions Dialogue { get; set; } = new();

    public MandateOptions Mandate { get; set; } = new();

    public ProgrammeOptions Programme { get; set; } = new();
}

/// <summary>Section <c>Sessions:Dialogue</c>.</summary>
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

/// <summary>Section <c>Sessions:Mandate</c>.</summary>
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

/// <summary>Section <c>Sessions:Programme</c>: the programme the service starts from.</summary>
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
            return ValidateOptionsResult.Fail($"Sessions:Dialogue breaks para {dialogue.Violation!.Paragraph}: {dialogue.Violation.Message}");
        }

        var programme = ProgrammePlanning.Configure(dialogue.Value, mandate, options.Programme.ToDomain());
        return programme.IsAccepted
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Sessions:Programme breaks para {programme.Violation!.Paragraph}: {programme.Violation.Message}");
    }
}
