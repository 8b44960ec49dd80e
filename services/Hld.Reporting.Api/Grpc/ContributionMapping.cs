using System.Collections.Immutable;
using Google.Protobuf.WellKnownTypes;
using Hld.Contracts.Common.V1;
using Hld.Platform.Errors;
using Contract = Hld.Contracts.Reporting.V1;
using Model = Hld.Reporting.Contributions;

namespace Hld.Reporting.Api.Grpc;

/// <summary>Translates contributions, documents and agenda items, checking fields on the way in.</summary>
internal static class ContributionMapping
{
    /// <param name="owed">The paragraphs the dialogue definition in force owes inputs under (in hld-2013: 15, 16, 17).</param>
    public static Model.Contribution ToDomain(Contract.Contribution? c, IReadOnlyList<string> owed)
    {
        new FieldChecks().Require(c is not null, "contribution", "is required").ThrowIfAny();
        new FieldChecks()
            .Require(IsId(c!.ContributionId), "contribution.contribution_id", "must be 2-64 characters of letters, digits, '-' or '_'")
            .Require(owed.Contains(c.Paragraph), "contribution.paragraph", OwedRule(owed))
            .Require(IsId(c.ContributorId), "contribution.contributor_id", "must be the contributor's participant id")
            .Require(c.ContributorKind != Contract.ContributorKind.Unspecified && System.Enum.IsDefined(c.ContributorKind), "contribution.contributor_kind", "must be a known kind")
            .Require(System.Enum.IsDefined(c.Channel), "contribution.channel", "must be a known channel")
            .Require(c.ChannelName.Length <= 200, "contribution.channel_name", "must be at most 200 characters")
            .Require(Texts(c.Title), "contribution.title", "needs zh or en text, each 1-500 characters, keyed by zh, en, fr, es, ru or ar")
            .Require(c.DueAt is not null, "contribution.due_at", "is required")
            .ThrowIfAny();
        return new Model.Contribution(c.ContributionId, c.Paragraph, c.ContributorId, (Model.ContributorKind)c.ContributorKind,
            (Model.ContributionChannel)c.Channel, c.ChannelName, c.Title!.Texts.ToImmutableDictionary(StringComparer.Ordinal),
            c.DueAt!.ToDateTimeOffset(), null, 0);
    }

