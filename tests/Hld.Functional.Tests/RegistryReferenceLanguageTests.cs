using System.Text.Json;
using Hld.Contracts.Registry.V1;
using Hld.Registry.Api.Hosting;
using Hld.Testing;
using Xunit;
using static Hld.Functional.Tests.RegistryTestKit;

namespace Hld.Functional.Tests;

/// <summary>
/// Issue 13: every reference entry is named in the six official languages, each in its script, and every State's
/// name that is not CLDR's territory name is listed, with its reason, in the file's cldrDifferences.
/// </summary>
public sealed class RegistryReferenceLanguageFileTests
{
    private static readonly string[] Languages = ["ar", "zh", "en", "fr", "es", "ru"];

    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, new RegistryOptions().ReferenceData.Directory);

    private static List<(string File, JsonElement Root)> Files() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.json").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), JsonDocument.Parse(File.ReadAllText(f)).RootElement))];

    private static IEnumerable<JsonElement> Array(JsonElement root, string name) =>
        root.TryGetProperty(name, out var list) ? list.EnumerateArray() : [];

    private static IEnumerable<(string File, string Id, JsonElement Names)> Entries() =>
        Files().SelectMany(f => Array(f.Root, "memberStates").Concat(Array(f.Root, "observerStates"))
            .Select(s => (f.File, s.GetProperty("code").GetString()!, s.GetProperty("names")))
            .Concat(Array(f.Root, "entities").Select(e => (f.File, e.GetProperty("id").GetString()!, e.GetProperty("names")))));

    private static IEnumerable<(string File, string Code, JsonElement Names)> States() =>
        Entries().Where(e => e.Id.Length == 3 && e.Id.All(char.IsAsciiLetterUpper) && e.File is "member-states.json" or "observers.json");

    private static bool IsArabic(char c) => c is >= '\u0600' and <= '\u06FF';

    private static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    private static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';

    private static bool IsLatin(char c) => char.IsAsciiLetter(c) || c is >= '\u00C0' and <= '\u024F';

    // The name's letters are all of the language's script (digits, spaces and punctuation aside), and there is at least one.
    private static bool InScript(string language, string name)
    {
        Func<char, bool> script = language switch
        {
            "ar" => IsArabic,
            "ru" => IsCyrillic,
            "zh" => IsHan,
            _ => IsLatin,
        };
        var letters = name.Where(c => char.IsLetter(c) || IsHan(c)).ToList();
        return letters.Count > 0 && letters.All(script);
    }

    [Fact]
    public void Every_entry_has_its_name_in_the_six_official_languages_each_in_its_script()
    {
        var entries = Entries().ToList();
        var problems = entries.SelectMany(e => Languages
                .Select(l => (l, e.Names.TryGetProperty(l, out var n) ? n.GetString() ?? string.Empty : string.Empty))
                .Where(n => string.IsNullOrWhiteSpace(n.Item2) || !InScript(n.l, n.Item2))
                .Select(n => $"{e.File} {e.Id} {n.l}: '{n.Item2}'"))
            .ToList();

        Assert.Equal(193 + 2 + 1 + 14 + 5 + 2, entries.Count);
        Assert.Empty(problems);
    }

    [Fact]
    public void The_script_check_tells_the_scripts_apart()
    {
        Assert.True(InScript("ar", "دولة فلسطين"));
        Assert.False(InScript("ar", "State of Palestine"));
        Assert.True(InScript("ru", "Кот-д'Ивуар"));
        Assert.False(InScript("ru", "Cote d'Ivoire"));
        Assert.True(InScript("zh", "玻利维亚（多民族国）"));
        Assert.False(InScript("zh", "Bolivia"));
        Assert.True(InScript("fr", "Bolivie (État plurinational de)"));
        Assert.False(InScript("es", "Боливия"));
    }

    [Fact]
    public void Every_name_that_is_not_CLDRs_is_listed_with_a_reason_and_nothing_else_is_listed()
    {
        using var fixture = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cldr", "cldr-territories.json")));
        var cldr = fixture.RootElement.GetProperty("names");
        var version = fixture.RootElement.GetProperty("version").GetString()!;
        var files = Files().Where(f => f.File is "member-states.json" or "observers.json").ToList();
        var listed = files.SelectMany(f => Array(f.Root, "cldrDifferences").Select(d => (
                Key: (f.File, Code: d.GetProperty("code").GetString()!, Language: d.GetProperty("language").GetString()!),
                Un: d.GetProperty("un").GetString()!,
                Cldr: d.GetProperty("cldr").GetString()!,
                Reason: d.GetProperty("reason").GetString()!)))
            .ToList();
        var actual = States().SelectMany(s => Languages
                .Select(l => (Key: (s.File, Code: s.Code, Language: l), Un: s.Names.GetProperty(l).GetString()!, Cldr: cldr.GetProperty(s.Code).GetProperty(l).GetString()!)))
            .Where(n => !string.Equals(n.Un, n.Cldr, StringComparison.Ordinal))
            .ToList();

        Assert.All(files, f => Assert.Contains($"cldr-localenames-full {version}", f.Root.GetProperty("source").GetString(), StringComparison.Ordinal));
        Assert.Equal(195, States().Count());
        Assert.Equal(listed.Count, listed.Select(d => d.Key).Distinct().Count());
        Assert.All(listed, d => Assert.True(d.Reason.Length > 20, $"{d.Key}: a reason"));
        Assert.Equal(
            actual.Select(n => $"{n.Key.File} {n.Key.Code} {n.Key.Language}: UN '{n.Un}', CLDR '{n.Cldr}'").Order(StringComparer.Ordinal),
            listed.Select(d => $"{d.Key.File} {d.Key.Code} {d.Key.Language}: UN '{d.Un}', CLDR '{d.Cldr}'").Order(StringComparer.Ordinal));
    }
}

/// <summary>The registry serves the six names it loads, in the participant's LocalizedText.</summary>
public sealed class RegistryReferenceLanguageTests(HldHosts hosts) : IClassFixture<HldHosts>
{
    private RegistryService.RegistryServiceClient Registry => Client(hosts.Registry.Channel);

    [Fact]
    public async Task A_loaded_State_and_entity_read_back_with_their_names_in_the_six_languages()
    {
        await LoadReferenceDataAsync(Registry);

        var turkey = (await Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "TUR" }, State("TUR"))).Participant;
        var undp = (await Registry.GetParticipantAsync(new GetParticipantRequest { ParticipantId = "UNDP" }, Secretariat)).Participant;

        Assert.Equal(
            [("ar", "تركيا"), ("en", "Turkey"), ("es", "Turquía"), ("fr", "Turquie"), ("ru", "Турция"), ("zh", "土耳其")],
            turkey.Name.Texts.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Value)));
        Assert.Equal("Programme des Nations Unies pour le développement", undp.Name.Texts["fr"]);
        Assert.Equal("برنامج الأمم المتحدة الإنمائي", undp.Name.Texts["ar"]);
        Assert.Equal(6, undp.Name.Texts.Count);
    }
}
