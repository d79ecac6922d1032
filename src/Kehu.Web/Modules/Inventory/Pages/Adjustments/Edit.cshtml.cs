using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Inventory.Pages.Adjustments;

/// <summary>新建/编辑库存盘点单: the header and a table of counted lines. Rows are added in the page;
/// a row left completely empty is ignored, so the form also works without script (it always
/// offers blank rows at the end).</summary>
public sealed class EditModel(
    SaveStockAdjustment save,
    InventoryLookups lookups,
    ProductCatalog catalog,
    KehuDbContext db,
    CompanyTimeZone zone,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int BlankRows = 3;
    private static readonly string[] LineFields = ["ProductId", "Counted", "Note"];

    public sealed class LineForm
    {
        public long? ProductId { get; set; }
        public decimal? Counted { get; set; }
        public string? Note { get; set; }

        public bool IsBlank => ProductId is null && Counted is null && string.IsNullOrWhiteSpace(Note);
    }

    public sealed class FormInput
    {
        public long? WarehouseId { get; set; }
        public DateOnly? CountedOn { get; set; }
        public string? Notes { get; set; }
        public List<LineForm> Lines { get; set; } = [];
        public int? Version { get; set; }
    }

    [BindProperty]
    public FormInput Input { get; set; } = new();

    public long? Id { get; private set; }
    public string? Number { get; private set; }
    public StockAdjustmentState State { get; private set; } = StockAdjustmentState.Draft;
    public Dictionary<long, ProductRef> Products { get; private set; } = [];
    public Dictionary<long, decimal> OnHand { get; private set; } = [];
    /// <summary>What the user typed in a line's number field that is not a number, to show it back.</summary>
    public Dictionary<(int Line, string Field), string> Typed { get; } = [];
    public InventoryLookups Lookups => lookups;

    public async Task<IActionResult> OnGetAsync(long? id, long? warehouseId, bool fill, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (id is { } existing)
        {
            var may = await save.MayEditAsync(userId, existing, ct);
            if (!may.IsSuccess) return may.Error!.Kind == ErrorKind.NotFound ? NotFound() : Redirect($"/inventory/adjustments/{existing}");
            var a = await db.StockAdjustments.AsNoTracking().Include(x => x.Lines).FirstAsync(x => x.Id == existing, ct);
            Id = a.Id;
            Number = a.Number;
            State = a.State;
            Input = new FormInput
            {
                WarehouseId = a.WarehouseId, CountedOn = a.CountedOn, Notes = a.Notes, Version = a.Version,
                Lines = a.Lines.OrderBy(x => x.LineNo).Select(x => new LineForm { ProductId = x.ProductId, Counted = x.Counted, Note = x.Note }).ToList(),
            };
        }
        else
        {
            if (!await save.MayCountAsync(userId, ct)) return Forbid();
            var warehouses = await lookups.WarehousesAsync(ct);
            var warehouse = warehouses.FirstOrDefault(w => w.Id == warehouseId && w.IsActive) ?? warehouses.FirstOrDefault(w => w.IsDefault);
            Input = new FormInput { WarehouseId = warehouse?.Id, CountedOn = zone.Today(clock) };
            if (fill && warehouse is not null) Input.Lines = await StockedProductsAsync(warehouse.Id, ct);
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, bool submit, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (id is null && !await save.MayCountAsync(userId, ct)) return Forbid();
        Id = id;
        if (!KeepFilledRows())
        {
            await LoadAsync(ct);
            return Page();
        }
        var lines = Input.Lines;
        var input = new StockAdjustmentInput
        {
            WarehouseId = Input.WarehouseId, CountedOn = Input.CountedOn, Notes = Input.Notes, Version = Input.Version,
            Lines = lines.Select(x => new StockAdjustmentLineInput { ProductId = x.ProductId, Counted = x.Counted, Note = x.Note }).ToList(),
        };
        var saved = id is { } existing ? await save.UpdateAsync(userId, existing, input, ct) : await save.CreateAsync(userId, input, ct);
        if (!saved.IsSuccess)
        {
            if (saved.Error!.Kind == ErrorKind.NotFound) return NotFound();
            saved.Error.AddTo(ModelState);
            await LoadAsync(ct);
            return Page();
        }
        var adjustment = saved.Value;
        if (!submit)
        {
            TempData["Flash"] = l["盘点单已保存"].Value;
            return Redirect($"/inventory/adjustments/{adjustment.Id}");
        }
        var submitted = await save.SubmitAsync(userId, adjustment.Id, ct);
        if (submitted.IsSuccess) TempData["Flash"] = l["盘点单已提交给采购部经理审核"].Value;
        else TempData["Error"] = submitted.Error!.Message;
        return Redirect($"/inventory/adjustments/{adjustment.Id}");
    }

    public string? ErrorOf(string key) => ModelState[$"Input.{key}"]?.Errors.FirstOrDefault()?.ErrorMessage;

    public string? LineError(int line, string field) => ErrorOf($"Lines[{line}].{field}");

    /// <summary>Drops the rows left empty; a value that did not bind is reported on its row.</summary>
    private bool KeepFilledRows()
    {
        var (kept, problems) = FormLines.Keep(ModelState, Request.Form["Input.Lines.Index"], "Input.Lines", Input.Lines, LineFields, x => x.IsBlank);
        var countedOnBad = ModelState["Input.CountedOn"] is { ValidationState: ModelValidationState.Invalid };
        var warehouseBad = ModelState["Input.WarehouseId"] is { ValidationState: ModelValidationState.Invalid };
        ModelState.Clear();
        if (countedOnBad) ModelState.AddModelError("Input.CountedOn", l["{0}的取值无效", l["盘点日期"]]);
        if (warehouseBad) ModelState.AddModelError("Input.WarehouseId", l["{0}的取值无效", l["仓库"]]);
        foreach (var (line, field, text) in problems)
        {
            ModelState.AddModelError($"Input.Lines[{line}].{field}", field == "Counted" ? l["{0}必须是数字", l["实盘数量"]] : l["{0}的取值无效", l["商品"]]);
            Typed[(line, field)] = text;
        }
        Input.Lines = kept;
        return problems.Count == 0 && !countedOnBad && !warehouseBad;
    }

    private async Task<List<LineForm>> StockedProductsAsync(long warehouseId, CancellationToken ct) =>
        await (from b in db.StockBalances.AsNoTracking()
               join p in db.Products.AsNoTracking() on b.ProductId equals p.Id
               where b.WarehouseId == warehouseId && b.Quantity != 0 && p.IsActive
               orderby p.Code
               select new LineForm { ProductId = p.Id })
            .Take(StockAdjustment.MaxLines).ToListAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Id is { } id && Number is null)
        {
            var a = await db.StockAdjustments.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Number, x.State }).FirstOrDefaultAsync(ct);
            Number = a?.Number;
            State = a?.State ?? StockAdjustmentState.Draft;
        }
        var ids = Input.Lines.Where(x => x.ProductId is not null).Select(x => x.ProductId!.Value).Distinct().ToList();
        Products = await catalog.Query().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        if (Input.WarehouseId is { } warehouse)
        {
            OnHand = await db.StockBalances.AsNoTracking().Where(b => b.WarehouseId == warehouse && ids.Contains(b.ProductId))
                .ToDictionaryAsync(b => b.ProductId, b => b.Quantity, ct);
        }
    }
}
