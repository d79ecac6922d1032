using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Inventory.Pages.Stock;

public sealed class IndexModel(StockQueries queries, InventoryLookups lookups, ProductCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public StockQueryString Query { get; set; } = new();

    public Page<StockRow> Result { get; private set; } = new([], null, null, 0, false);
    public InventoryLookups Lookups => lookups;
    public ProductRef? Product { get; private set; }

    /// <summary>导出: the whole list with the current filters, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportStockBalances export, CancellationToken ct) =>
        await export.HandleAsync(format, Query, ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await queries.BalancesAsync(Query, ct);
        if (Query.ProductId is { } productId) Product = await catalog.FindAsync(productId, ct);
    }

    public string With(params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["q"] = Query.Q,
            ["productId"] = Query.ProductId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["warehouseId"] = Query.WarehouseId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["low"] = Query.Low == true ? "true" : null,
            ["limit"] = Query.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in changes) values[k] = v;
        return new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(values.Where(kv => !string.IsNullOrEmpty(kv.Value))
            .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))).ToQueryString().Value ?? "";
    }
}
