using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Sales.Pages.Orders;

public sealed class DetailModel(
    SaveSalesOrder save,
    SalesOrderAccess access,
    DocumentStatusQuery status,
    TradeLookups lookups,
    KehuDbContext db,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public SalesOrder Order { get; private set; } = null!;
    public IReadOnlyList<Kehu.Web.Modules.Trade.OrderLineView> Lines { get; private set; } = [];
    public List<Receipt> Receipts { get; private set; } = [];
    public DocumentStatus Status { get; private set; } = null!;
    public bool MayEdit { get; private set; }
    public bool MaySubmit { get; private set; }
    public bool MayDelete { get; private set; }
    public TradeLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (await access.VisibleAsync(userId, ct) is not { } visible) return Forbid();
        var order = await visible.Include(a => a.Lines).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (order is null) return NotFound();
        Order = order;
        Lines = await lookups.LinesAsync(order.Lines, ct);
        Receipts = await db.Receipts.AsNoTracking().Where(p => p.SalesOrderId == id).OrderBy(p => p.Id).ToListAsync(ct);
        Status = await status.ForAsync(SalesOrder.DocumentType, nameof(SalesOrder), id, userId, ct);
        MayEdit = (await save.MayEditAsync(userId, id, ct)).IsSuccess;
        MaySubmit = MayEdit && (Status.Instance is null || Status.MyTaskIsStart(SalesOrderWorkflow.Workflow));
        MayDelete = order.SalespersonId == userId && Status.Instance is null;
        return Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(long id, CancellationToken ct)
    {
        var result = await save.SubmitAsync(User.RequiredUserId(), id, ct);
        if (result.IsSuccess) TempData["Flash"] = l["销售单已提交给销售部经理审核"].Value;
        else if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        else TempData["Error"] = result.Error.Message;
        return Redirect($"/sales/orders/{id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, int? version, CancellationToken ct)
    {
        var result = await save.DeleteAsync(User.RequiredUserId(), id, version, ct);
        if (result.IsSuccess)
        {
            TempData["Flash"] = l["销售单已删除"].Value;
            return Redirect("/sales/orders");
        }
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        TempData["Error"] = result.Error.Message;
        return Redirect($"/sales/orders/{id}");
    }
}