    public static Contract.Contribution ToContract(Model.Contribution c)
    {
        var contract = new Contract.Contribution
        {
            ContributionId = c.Id,
            Paragraph = c.Paragraph,
            ContributorId = c.ContributorId,
            ContributorKind = (Contract.ContributorKind)c.Kind,
            Channel = (Contract.ContributionChannel)c.Channel,
            ChannelName = c.ChannelName,
            Title = new LocalizedText { Texts = { c.Title } },
            DueAt = Timestamp.FromDateTimeOffset(c.DueAt),
            Status = c.Received ? Contract.ContributionStatus.Received : c.Submitted ? Contract.ContributionStatus.Submitted : Contract.ContributionStatus.Expected,
            Etag = c.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (c.ReceivedAt is { } received)
        {
            contract.ReceivedAt = Timestamp.FromDateTimeOffset(received);
        }

        if (c.SubmittedAt is { } submitted)
        {
            contract.SubmittedAt = Timestamp.FromDateTimeOffset(submitted);
        }

        return contract;
    }

    public static Contracts.Events.V1.ContributionRecorded ToEvent(Model.Contribution c) => new()
    {
        ContributionId = c.Id,
        Paragraph = c.Paragraph,
        ContributorId = c.ContributorId,
        ContributorKind = ((Contract.ContributorKind)c.Kind).ToString(),
        Channel = ((Contract.ContributionChannel)c.Channel).ToString(),
        DueAt = Timestamp.FromDateTimeOffset(c.DueAt),
        Received = c.Received,
        Submitted = c.Submitted,
    };

    /// <summary>A State's own contribution: its kind is MEMBER_STATE and, unless given, it is due when submitted.</summary>
    public static Model.Contribution ToSubmission(Contract.Contribution? c, DateTimeOffset now, IReadOnlyList<string> owed)
    {
        new FieldChecks().Require(c is not null, "contribution", "is required").ThrowIfAny();
        var submission = c!.Clone();
        submission.ContributorKind = submission.ContributorKind == Contract.ContributorKind.Unspecified ? Contract.ContributorKind.MemberState : submission.ContributorKind;
        submission.DueAt ??= Timestamp.FromDateTimeOffset(now);
        return ToDomain(submission, owed);
    }

    /// <param name="paragraphs">The paragraphs of the definition in force, one of which the document is recorded under.</param>
    public static Model.Document ToDomain(Contract.Document? d, IReadOnlySet<string> paragraphs)
    {
        new FieldChecks().Require(d is not null, "document", "is required").ThrowIfAny();
        new FieldChecks()
            .Require(IsSymbol(d!.Symbol), "document.symbol", "must be a UN document symbol such as A/67/254")
            .Require(Texts(d.Title), "document.title", "needs zh or en text, each 1-500 characters, keyed by zh, en, fr, es, ru or ar")
            .Require(d.Languages.Count > 0 && d.Languages.All(IsLanguage), "document.languages", "must list language tags among zh, en, fr, es, ru, ar")
            .Require(paragraphs.Contains(d.Paragraph), "document.paragraph", ParagraphRule)
            .Require(d.IssuedOn is null || IsDate(d.IssuedOn), "document.issued_on", "must be a calendar date")
            .ThrowIfAny();
        return new Model.Document(d.Symbol, d.Title!.Texts.ToImmutableDictionary(StringComparer.Ordinal), [.. d.Languages], d.Paragraph,
            d.IssuedOn is { } day ? new DateOnly(day.Year, day.Month, day.Day) : null);
    }

    public static Contract.Document ToContract(Model.Document d)
    {
        var contract = new Contract.Document { Symbol = d.Symbol, Title = new LocalizedText { Texts = { d.Title } }, Languages = { d.Languages }, Paragraph = d.Paragraph };
        if (d.IssuedOn is { } issued)
        {
            contract.IssuedOn = new CalendarDate { Year = issued.Year, Month = issued.Month, Day = issued.Day };
        }

        if (d.RecordedAt is { } recorded)
        {
            contract.RecordedAt = Timestamp.FromDateTimeOffset(recorded);
        }

        return contract;
    }

    /// <summary>What a contribution's paragraph must be: one the definition owes inputs under.</summary>
    public static string OwedRule(IReadOnlyList<string> owed) => owed.Count == 0
        ? "must be a paragraph the dialogue definition owes inputs under, and the definition in force owes none this service records"
        : $"must be a paragraph the dialogue definition in force owes inputs under: {string.Join(", ", owed.Select(p => $"\"{p}\""))}";

    /// <summary>What a document's paragraph must be.</summary>
    public const string ParagraphRule = "must be a paragraph the dialogue definition in force lists (\"19\", \"3(b)\", \"73/195 46\")";

    public static bool IsSymbol(string symbol) =>
        symbol.Length is >= 3 and <= 40 && symbol.Contains('/', StringComparison.Ordinal)
        && symbol.All(ch => char.IsAsciiLetterUpper(ch) || char.IsAsciiDigit(ch) || ch is '/' or '.' or '-');

    public static Contract.Overview ToContract(Model.ComprehensiveOverview o) => new()
    {
        Symbol = o.Symbol,
        Title = new LocalizedText { Texts = { o.Title } },
        Summary = new LocalizedText { Texts = { o.Summary } },
        InputContributionIds = { o.Inputs },
        AssembledAt = Timestamp.FromDateTimeOffset(o.AssembledAt),
    };

    /// <summary>The overview's symbol, title and summary, checked; whether zh and en are both there is para 15's rule, the domain's.</summary>
    public static (string Symbol, ImmutableDictionary<string, string> Title, ImmutableDictionary<string, string> Summary) ToDomain(Contract.Overview? o)
    {
        new FieldChecks().Require(o is not null, "overview", "is required").ThrowIfAny();
        new FieldChecks()
            .Require(IsSymbol(o!.Symbol), "overview.symbol", "must be a UN document symbol such as A/68/190")
            .Require(Texts(o.Title), "overview.title", "needs zh or en text, each 1-500 characters, keyed by zh, en, fr, es, ru or ar")
            .Require(Texts(o.Summary), "overview.summary", "needs zh or en text, each 1-500 characters, keyed by zh, en, fr, es, ru or ar")
            .ThrowIfAny();
        return (o.Symbol, o.Title!.Texts.ToImmutableDictionary(StringComparer.Ordinal), o.Summary!.Texts.ToImmutableDictionary(StringComparer.Ordinal));
    }

    public static Model.AgendaItem ToDomain(Contract.AgendaItem? a)
    {
        new FieldChecks().Require(a is not null, "agenda_item", "is required").ThrowIfAny();
        new FieldChecks()
            .Require(a!.Session > 0, "agenda_item.session", "must be a General Assembly session number")
            .Require(Texts(a.Item), "agenda_item.item", "needs zh or en text")
            .Require(Texts(a.SubItem), "agenda_item.sub_item", "needs zh or en text")
            .ThrowIfAny();
        return new Model.AgendaItem(a.Session, a.Item!.Texts.ToImmutableDictionary(StringComparer.Ordinal), a.SubItem!.Texts.ToImmutableDictionary(StringComparer.Ordinal));
    }

    private static bool Texts(LocalizedText? text) =>
        text is not null && (text.Texts.ContainsKey("zh") || text.Texts.ContainsKey("en"))
        && text.Texts.All(t => IsLanguage(t.Key) && t.Value.Trim().Length is > 0 and <= 500 && PlainText.IsPlain(t.Value));

    private static bool IsLanguage(string tag) => tag is "zh" or "en" or "fr" or "es" or "ru" or "ar";

    private static bool IsId(string id) => id.Length is >= 2 and <= 64 && id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_');

    private static bool IsDate(CalendarDate date) =>
        date.Year is >= 1945 and <= 9999 && date.Month is >= 1 and <= 12 && date.Day >= 1 && date.Day <= DateTime.DaysInMonth(date.Year, date.Month);
}
