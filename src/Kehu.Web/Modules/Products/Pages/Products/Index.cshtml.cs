using Kehu.Web.Platform.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kehu.Web.Modules.Products.Pages.Products;

public sealed class IndexModel(ListProducts list, ProductViews views, ProductCategories categories) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ProductQueryString Query { get; set; } = new();

    public Page<Product> Result { get; private set; } = new([], null, null, 0, false);
    public ProductViews Views => views;
    public ProductCategories Categories => categories;
    public string? SupplierName { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await list.HandleAsync(Query, ct);
        await views.LoadSuppliersAsync(Result.Items, ct);
        if (Query.SupplierId is { } supplier) SupplierName = await views.SupplierNameAsync(supplier, ct);
    }

    /// <summary>导出: the whole list with the current filters and sort, as .xlsx or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, [FromServices] ExportProducts export, CancellationToken ct) =>
        await export.HandleAsync(format, Query, ct);

    /// <summary>For searchable product drop-downs: JSON [{id, name, code, purchasePrice, salePrice}]
    /// (see <see cref="ProductPicker"/>); order lines default their 单价 to one of the prices.</summary>
    public async Task<IActionResult> OnGetLookupAsync(string? q, bool? active, long? supplierId, [FromServices] ProductPicker picker, CancellationToken ct)
    {
        var found = await picker.SearchAsync(q, active ?? true, supplierId, ct);
        return new JsonResult(found.Select(p => new { id = p.Id, name = p.Name, code = p.Code, purchasePrice = p.PurchasePrice, salePrice = p.SalePrice }));
    }

    public string With(params (string Key, string? Value)[] changes) => ListProducts.With(Query, changes);
}
