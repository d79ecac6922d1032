using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Inventory.Pages.Opening;

/// <summary>录入期初库存: a warehouse and lines of product, quantity and unit cost (default 进价).
/// Rows are added in the page; a row left empty is ignored.</summary>
[Authorize(Policy = InventoryModule.StockKeepersPolicy)]
public sealed class NewModel(EnterOpeningStock enter, InventoryLookups lookups, ProductCatalog catalog, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int BlankRows = 3;
    private static readonly string[] LineFields = ["ProductId", "Quantity", "UnitCost"];
    private static readonly Dictionary<string, string> LineLabels = new() { ["ProductId"] = "商品", ["Quantity"] = "数量", ["UnitCost"] = "单位成本" };

    public sealed class LineForm
    {
        public long? ProductId { get; set; }
        public decimal? Quantity { get; set; }
        public decimal? UnitCost { get; set; }

        public bool IsBlank => ProductId is null && Quantity is null && UnitCost is null;
    }

    public sealed class FormInput
    {
        public long? WarehouseId { get; set; }
        public string? Notes { get; set; }
        public List<LineForm> Lines { get; set; } = [];
    }

    [BindProperty]
    public FormInput Input { get; set; } = new();

    public InventoryLookups Lookups => lookups;
    public Dictionary<long, ProductRef> Products { get; private set; } = [];
    /// <summary>What the user typed in a line's field that is not a number, to show it back.</summary>
    public Dictionary<(int Line, string Field), string> Typed { get; } = [];

    public async Task OnGetAsync(long? productId, CancellationToken ct)
    {
        Input = new FormInput { WarehouseId = (await lookups.WarehousesAsync(ct)).FirstOrDefault(w => w.IsDefault)?.Id };
        if (productId is not null) Input.Lines.Add(new LineForm { ProductId = productId });
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (kept, problems) = FormLines.Keep(ModelState, Request.Form["Input.Lines.Index"], "Input.Lines", Input.Lines, LineFields, x => x.IsBlank);
        Input.Lines = kept;
        foreach (var (line, field, text) in problems)
        {
            ModelState.AddModelError($"Input.Lines[{line}].{field}", field == "ProductId" ? l["{0}的取值无效", l["商品"]] : l["{0}必须是数字", l[LineLabels[field]]]);
            Typed[(line, field)] = text;
        }
        if (problems.Count == 0)
        {
            var result = await enter.HandleAsync(User.RequiredUserId(), new OpeningStockInput
            {
                WarehouseId = Input.WarehouseId,
                Notes = Input.Notes,
                Lines = kept.Select(x => new OpeningLineInput { ProductId = x.ProductId, Quantity = x.Quantity, UnitCost = x.UnitCost }).ToList(),
            }, ct);
            if (result.IsSuccess)
            {
                var document = result.Value.Document;
                TempData["Flash"] = l["已录入期初库存 {0}", document.Number].Value;
                return Redirect($"/inventory/moves?documentType={OpeningStock.DocumentType}&documentId={document.Id}");
            }
            result.Error!.AddTo(ModelState);
        }
        await LoadAsync(ct);
        return Page();
    }

    public string? ErrorOf(string key) => ModelState[$"Input.{key}"]?.Errors.FirstOrDefault()?.ErrorMessage;

    public string? LineError(int line, string field) => ErrorOf($"Lines[{line}].{field}");

    private async Task LoadAsync(CancellationToken ct)
    {
        var ids = Input.Lines.Where(x => x.ProductId is not null).Select(x => x.ProductId!.Value).Distinct().ToList();
        Products = await catalog.Query().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
    }
}
