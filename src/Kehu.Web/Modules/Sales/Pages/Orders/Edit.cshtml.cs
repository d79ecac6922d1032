using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Shared;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Sales.Pages.Orders;

/// <summary>新建/编辑销售单: the header and a table of lines. A row left completely empty is
/// ignored, so the form also works without script (it always offers blank rows at the end).
/// 单价 left empty is the product's 售价 and 折扣 left empty is 1; the saved figures are the server's.</summary>
public sealed class EditModel(
    SaveSalesOrder save,
    SalesOrderAccess access,
    TradeLookups lookups,
    ProductCatalog catalog,
    KehuDbContext db,
    CompanyTimeZone zone,
    TimeProvider clock,
    IStringLocalizer<SharedResource> l) : PageModel
{
    private static readonly string[] LineFields = ["ProductId", "Quantity", "UnitPrice", "Discount"];

    public sealed class LineForm
    {
        public long? ProductId { get; set; }
        public decimal? Quantity { get; set; }
        public decimal? UnitPrice { get; set; }
        public decimal? Discount { get; set; }

        public bool IsBlank => ProductId is null && Quantity is null && UnitPrice is null && Discount is null;
    }

    public sealed class FormInput
    {
        public DateOnly? OrderDate { get; set; }
        public long? CustomerId { get; set; }
        /// <summary>新客户名称: a customer typed in, created when the order is saved.</summary>
        public string? NewCustomerName { get; set; }
        public string? Notes { get; set; }
        public List<LineForm> Lines { get; set; } = [];
        public int? Version { get; set; }
    }

    [BindProperty]
    public FormInput Input { get; set; } = new();

    public long? Id { get; private set; }
    public string? Number { get; private set; }
    public SalesOrderState State { get; private set; } = SalesOrderState.Draft;
    public string? CustomerName { get; private set; }
    public Dictionary<long, OrderLineProduct> Products { get; private set; } = [];
    /// <summary>What the user typed in a line's number field that is not a number, to show it back.</summary>
    public Dictionary<(int Line, string Field), string> Typed { get; } = [];

    public async Task<IActionResult> OnGetAsync(long? id, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (id is { } existing)
        {
            var may = await save.MayEditAsync(userId, existing, ct);
            if (!may.IsSuccess) return may.Error!.Kind == ErrorKind.NotFound ? NotFound() : Redirect($"/sales/orders/{existing}");
            var o = await db.SalesOrders.AsNoTracking().Include(x => x.Lines).FirstAsync(x => x.Id == existing, ct);
            Id = o.Id;
            Number = o.Number;
            State = o.State;
            Input = new FormInput
            {
                OrderDate = o.OrderDate, CustomerId = o.CustomerId, Notes = o.Notes, Version = o.Version,
                Lines = o.Lines.OrderBy(x => x.LineNo).Select(x => new LineForm { ProductId = x.ProductId, Quantity = x.Quantity, UnitPrice = x.UnitPrice, Discount = x.Discount }).ToList(),
            };
        }
        else
        {
            if (!await access.MaySellAsync(userId, ct)) return Forbid();
            Input = new FormInput { OrderDate = zone.Today(clock) };
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long? id, bool submit, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (id is null && !await access.MaySellAsync(userId, ct)) return Forbid();
        Id = id;
        if (!KeepFilledRows())
        {
            await LoadAsync(ct);
            return Page();
        }
        var input = new SalesOrderInput
        {
            OrderDate = Input.OrderDate, CustomerId = Input.CustomerId, CustomerName = Input.NewCustomerName, Notes = Input.Notes, Version = Input.Version,
            Lines = Input.Lines.Select(x => new Kehu.Web.Modules.Trade.OrderLineInput { ProductId = x.ProductId, Quantity = x.Quantity, UnitPrice = x.UnitPrice, Discount = x.Discount }).ToList(),
        };
        var saved = id is { } existing ? await save.UpdateAsync(userId, existing, input, ct) : await save.CreateAsync(userId, input, ct);
        if (!saved.IsSuccess)
        {
            if (saved.Error!.Kind == ErrorKind.NotFound) return NotFound();
            saved.Error.AddTo(ModelState);
            await LoadAsync(ct);
            return Page();
        }
        var order = saved.Value;
        if (!submit)
        {
            TempData["Flash"] = l["销售单已保存"].Value;
            return Redirect($"/sales/orders/{order.Id}");
        }
        var submitted = await save.SubmitAsync(userId, order.Id, ct);
        if (submitted.IsSuccess) TempData["Flash"] = l["销售单已提交给销售部经理审核"].Value;
        else TempData["Error"] = submitted.Error!.Message;
        return Redirect($"/sales/orders/{order.Id}");
    }

    public string? ErrorOf(string key) => ModelState[$"Input.{key}"]?.Errors.FirstOrDefault()?.ErrorMessage;

    public string? LineError(int line, string field) => ErrorOf($"Lines[{line}].{field}");

    /// <summary>The lines table (the shared order lines editor): any active product, 单价 defaults to 售价.</summary>
    public OrderLinesForm LinesForm() => new()
    {
        Caption = l["销售明细"],
        TotalLabel = l["应收金额"],
        PriceHint = l["售价"],
        DefaultPrice = OrderLinePrice.Sale,
        Rows = Input.Lines.Select(x => new OrderLineRow(x.ProductId, x.Quantity, x.UnitPrice, x.Discount)).ToList(),
        Products = Products,
        Typed = Typed,
        LineError = LineError,
        LinesError = ErrorOf("Lines"),
        ProductLookupUrl = ProductPicker.LookupUrl + "&active=true",
    };

    /// <summary>Drops the rows left empty and reports numbers that did not parse, on their rows.</summary>
    private bool KeepFilledRows()
    {
        var (kept, problems) = FormLines.Keep(ModelState, Request.Form["Input.Lines.Index"], "Input.Lines", Input.Lines, LineFields, x => x.IsBlank);
        var dateBad = ModelState["Input.OrderDate"] is { ValidationState: ModelValidationState.Invalid };
        var customerBad = ModelState["Input.CustomerId"] is { ValidationState: ModelValidationState.Invalid };
        ModelState.Clear();
        if (dateBad) ModelState.AddModelError("Input.OrderDate", l["{0}的取值无效", l["日期"]]);
        if (customerBad) ModelState.AddModelError("Input.CustomerId", l["{0}的取值无效", l["客户"]]);
        foreach (var (line, field, text) in problems)
        {
            var label = field switch { "Quantity" => "数量", "UnitPrice" => "单价", "Discount" => "折扣", _ => "商品" };
            ModelState.AddModelError($"Input.Lines[{line}].{field}", field == "ProductId" ? l["{0}的取值无效", l[label]] : l["{0}必须是数字", l[label]]);
            Typed[(line, field)] = text;
        }
        Input.Lines = kept;
        return problems.Count == 0 && !dateBad && !customerBad;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Id is { } id && Number is null)
        {
            var o = await db.SalesOrders.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Number, x.State }).FirstOrDefaultAsync(ct);
            Number = o?.Number;
            State = o?.State ?? SalesOrderState.Draft;
        }
        if (Input.CustomerId is { } customer) CustomerName = await lookups.CompanyNameAsync(customer, ct);
        var ids = Input.Lines.Where(x => x.ProductId is not null).Select(x => x.ProductId!.Value).Distinct().ToList();
        Products = await catalog.Query().Where(p => ids.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new OrderLineProduct(p.Name, p.PurchasePrice, p.SalePrice), ct);
    }
}
