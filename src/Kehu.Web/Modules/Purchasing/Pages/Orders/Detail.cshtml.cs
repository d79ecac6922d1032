using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Purchasing.Pages.Orders;

public sealed class DetailModel(
    SavePurchaseOrder save,
    PurchaseOrderWorkflow workflow,
    DocumentStatusQuery status,
    TradeLookups lookups,
    KehuDbContext db,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public PurchaseOrder Order { get; private set; } = null!;
    public IReadOnlyList<Kehu.Web.Modules.Trade.OrderLineView> Lines { get; private set; } = [];
    public List<Payment> Payments { get; private set; } = [];
    public DocumentStatus Status { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    public bool MaySubmit { get; private set; }
    public bool MayDelete { get; private set; }
    public TradeLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (!await workflow.MaySeeAsync(userId, ct)) return Forbid();
        var order = await db.PurchaseOrders.AsNoTracking().Include(a => a.Lines).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (order is null) return NotFound();
        Order = order;
        Lines = await lookups.LinesAsync(order.Lines, ct);
        Payments = await db.Payments.AsNoTracking().Where(p => p.PurchaseOrderId == id).OrderBy(p => p.Id).ToListAsync(ct);
        Status = await status.ForAsync(PurchaseOrder.DocumentType, nameof(PurchaseOrder), id, userId, ct);
        MayEdit = (await save.MayEditAsync(userId, id, ct)).IsSuccess;
        MaySubmit = MayEdit && (Status.Instance is null || Status.MyTaskIsStart(PurchaseOrderWorkflow.Workflow));
        MayDelete = order.PurchaserId == userId && Status.Instance is null;
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken ct)
    {
        var result = await save.SubmitAsync(User.RequiredUserId(), id, ct);
        if (result.IsSuccess) TempData["Flash"] = l["采购单已提交给采购部经理审核"].Value;
        else if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        else TempData["Error"] = result.Error.Message;
        return Redirect($"/purchasing/orders/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, int? version, CancellationToken ct)
    {
        var result = await save.DeleteAsync(User.RequiredUserId(), id, version, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = l["采购单已删除"].Value;
            return Redirect("/purchasing/orders");
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        TempData["Error"] = result.Error.Message;
        return Redirect($"/purchasing/orders/{id}");
    }
}
