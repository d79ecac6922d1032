using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Inventory.Pages.Moves;

public sealed class IndexModel(StockQueries queries, InventoryLookups lookups, ProductCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public MoveQueryString Query { get; set; } = new();

    public Page<MoveRow> Result { get; private set; } = new([], null, null, 0, false);
    public InventoryLookups Lookups => lookups;
    public ProductRef? Product { get; private set; }

    /// <summary>导出: the whole list with the current filters, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportStockMoves export, CancellationToken ct) =>
        await export.HandleAsync(format, Query, ct);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await queries.MovesAsync(Query, ct);
        if (Query.ProductId is { } productId) Product = await catalog.FindAsync(productId, ct);
    }

    public string With(params (string Key, string? Value)[] changes)
    {
        static string? S(long? v) => v?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["q"] = Query.Q, ["productId"] = S(Query.ProductId), ["warehouseId"] = S(Query.WarehouseId),
            ["kind"] = Query.Kind?.ToString(), ["documentType"] = Query.DocumentType, ["documentId"] = S(Query.DocumentId),
            ["from"] = Query.From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["to"] = Query.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["limit"] = Query.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in changes) values[k] = v;
        return new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(values.Where(kv => !string.IsNullOrEmpty(kv.Value))
            .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))).ToQueryString().Value ?? "";
    }
}
