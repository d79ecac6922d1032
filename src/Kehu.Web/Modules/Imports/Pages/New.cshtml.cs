using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Imports.Pages;

/// <summary>导入: choose a file for one kind of record, or download its template.</summary>
public sealed class NewModel(ImportKinds kinds, UploadImport upload, ImportFiles files) : PageModel
{
    public IImportKind Kind { get; private set; } = null!;
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string kind, CancellationToken ct)
    {
        if (kinds.Find(kind) is not { } found) return NotFound();
        Kind = found;
        if (await found.RefusalAsync(User.RequiredUserId(), ct) is not null) return Forbid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string kind, IFormFile? file, CancellationToken ct)
    {
        if (kinds.Find(kind) is not { } found) return NotFound();
        Kind = found;
        var result = await upload.HandleAsync(User.RequiredUserId(), kind, file, null, ct);
        if (result.IsSuccess) return Redirect($"/imports/{result.Value.Id}");
        if (result.Error!.Kind is Platform.Results.ErrorKind.Forbidden) return Forbid();
        Error = result.Error.Fields is { Count: > 0 } fields ? string.Join(" ", fields.Values.SelectMany(m => m)) : result.Error.Message;
        return Page();
    }

    public IActionResult OnGetTemplate(string kind)
    {
        var result = files.Template(kind);
        return result.IsSuccess ? File(result.Value.Content, ImportFiles.XlsxType, result.Value.FileName) : NotFound();
    }
}
