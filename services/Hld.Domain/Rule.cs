// Which rule of the meeting's modalities a refusal rests on, named by where the dialogue definition
// states it, never by a paragraph number (decision 092).
namespace Hld.Domain;

/// <summary>
/// A rule of the meeting's modalities, named by the part of the dialogue definition that states it:
/// a section (<c>coChairs</c>, <c>hearing.summary</c>) and, for a section that is a list, the entry
/// (<c>lists[OtherStakeholders]</c>, <c>participation[MemberState]</c>). The definition in force says
/// which paragraph of its resolution that is; a domain never writes the number.
/// </summary>
public readonly record struct Rule(string Section, string? Entry = null)
{
    /// <summary>The rule as partners read it in a refusal's ErrorInfo (<c>rule</c>): <c>lists[OtherStakeholders]</c>.</summary>
    public override string ToString() => Entry is null ? Section : $"{Section}[{Entry}]";
}

/// <summary>
/// The rules the four services refuse under. Each is a part of the dialogue definition
/// (docs/dialogue-definitions.md): its paragraph there is the one a refusal names.
/// </summary>
public static class Rules
{
    /// <summary>When the meeting is held and for how many days (<c>$.dates</c>).</summary>
    public static readonly Rule Dates = new("dates");

    /// <summary>The session whose general debate the meeting follows (<c>$.followsSession</c>).</summary>
    public static readonly Rule FollowsSession = new("followsSession");

    /// <summary>How many plenaries and round tables the meeting has (<c>$.meetingCounts</c>).</summary>
    public static readonly Rule MeetingCounts = new("meetingCounts");

    /// <summary>Who presents the round tables' summaries, and at which meeting (<c>$.closingSummaries</c>).</summary>
    public static readonly Rule ClosingSummaries = new("closingSummaries");

    /// <summary>Who appoints the round tables' co-chairs, and the balance between regional groups (<c>$.coChairs</c>).</summary>
    public static readonly Rule CoChairs = new("coChairs");

    /// <summary>The level of representation and the order it gives the speakers list (<c>$.speakers.precedenceParagraph</c>).</summary>
    public static readonly Rule Precedence = new("speakers.precedence");

    /// <summary>The hearing: when, who is admitted, and its conduct (<c>$.hearing</c>).</summary>
    public static readonly Rule Hearing = new("hearing");

    /// <summary>The hearing's summary and its deadline (<c>$.hearing.summary</c>).</summary>
    public static readonly Rule HearingSummary = new("hearing.summary");

    /// <summary>The representatives the hearing selects to speak in the plenary (<c>$.hearing.representativesToPlenary</c>).</summary>
    public static readonly Rule HearingRepresentatives = new("hearing.representativesToPlenary");

    /// <summary>Participation as the General Assembly's rules of procedure and practice have it: one registration each, as the reference data records it (<c>$.registration</c>).</summary>
    public static readonly Rule Registration = new("registration");

    /// <summary>Under which paragraph a category of participant takes part (<c>$.participation[*]</c>, the entry that names it).</summary>
    public static Rule Participation(ParticipantCategory category) => new("participation", category.ToString());

    /// <summary>One of the PGA's lists of organisations (<c>$.lists[*]</c>, the entry of that kind).</summary>
    public static Rule List(ListKind kind) => new("lists", kind.ToString());

    /// <summary>A report or input owed (<c>$.reports[*]</c>, the entry of that id).</summary>
    public static Rule Report(string id) => new("reports", id);

    /// <summary>A meeting of the programme (<c>$.meetings[*]</c>): the first of a kind, or the one of that number.</summary>
    public static Rule Meeting(string kind, int? number = null) => new("meetings", number is null ? kind : $"{kind} {number}");

    /// <summary>The paragraph a request itself names (a contribution recorded under it), when that paragraph is among the resolution's (<c>$.paragraphs</c>).</summary>
    public static Rule Paragraph(string number) => new("paragraphs", number);
}
