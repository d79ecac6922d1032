using Kehu.Web.Platform.Paging;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Inventory.Pages.Adjustments;

public sealed class IndexModel(ListStockAdjustments list, SaveStockAdjustment save, InventoryLookups lookups) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public StockAdjustmentQuery Query { get; set; } = new();

    public Page<StockAdjustment> Result { get; private set; } = new([], null, null, 0, false);
    public bool MayCount { get; private set; }
    public InventoryLookups Lookups => lookups;

    /// <summary>导出: the whole list with the current filters, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportStockAdjustments export, CancellationToken ct) =>
        await export.HandleAsync(format, Query, ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await list.HandleAsync(Query, ct);
        MayCount = await save.MayCountAsync(User.RequiredUserId(), ct);
    }
}
