using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Imports.Pages;

/// <summary>One import: the column mapping and preview (with its problems, a page at a time) before
/// it is committed, the progress bar while it runs (polled with htmx), the result and 撤销 after.</summary>
public sealed class DetailModel(ImportJobs jobs, ImportKinds kinds, UploadImport upload, CommitImport commit, UndoImport undo,
    ImportFiles files, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int ProblemsPerPage = 50;

    public ImportView View { get; private set; } = null!;
    public IImportKind Kind { get; private set; } = null!;
    public int ProblemPage { get; private set; } = 1;
    public IReadOnlyList<RowProblem> PageProblems { get; private set; } = [];
    public string? Error { get; private set; }

    private async Task<ImportJob?> LoadAsync(long id, int page, CancellationToken ct)
    {
        var job = await jobs.FindAsync(ImportCaller.Of(User), id, ct);
        if (job is null || kinds.Find(job.Kind) is not { } kind) return null;
        Kind = kind;
        View = await jobs.ViewAsync(job, ImportJobs.KeptProblems, ct);
        ProblemPage = Math.Clamp(page, 1, Math.Max(1, (View.Problems.Count + ProblemsPerPage - 1) / ProblemsPerPage));
        PageProblems = [.. View.Problems.Skip((ProblemPage - 1) * ProblemsPerPage).Take(ProblemsPerPage)];
        return job;
    }

    public async Task<IActionResult> OnGetAsync(long id, int page = 1, CancellationToken ct = default) =>
        await LoadAsync(id, page, ct) is null ? NotFound() : Page();

    /// <summary>htmx: the progress bar; once the import has finished the page reloads for the result.</summary>
    public async Task<IActionResult> OnGetProgressAsync(long id, CancellationToken ct)
    {
        if (await LoadAsync(id, 1, ct) is null) return NotFound();
        if (View.State is not (ImportState.Queued or ImportState.Running)) Response.Headers["HX-Refresh"] = "true";
        return Partial("_Progress", this);
    }

    public async Task<IActionResult> OnPostRemapAsync(long id, string?[] mapping, CancellationToken ct)
    {
        var job = await LoadAsync(id, 1, ct);
        if (job is null) return NotFound();
        var result = await upload.RemapAsync(job, [.. mapping.Select(m => string.IsNullOrEmpty(m) ? null : m)], ct);
        return await AfterAsync(id, result, l["已按新的对应重新预览"], ct);
    }

    public async Task<IActionResult> OnPostCommitAsync(long id, string? mode, CancellationToken ct)
    {
        var result = await commit.HandleAsync(ImportCaller.Of(User), id, mode, ct);
        return await AfterAsync(id, result, l["已开始导入"], ct);
    }

    public async Task<IActionResult> OnPostUndoAsync(long id, CancellationToken ct)
    {
        var result = await undo.HandleAsync(ImportCaller.Of(User), id, ct);
        return await AfterAsync(id, result, l["已撤销这次导入"], ct);
    }

    public async Task<IActionResult> OnGetRejectedAsync(long id, CancellationToken ct)
    {
        var job = await jobs.FindAsync(ImportCaller.Of(User), id, ct);
        if (job is null) return NotFound();
        var result = await files.RejectedRowsAsync(job, ct);
        return result.IsSuccess ? File(result.Value.Content, ImportFiles.XlsxType, result.Value.FileName) : NotFound();
    }

    private async Task<IActionResult> AfterAsync(long id, Result<ImportJob> result, string done, CancellationToken ct)
    {
        if (result.IsSuccess)
        {
            TempData["Flash"] = done;
            return Redirect($"/imports/{id}");
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        if (await LoadAsync(id, 1, ct) is null) return NotFound();
        Error = result.Error.Fields is { Count: > 0 } fields ? string.Join(" ", fields.Values.SelectMany(m => m)) : result.Error.Message;
        return Page();
    }
}
