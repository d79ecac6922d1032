using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Sales.Pages.Orders;

/// <summary>The 销售单 as a clean A4 sheet, with the total also in 大写金额.</summary>
public sealed class PrintModel(SalesOrderAccess access, TradeLookups lookups) : PageModel
{
    public SalesOrder Order { get; private set; } = null!;
    public List<Kehu.Web.Modules.Trade.OrderLineView> Lines { get; private set; } = [];
    public TradeLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        if (await access.VisibleAsync(User.RequiredUserId(), ct) is not { } visible) return Forbid();
        var order = await visible.Include(a => a.Lines).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (order is null) return NotFound();
        Order = order;
        Lines = await lookups.LinesAsync(order.Lines, ct);
        return Page();
    }
}
