using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Inventory.Pages.Adjustments;

public sealed class DetailModel(
    SaveStockAdjustment save,
    DocumentStatusQuery status,
    StockAdjustmentLines lines,
    InventoryLookups lookups,
    KehuDbContext db,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public StockAdjustment Adjustment { get; private set; } = null!;
    public List<StockAdjustmentLineView> Lines { get; private set; } = [];
    public DocumentStatus Status { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    public bool MaySubmit { get; private set; }
    public bool MayDelete { get; private set; }
    public InventoryLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        var adjustment = await db.StockAdjustments.AsNoTracking().Include(a => a.Lines).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (adjustment is null) return NotFound();
        Adjustment = adjustment;
        Lines = await lines.ForAsync(adjustment, ct);
        Status = await status.ForAsync(StockAdjustment.DocumentType, nameof(StockAdjustment), id, userId, ct);
        MayEdit = (await save.MayEditAsync(userId, id, ct)).IsSuccess;
        MaySubmit = MayEdit && (Status.Instance is null || Status.MyTaskIsStart(StockAdjustmentWorkflow.Workflow));
        MayDelete = adjustment.CounterId == userId && Status.Instance is null;
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken ct)
    {
        var result = await save.SubmitAsync(User.RequiredUserId(), id, ct);
        if (result.IsSuccess) TempData["Flash"] = l["盘点单已提交给采购部经理审核"].Value;
        else if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        else TempData["Error"] = result.Error.Message;
        return Redirect($"/inventory/adjustments/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, int? version, CancellationToken ct)
    {
        var result = await save.DeleteAsync(User.RequiredUserId(), id, version, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = l["盘点单已删除"].Value;
            return Redirect("/inventory/adjustments");
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        TempData["Error"] = result.Error.Message;
        return Redirect($"/inventory/adjustments/{id}");
    }
}
