using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Inventory.Pages.Warehouses;

/// <summary>仓库与库存设置: the administrator's page for warehouses and the negative-stock policy.</summary>
[Authorize(Policy = IdentityModule.AdminPolicy)]
public sealed class IndexModel(SaveWarehouse save, KehuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public List<Warehouse> Warehouses { get; private set; } = [];
    public InventorySettings Settings { get; private set; } = new();
    public long? FailedId { get; private set; }

    [BindProperty]
    public WarehouseInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportWarehouses export, CancellationToken ct) =>
        await export.HandleAsync(format, ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var result = await save.CreateAsync(new WarehouseInput { Name = Input.Name }, ct);
        return result.IsSuccess ? Done(l["已添加“{0}”", result.Value.Name]) : await RedisplayAsync(result.Error!, 0, ct);
    }

    public async Task<IActionResult> OnPostSaveAsync(long id, CancellationToken ct)
    {
        var result = await save.UpdateAsync(id, new WarehouseInput { Name = Input.Name, Version = Input.Version }, ct);
        if (result.Error is { Kind: ErrorKind.NotFound }) return NotFound();
        return result.IsSuccess ? Done(l["已保存“{0}”", result.Value.Name]) : await RedisplayAsync(result.Error!, id, ct);
    }

    public async Task<IActionResult> OnPostChangeAsync(long id, bool? isDefault, bool? isActive, CancellationToken ct)
    {
        var result = await save.UpdateAsync(id, new WarehouseInput { Name = Input.Name, Version = Input.Version, IsDefault = isDefault, IsActive = isActive }, ct);
        if (result.Error is { Kind: ErrorKind.NotFound }) return NotFound();
        return result.IsSuccess ? Done(l["已保存“{0}”", result.Value.Name]) : await RedisplayAsync(result.Error!, null, ct);
    }

    public async Task<IActionResult> OnPostSettingsAsync(bool allowNegativeStock, int? version, CancellationToken ct)
    {
        var result = await save.UpdateSettingsAsync(User.RequiredUserId(), new SettingsInput { AllowNegativeStock = allowNegativeStock, Version = version }, ct);
        return result.IsSuccess
            ? Done(allowNegativeStock ? l["已允许负库存"] : l["已禁止负库存"])
            : await RedisplayAsync(result.Error!, null, ct);
    }

    private RedirectResult Done(string flash)
    {
        TempData["Flash"] = flash;
        return Redirect("/inventory/warehouses");
    }

    private async Task<IActionResult> RedisplayAsync(Error error, long? failedId, CancellationToken ct)
    {
        error.AddTo(ModelState);
        FailedId = failedId;
        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Warehouses = await save.ListAsync(ct);
        Settings = await save.SettingsAsync(ct);
    }
}
