namespace Kehu.Web.Modules.Documents;

/// <summary>The name an uploaded file is shown and downloaded under. Browsers and API clients may
/// send a path (<c>C:\x\a.pdf</c>, <c>../../etc/passwd</c>); only its last segment is kept, and it
/// is never used to name anything on disk (files are stored under a server-made name).</summary>
public static class FileNames
{
    /// <summary>The last segment of <paramref name="sent"/> (either kind of slash), trimmed; null when
    /// nothing is left, when it is only dots, or when it holds control characters.</summary>
    public static string? Clean(string? sent)
    {
        if (sent is null) return null;
        var last = sent[(sent.LastIndexOfAny(['/', '\\']) + 1)..].Trim();
        if (last.Length == 0 || last.Length > Document.FileNameMax || last.All(c => c == '.')) return null;
        return last.Any(char.IsControl) ? null : last;
    }
}
