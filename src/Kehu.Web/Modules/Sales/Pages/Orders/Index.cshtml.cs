using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Sales.Pages.Orders;

public sealed class IndexModel(ListSalesOrders list, SalesOrderAccess access, TradeLookups lookups, ProductCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public SalesOrderQuery Query { get; set; } = new();

    public Page<SalesOrder> Result { get; private set; } = new([], null, null, 0, false);
    public bool MaySell { get; private set; }
    public string? CustomerName { get; private set; }
    public string? ProductName { get; private set; }
    public TradeLookups Lookups => lookups;

    /// <summary>导出: the whole list with the current filters, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportSalesOrders export, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (await access.VisibleAsync(userId, ct) is null) return Forbid();
        return await export.HandleAsync(userId, format, Query, ct);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (await access.VisibleAsync(userId, ct) is null) return Forbid();
        Result = await list.HandleAsync(userId, Query, ct);
        MaySell = await access.MaySellAsync(userId, ct);
        if (Query.CustomerId is { } s) CustomerName = await lookups.CompanyNameAsync(s, ct);
        if (Query.ProductId is { } p) ProductName = (await catalog.FindAsync(p, ct))?.Name;
        return Page();
    }
}
