using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration.Pages.Numbering;

/// <summary>What the live preview fragment shows: the next number, or why the pattern is refused.</summary>
public sealed record NumberPreview(string? Next, string? Problem);

[Authorize(Policy = IdentityModule.AdminPolicy)]
public sealed class EditModel(SavePattern patterns, KehuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public PatternInput Input { get; set; } = new();

    public PatternRow Subject { get; private set; } = null!;

    public NumberPreview Preview { get; private set; } = new(null, null);

    public async Task<IActionResult> OnGetAsync(string type, CancellationToken ct)
    {
        var row = await patterns.FindAsync(type, ct);
        if (row is null) return NotFound();
        Subject = row;
        Input = new PatternInput { Pattern = row.Pattern, Version = row.Version };
        Preview = new NumberPreview(row.NextNumber, null);
        return Page();
    }

    /// <summary>The htmx preview: the number the next record would get with the typed pattern.</summary>
    public async Task<IActionResult> OnGetPreviewAsync(string type, [FromQuery(Name = "Input.Pattern")] string? pattern, CancellationToken ct)
    {
        if (await patterns.FindAsync(type, ct) is null) return NotFound();
        var result = await patterns.PreviewAsync(type, pattern, ct);
        return Partial("/Modules/Administration/Pages/Numbering/_Preview.cshtml", ToPreview(result));
    }

    public async Task<IActionResult> OnPostAsync(string type, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await patterns.UpdateAsync(type, Input, ct);
            if (result.IsSuccess)
            {
                TempData["Flash"] = l["已保存。下一个编号：{0}", result.Value.NextNumber].Value;
                return Redirect("/admin/numbering");
            }
            if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
            result.Error.AddTo(ModelState);
        }
        db.ChangeTracker.Clear();
        var row = await patterns.FindAsync(type, ct);
        if (row is null) return NotFound();
        Subject = row;
        Preview = ToPreview(await patterns.PreviewAsync(type, Input.Pattern, ct));
        return Page();
    }

    private static NumberPreview ToPreview(Result<string> result) => result.IsSuccess
        ? new NumberPreview(result.Value, null)
        : new NumberPreview(null, result.Error!.Fields?.Values.SelectMany(m => m).FirstOrDefault() ?? result.Error.Message);
}
