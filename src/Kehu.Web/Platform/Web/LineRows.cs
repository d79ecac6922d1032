using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Kehu.Web.Platform.Web;

/// <summary>A value typed into a document line's field that did not bind (not a number), with the
/// line's position among the rows kept.</summary>
public sealed record LineProblem(int Line, string Field, string Text);

/// <summary>The rows of a lines editor (<c>data-lines</c> in site.js) as a form posts them: each row
/// sends its own <c>Input.Lines.Index</c>, so indexes need not be contiguous and come in page order.</summary>
public static class LineRows
{
    /// <summary>Drops the rows left empty and collects the fields of the rows kept that did not
    /// bind; a problem is put on its row by position among the rows kept, which is how the page
    /// shows them again. The caller clears the model state and reports the problems.</summary>
    public static (List<T> Kept, List<LineProblem> Problems) Keep<T>(IReadOnlyList<string> indexes, ModelStateDictionary modelState,
        IReadOnlyList<T> lines, IReadOnlyList<string> fields, Func<T, bool> isBlank, string prefix = "Input.Lines")
    {
        var kept = new List<T>();
        var problems = new List<LineProblem>();
        for (var i = 0; i < indexes.Count && i < lines.Count; i++)
        {
            var bad = fields
                .Select(f => (Field: f, Entry: modelState[$"{prefix}[{indexes[i]}].{f}"]))
                .Where(x => x.Entry is { ValidationState: ModelValidationState.Invalid })
                .Select(x => new LineProblem(kept.Count, x.Field, x.Entry!.AttemptedValue ?? "")).ToList();
            if (isBlank(lines[i]) && bad.Count == 0) continue;
            problems.AddRange(bad);
            kept.Add(lines[i]);
        }
        return (kept, problems);
    }
}
