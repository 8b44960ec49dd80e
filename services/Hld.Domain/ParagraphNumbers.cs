using System.Globalization;
using System.Text;

namespace Hld.Domain;

/// <summary>
/// A paragraph number as each official language writes it in United Nations documents: "3(b)(iii)"
/// in English and Chinese, "3 b) iii)" in French, Spanish and Russian, "3 (ب) '3'" in Arabic (the
/// sub-paragraph's letter in the Arabic order of letters, its Roman numeral as a figure in quotes).
/// A prefix naming another resolution ("73/195 49(e)") is kept as it is.
/// </summary>
public static class ParagraphNumbers
{
    // The Arabic letters of the abjad order, which lettered sub-paragraphs follow: a = أ, b = ب, c = ج, d = د,
    // e = هـ (with its tatweel, so that the lone letter does not read as a word) …
    private static readonly string[] Abjad = ["أ", "ب", "ج", "د", "هـ", "و", "ز", "ح", "ط", "ي", "ك", "ل", "م", "ن", "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض"];

    public static string Write(string number, CultureInfo culture)
    {
        var open = number.IndexOf('(', StringComparison.Ordinal);
        var language = culture.TwoLetterISOLanguageName;
        if (open < 0 || language is "en" or "zh")
        {
            return number;
        }

        var parts = number[(open + 1)..].TrimEnd(')').Split(")(");
        var written = new StringBuilder(number[..open]);
        for (var level = 0; level < parts.Length; level++)
        {
            var part = parts[level];
            written.Append(' ').Append(language switch
            {
                "ar" when level == 0 && part is [var letter] && letter is >= 'a' and <= 'z' && letter - 'a' < Abjad.Length => $"({Abjad[letter - 'a']})",
                "ar" when Roman(part) is { } value => $"'{value.ToString(CultureInfo.InvariantCulture)}'",
                "ar" => $"({part})",
                _ => $"{part})",
            });
        }

        return written.ToString();
    }

    // i, ii, iii, iv … xx as a number; null for anything else.
    private static int? Roman(string text)
    {
        int total = 0, previous = 0;
        foreach (var c in text.Reverse())
        {
            var value = c switch { 'i' => 1, 'v' => 5, 'x' => 10, _ => 0 };
            if (value == 0)
            {
                return null;
            }

            total += value < previous ? -value : value;
            previous = Math.Max(previous, value);
        }

        return total > 0 ? total : null;
    }
}
