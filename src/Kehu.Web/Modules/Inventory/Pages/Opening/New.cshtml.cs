using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Inventory.Pages.Opening;

/// <summary>录入期初库存: one product at a time from the page (the API takes many lines).</summary>
[Authorize(Policy = InventoryModule.StockKeepersPolicy)]
public sealed class NewModel(EnterOpeningStock enter, InventoryLookups lookups, ProductCatalog catalog, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class FormInput
    {
        public long? WarehouseId { get; set; }
        public long? ProductId { get; set; }
        public decimal? Quantity { get; set; }
        public decimal? UnitCost { get; set; }
        public string? Notes { get; set; }
    }

    [BindProperty]
    public FormInput Input { get; set; } = new();

    public InventoryLookups Lookups => lookups;
    public ProductRef? Product { get; private set; }

    public async Task OnGetAsync(long? productId, CancellationToken ct)
    {
        Input = new FormInput { ProductId = productId, WarehouseId = (await lookups.WarehousesAsync(ct)).FirstOrDefault(w => w.IsDefault)?.Id };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var parsed = true;
        foreach (var (field, label) in new[] { ("Quantity", "数量"), ("UnitCost", "单位成本") })
        {
            if (ModelState[$"Input.{field}"] is not { ValidationState: ModelValidationState.Invalid } entry) continue;
            entry.Errors.Clear();
            ModelState.AddModelError($"Input.{field}", l["{0}必须是数字", l[label]]);
            parsed = false;
        }
        if (parsed)
        {
            var result = await enter.HandleAsync(User.RequiredUserId(), new OpeningStockInput
            {
                WarehouseId = Input.WarehouseId,
                Notes = Input.Notes,
                Lines = [new OpeningLineInput { ProductId = Input.ProductId, Quantity = Input.Quantity, UnitCost = Input.UnitCost }],
            }, ct);
            if (result.IsSuccess)
            {
                TempData["Flash"] = l["已录入期初库存 {0}", result.Value.Document.Number].Value;
                return Redirect($"/inventory/stock?productId={Input.ProductId}");
            }
            // The page has one line: the API's line fields are this form's fields.
            var error = result.Error!;
            if (error.Fields is { Count: > 0 } fields)
                error = error with { Fields = fields.ToDictionary(kv => kv.Key.Replace("lines[0].", "", StringComparison.Ordinal), kv => kv.Value) };
            error.AddTo(ModelState);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Input.ProductId is { } productId) Product = await catalog.FindAsync(productId, ct);
    }
}
