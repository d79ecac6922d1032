using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kehu.Web.Platform.Web;

/// <summary>A value typed in a document line's field that did not bind (not a number), by the
/// line's position among the lines kept.</summary>
public sealed record LineProblem(int Line, string Field, string Text);

/// <summary>
/// The lines of a document form (the <c>data-lines</c> editor in site.js). Rows come back in page
/// order, each with its own <c>{prefix}.Index</c> value (rows may have been added and removed, so
/// the indexes have gaps). <see cref="Keep{T}"/> drops the rows left empty and reports the values
/// that did not bind on their row by position among the rows kept — the index the page draws them
/// with again, and the <c>lines[i]</c> the handlers' errors use.
/// </summary>
public static class FormLines
{
    public static (List<T> Kept, List<LineProblem> Problems) Keep<T>(
        ModelStateDictionary modelState, IEnumerable<string?> indexes, string prefix, IReadOnlyList<T> rows, IReadOnlyList<string> fields, Func<T, bool> isBlank)
    {
        var keys = indexes.Select(k => k ?? "").ToList();
        var kept = new List<T>();
        var problems = new List<LineProblem>();
        for (var i = 0; i < keys.Count && i < rows.Count; i++)
        {
            var bad = fields
                .Select(f => (Field: f, Entry: modelState[$"{prefix}[{keys[i]}].{f}"]))
                .Where(x => x.Entry is { ValidationState: ModelValidationState.Invalid })
                .Select(x => new LineProblem(kept.Count, x.Field, x.Entry!.AttemptedValue ?? "")).ToList();
            if (isBlank(rows[i]) && bad.Count == 0) continue;
            problems.AddRange(bad);
            kept.Add(rows[i]);
        }
        foreach (var key in modelState.Keys.Where(k => k.StartsWith(prefix + "[", StringComparison.Ordinal)).ToList())
            modelState.Remove(key);
        return (kept, problems);
    }
}
