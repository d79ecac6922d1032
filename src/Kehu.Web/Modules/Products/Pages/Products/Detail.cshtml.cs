using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Products.Pages.Products;

public sealed class DetailModel(
    KehuDbContext db,
    SaveProduct save,
    ChangeHistory history,
    ProductViews views,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public Product Product { get; private set; } = null!;
    public IReadOnlyList<HistoryItem> History { get; private set; } = [];
    public ProductViews Views => views;
    public bool CanManage => User.IsInAnyRole(ProductsModule.ManagerRoles);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var product = await db.Products.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (product is null) return NotFound();
        Product = product;
        History = await history.ForAsync(nameof(Modules.Products.Product), id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSetActiveAsync(long id, bool active, int? version, CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        var result = await save.SetActiveAsync(id, active, version, ct);
        return Done(id, result.IsSuccess ? null : result.Error, active ? l["商品已启用"] : l["商品已停用"]);
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, int? version, CancellationToken ct)
    {
        if (!CanManage) return Forbid();
        var result = await save.DeleteAsync(id, version, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = l["商品已删除"].Value;
            return Redirect("/products");
        }
        return Done(id, result.Error, "");
    }

    private IActionResult Done(long id, Error? error, string flash)
    {
        if (error is { Kind: ErrorKind.NotFound }) return NotFound();
        if (error is null) TempData["Flash"] = flash;
        else TempData["Error"] = error.Message;
        return Redirect($"/products/{id}");
    }
}
