namespace Kehu.Web.Modules.Imports;

/// <summary>Matches a file's headers to fields: by any of a field's names (its Chinese label, its
/// English label, its API name), ignoring case, spaces, underscores and hyphens, and full-width
/// forms. Each field takes the first column that names it.</summary>
public static class HeaderMatcher
{
    public static string?[] Match(IReadOnlyList<string> headers, IReadOnlyList<(string Key, IReadOnlyList<string> Names)> fields)
    {
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, names) in fields)
        {
            foreach (var name in names.Append(key))
                byName.TryAdd(Normalize(name), key);
        }
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var result = new string?[headers.Count];
        for (var i = 0; i < headers.Count; i++)
        {
            if (byName.TryGetValue(Normalize(headers[i]), out var key) && taken.Add(key)) result[i] = key;
        }
        return result;
    }

    public static string Normalize(string text)
    {
        var folded = text.Normalize(System.Text.NormalizationForm.FormKC);
        return new string(folded.Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '-' or '*')).Select(char.ToLowerInvariant).ToArray());
    }
}
