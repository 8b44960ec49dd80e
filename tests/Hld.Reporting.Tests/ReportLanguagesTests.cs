using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Hld.Domain;
using Hld.Reporting.Projections;
using Hld.Reporting.Report;
using Hld.Testing;
using Xunit;

namespace Hld.Reporting.Tests;

/// <summary>The report in the six official languages (para 19; issue 13): words from the catalogues, dates by the language's culture, Arabic right to left.</summary>
public sealed partial class ReportLanguagesTests
{
    private static readonly DateTimeOffset Opening = new(2013, 10, 3, 14, 0, 0, TimeSpan.Zero);
    private static readonly ReportMarkdown Markdown = new(Catalogues.For<ReportMarkdown>(), "67/219");

    private static readonly ImmutableDictionary<string, string> Mandate = ImmutableDictionary<string, string>.Empty
        .Add("ar", "يحيط علماً بتقرير الأمين العام عن الهجرة الدولية والتنمية (A/67/254).")
        .Add("zh", "注意到秘书长关于国际移徙与发展的报告（A/67/254）。")
        .Add("en", "Takes note of the report of the Secretary-General on international migration and development (A/67/254).")
        .Add("fr", "Prend note du rapport du Secrétaire général sur les migrations internationales et le développement (A/67/254).")
        .Add("ru", "Принимает к сведению доклад Генерального секретаря о международной миграции и развитии (A/67/254).")
        .Add("es", "Toma nota del informe del Secretario General sobre la migración internacional y el desarrollo (A/67/254).");

    private static readonly FigureLabels Labels = new(ImmutableDictionary<string, ImmutableDictionary<string, string>>.Empty
        .Add("category:ObserverState", ImmutableDictionary<string, string>.Empty.Add("en", "observer States").Add("ar", "الدول المراقبة المسجلة")));

    private static string Report(string language)
    {
        var rule = new ParagraphRule("1", Mandate, ImmutableDictionary<string, long>.Empty.Add("category:ObserverState", 2), [], ImmutableDictionary<string, long>.Empty,
            Opening, ["registry.participant-registered"]);
        var projection = ReportingProjection.Empty.Apply(new ParticipantRegisteredFact("e-VAT", "registry.participant-registered", "registry/participant/VAT", Opening.AddDays(-1),
            "VAT", ParticipantCategory.ObserverState, RegionalGroup.None, string.Empty));
        var sections = ImplementationReport.Build(projection, [rule], Labels, Markdown.Text, Opening);
        return Markdown.Render(sections, Opening, 1234, language);
    }

    [Theory]
    [InlineData("en", "Due: 3 October 2013", "As of 3 October 2013, 14:00 UTC, from 1,234 recorded events.")]
    [InlineData("fr", "Échéance : 3 octobre 2013", "Au 3 octobre 2013, 14:00 UTC")]
    [InlineData("es", "Plazo: 3 de octubre de 2013", "Al 3 de octubre de 2013, 14:00 UTC, a partir de 1.234 eventos registrados.")]
    [InlineData("ru", "Срок: 3 октября 2013 г.", "Доклад Генерального секретаря")]
    [InlineData("zh", "期限：2013年10月3日", "秘书长关于第 67/219 号决议执行情况的报告")]
    [InlineData("ar", "3 أكتوبر 2013", "تقرير الأمين العام عن تنفيذ القرار 67/219")]
    public void Each_language_words_the_report_and_writes_its_dates_by_its_own_conventions_para19(string language, string due, string wording)
    {
        var report = Report(language);

        Assert.Contains(due, report, StringComparison.Ordinal);
        Assert.Contains(wording, report, StringComparison.Ordinal);
        Assert.Contains(Mandate[language], Unisolated(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_report_is_in_its_own_script_para19()
    {
        Assert.Matches(@"\p{IsArabic}{3}", Report("ar"));
        Assert.Matches(@"\p{IsCyrillic}{3}", Report("ru"));
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}{3}", Report("zh"));
        foreach (var language in new[] { "en", "fr", "es" })
        {
            Assert.DoesNotMatch(@"\p{IsArabic}|\p{IsCyrillic}|\p{IsCJKUnifiedIdeographs}", Report(language));
        }
    }

    [Fact]
    public void The_arabic_report_is_marked_right_to_left_and_other_languages_are_not()
    {
        var arabic = Report("ar");

        Assert.StartsWith("<div dir=\"rtl\" lang=\"ar\">\n\n# ", arabic, StringComparison.Ordinal);
        Assert.EndsWith("\n\n</div>\n", arabic, StringComparison.Ordinal);
        Assert.All(OfficialLanguages.All.Where(l => l != "ar"), l => Assert.DoesNotContain("dir=", Report(l), StringComparison.Ordinal));
    }

    [Fact]
    public void Every_latin_run_in_the_arabic_report_is_isolated_so_symbols_such_as_A_67_254_keep_their_order()
    {
        var body = Body(Report("ar"));

        Assert.Contains("(\u2068A/67/254\u2069)", body, StringComparison.Ordinal);
        Assert.Contains("\u2068UTC\u2069", body, StringComparison.Ordinal);
        Assert.Contains("`\u2068registry.participant-registered\u2069` \u2068registry/participant/VAT\u2069", body, StringComparison.Ordinal);
        Assert.DoesNotMatch("[A-Za-z]", Isolated().Replace(body, string.Empty));
        Assert.Equal(body.Count(c => c == DocumentLanguage.FirstStrongIsolate), body.Count(c => c == DocumentLanguage.PopDirectionalIsolate));
    }

    [Fact]
    public void Every_language_catalogue_of_the_report_has_every_key_of_the_english_one()
    {
        Assert.Empty(Catalogues.MissingKeys<ReportMarkdown>());
    }

    [Fact]
    public void Every_status_has_a_name_in_the_catalogue()
    {
        var text = Catalogues.For<ReportMarkdown>();
        Assert.All(Enum.GetValues<ImplementationStatus>(), status => Assert.False(text["Status" + status].ResourceNotFound, $"{status} has no name"));
    }

    private static string Body(string framed) => framed[(framed.IndexOf('\n', StringComparison.Ordinal) + 1)..framed.LastIndexOf("</div>", StringComparison.Ordinal)];

    private static string Unisolated(string text) => text.Replace("\u2068", string.Empty, StringComparison.Ordinal).Replace("\u2069", string.Empty, StringComparison.Ordinal);

    [GeneratedRegex("\u2068[^\u2069]*\u2069")]
    private static partial Regex Isolated();
}
