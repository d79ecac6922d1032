using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Purchasing.Pages.Orders;

/// <summary>The 采购单 as a clean A4 sheet, with the total also in 大写金额.</summary>
public sealed class PrintModel(PurchaseOrderWorkflow workflow, TradeLookups lookups, KehuDbContext db) : PageModel
{
    public PurchaseOrder Order { get; private set; } = null!;
    public List<Kehu.Web.Modules.Trade.OrderLineView> Lines { get; private set; } = [];
    public TradeLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (!await workflow.MaySeeAsync(User.RequiredUserId(), ct)) return Forbid();
        var order = await db.PurchaseOrders.AsNoTracking().Include(a => a.Lines).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (order is null) return NotFound();
        Order = order;
        Lines = await lookups.LinesAsync(order.Lines, ct);
        return Page();
    }
}
