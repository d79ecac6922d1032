using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Purchasing.Pages.Orders;

public sealed class IndexModel(ListPurchaseOrders list, SavePurchaseOrder save, PurchaseOrderWorkflow workflow, TradeLookups lookups, ProductCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public PurchaseOrderQuery Query { get; set; } = new();

    public Page<PurchaseOrder> Result { get; private set; } = new([], null, null, 0, false);
    public bool MayPurchase { get; private set; }
    public string? SupplierName { get; private set; }
    public string? ProductName { get; private set; }
    public TradeLookups Lookups => lookups;

    /// <summary>导出: the whole list with the current filters, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportPurchaseOrders export, CancellationToken ct)
    {
        if (!await workflow.MaySeeAsync(User.RequiredUserId(), ct)) return Forbid();
        return await export.HandleAsync(format, Query, ct);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (!await workflow.MaySeeAsync(userId, ct)) return Forbid();
        Result = await list.HandleAsync(Query, ct);
        MayPurchase = await save.MayPurchaseAsync(userId, ct);
        if (Query.SupplierId is { } s) SupplierName = await lookups.CompanyNameAsync(s, ct);
        if (Query.ProductId is { } p) ProductName = (await catalog.FindAsync(p, ct))?.Name;
        return Page();
    }
}
