using System.Globalization;
using System.Text;

namespace Kehu.Web.Platform.Text;

/// <summary>
/// Folds a name to the form used for uniqueness and search: trimmed, inner whitespace
/// collapsed, full-width letters, digits and punctuation folded to half-width (NFKC), and
/// lower-cased. "  ＡＢＣ　机电 " and "abc 机电" are the same name.
/// </summary>
public static class NameNormalizer
{
    public static string Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return string.Empty;
        var folded = name.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var ch in folded)
        {
            if (char.IsWhiteSpace(ch))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }
            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }
            sb.Append(char.ToLower(ch, CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>
    /// The distinct two-character pieces of a normalised text, the keys of the search index
    /// that serves substring search (two-character Chinese terms like 机电 included).
    /// A one-character text yields itself.
    /// </summary>
    public static IReadOnlyList<string> Bigrams(string normalized)
    {
        if (normalized.Length == 0) return [];
        if (normalized.Length == 1) return [normalized];
        var set = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        for (var i = 0; i + 1 < normalized.Length; i++)
        {
            var gram = normalized.Substring(i, 2);
            if (set.Add(gram)) result.Add(gram);
        }
        return result;
    }
}
