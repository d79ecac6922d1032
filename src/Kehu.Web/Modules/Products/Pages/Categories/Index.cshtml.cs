using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Products.Pages.Categories;

/// <summary>商品分类: the administrator's page for the 大类/小类 tree.</summary>
[Authorize(Policy = IdentityModule.AdminPolicy)]
public sealed class IndexModel(SaveCategory save, ProductCategories categories, KehuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<CategoryNode> Tree { get; private set; } = [];

    /// <summary>The form that was posted and refused: "new", "new-{parent}" or "edit-{id}".</summary>
    public string? FailedForm { get; private set; }

    [BindProperty]
    public CategoryInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Tree = await categories.TreeAsync(ct);

    /// <summary>导出: the tree as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportCategories export, CancellationToken ct) =>
        await export.HandleAsync(format, ct);

    public async Task<IActionResult> OnPostAddAsync(long? parentId, CancellationToken ct)
    {
        Input.ParentId = parentId;
        var result = await save.CreateAsync(Input, ct);
        if (result.IsSuccess) return Done(l["已添加“{0}”", result.Value.Name]);
        return await RedisplayAsync(result.Error!, parentId is null ? "new" : $"new-{parentId}", ct);
    }

    public async Task<IActionResult> OnPostSaveAsync(long id, CancellationToken ct)
    {
        var result = await save.UpdateAsync(id, Input, ct);
        if (result.IsSuccess) return Done(l["已保存“{0}”", result.Value.Name]);
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        return await RedisplayAsync(result.Error, $"edit-{id}", ct);
    }

    public async Task<IActionResult> OnPostSetActiveAsync(long id, bool active, CancellationToken ct)
    {
        var result = await save.SetActiveAsync(id, active, ct);
        if (result.IsSuccess) return Done(active ? l["已启用“{0}”", result.Value.Name] : l["已停用“{0}”", result.Value.Name]);
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        return await RedisplayAsync(result.Error, null, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, int? version, CancellationToken ct)
    {
        var result = await save.DeleteAsync(id, version, ct);
        if (result.IsSuccess) return Done(l["已删除"]);
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        return await RedisplayAsync(result.Error, null, ct);
    }

    private RedirectResult Done(string flash)
    {
        TempData["Flash"] = flash;
        return Redirect("/products/categories");
    }

    private async Task<IActionResult> RedisplayAsync(Error error, string? form, CancellationToken ct)
    {
        error.AddTo(ModelState);
        FailedForm = form;
        db.ChangeTracker.Clear();
        Tree = await categories.TreeAsync(ct);
        return Page();
    }
}
