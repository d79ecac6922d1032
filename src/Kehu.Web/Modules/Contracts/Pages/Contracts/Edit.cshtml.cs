using Kehu.Web.Modules.Purchasing;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Contracts.Pages.Contracts;

/// <summary>An order the contract may cover: of the chosen company, visible to the user.</summary>
public sealed record OrderChoice(string Type, long Id, string Number, DateOnly Date, decimal Total, bool Selected);

/// <summary>新建/编辑合同. Choosing the company reloads its orders (htmx) so the related orders can be
/// ticked; without script the orders of the saved company are offered.</summary>
public sealed class EditModel(
    SaveContract save,
    ContractAccess access,
    SalesOrderAccess salesOrders,
    PurchaseOrderWorkflow purchaseOrders,
    TradeLookups lookups,
    KehuDbContext db,
    IStringLocalizer<SharedResource> l) : PageModel
{
    public const int OrdersOffered = 50;

    public sealed class FormInput
    {
        public string? Title { get; set; }
        public string? Kind { get; set; } = ContractLabels.ApiKind(ContractKind.Sales);
        public long? CompanyId { get; set; }
        public DateOnly? SignedOn { get; set; }
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
        public decimal? Amount { get; set; }
        public string? OurSignatory { get; set; }
        public string? TheirSignatory { get; set; }
        public string? Terms { get; set; }
        public List<long> SalesOrderIds { get; set; } = [];
        public List<long> PurchaseOrderIds { get; set; } = [];
        public int? Version { get; set; }
    }

    [BindProperty]
    public FormInput Input { get; set; } = new();

    public long? Id { get; private set; }
    public string? Number { get; private set; }
    public ContractState State { get; private set; } = ContractState.Draft;
    public string? CompanyName { get; private set; }
    public List<OrderChoice> Orders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long? id, long? companyId, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (id is { } existing)
        {
            var may = await save.MayEditAsync(userId, existing, ct);
            if (!may.IsSuccess) return may.Error!.Kind == ErrorKind.NotFound ? NotFound() : Redirect($"/contracts/{existing}");
            var c = await db.Contracts.AsNoTracking().Include(x => x.Orders).FirstAsync(x => x.Id == existing, ct);
            Id = c.Id;
            Number = c.Number;
            State = c.State;
            Input = new FormInput
            {
                Title = c.Title, Kind = ContractLabels.ApiKind(c.Kind), CompanyId = c.CompanyId, SignedOn = c.SignedOn, StartsOn = c.StartsOn,
                EndsOn = c.EndsOn, Amount = c.Amount, OurSignatory = c.OurSignatory, TheirSignatory = c.TheirSignatory, Terms = c.Terms,
                SalesOrderIds = c.Orders.Where(o => o.OrderType == SalesOrder.DocumentType).Select(o => o.OrderId).ToList(),
                PurchaseOrderIds = c.Orders.Where(o => o.OrderType == PurchaseOrder.DocumentType).Select(o => o.OrderId).ToList(),
                Version = c.Version,
            };
        }
        else
        {
            if (!await access.MayAuthorAsync(userId, ct)) return Forbid();
            Input = new FormInput { CompanyId = companyId, OurSignatory = await lookups.UserNameAsync(userId, ct) };
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The related-orders field for the company and kind chosen on the form (htmx).</summary>
    public async Task<IActionResult> OnGetOrdersAsync([FromQuery(Name = "Input.CompanyId")] long? companyId, [FromQuery(Name = "Input.Kind")] string? kind,
        [FromQuery(Name = "Input.SalesOrderIds")] List<long>? salesOrderIds, [FromQuery(Name = "Input.PurchaseOrderIds")] List<long>? purchaseOrderIds, CancellationToken ct)
    {
        ModelState.Clear();
        Input = new FormInput { CompanyId = companyId, Kind = kind, SalesOrderIds = salesOrderIds ?? [], PurchaseOrderIds = purchaseOrderIds ?? [] };
        await LoadOrdersAsync(ct);
        return Partial("_OrdersField", this);
    }

    public async Task<IActionResult> OnPostAsync(long? id, bool submit, CancellationToken ct)
    {
        var userId = User.RequiredUserId();
        if (id is null && !await access.MayAuthorAsync(userId, ct)) return Forbid();
        Id = id;
        if (!Parsed())
        {
            await LoadAsync(ct);
            return Page();
        }
        var input = new ContractInput
        {
            Title = Input.Title, Kind = Input.Kind, CompanyId = Input.CompanyId, SignedOn = Input.SignedOn, StartsOn = Input.StartsOn, EndsOn = Input.EndsOn,
            Amount = Input.Amount, OurSignatory = Input.OurSignatory, TheirSignatory = Input.TheirSignatory, Terms = Input.Terms,
            SalesOrderIds = Input.SalesOrderIds, PurchaseOrderIds = Input.PurchaseOrderIds, Version = Input.Version,
        };
        var saved = id is { } existing ? await save.UpdateAsync(userId, existing, input, ct) : await save.CreateAsync(userId, input, ct);
        if (!saved.IsSuccess)
        {
            if (saved.Error!.Kind == ErrorKind.NotFound) return NotFound();
            saved.Error.AddTo(ModelState);
            await LoadAsync(ct);
            return Page();
        }
        var contract = saved.Value;
        if (!submit)
        {
            TempData["Flash"] = l["合同已保存"].Value;
            return Redirect($"/contracts/{contract.Id}");
        }
        var submitted = await save.SubmitAsync(userId, contract.Id, ct);
        if (submitted.IsSuccess) TempData["Flash"] = l["合同已提交给上级审批"].Value;
        else TempData["Error"] = submitted.Error!.Message;
        return Redirect($"/contracts/{contract.Id}");
    }

    public string? ErrorOf(string key) => ModelState[$"Input.{key}"]?.Errors.FirstOrDefault()?.ErrorMessage;

    /// <summary>Values the binder could not read become messages naming the field; the rest is the handler's.</summary>
    private bool Parsed()
    {
        var labels = new Dictionary<string, string>
        {
            ["CompanyId"] = "客户", ["SignedOn"] = "签订日期", ["StartsOn"] = "开始日期", ["EndsOn"] = "结束日期", ["Amount"] = "合同金额",
            ["SalesOrderIds"] = "相关销售单", ["PurchaseOrderIds"] = "相关采购单",
        };
        var bad = labels.Where(f => ModelState.Keys.Any(k => k.StartsWith($"Input.{f.Key}", StringComparison.Ordinal)
            && ModelState[k]!.ValidationState == ModelValidationState.Invalid)).ToList();
        ModelState.Clear();
        foreach (var (field, label) in bad)
            ModelState.AddModelError($"Input.{field}", field == "Amount" ? l["{0}必须是数字", l[label]] : l["{0}的取值无效", l[label]]);
        return bad.Count == 0;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Id is { } id && Number is null)
        {
            var c = await db.Contracts.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.Number, x.State }).FirstOrDefaultAsync(ct);
            Number = c?.Number;
            State = c?.State ?? ContractState.Draft;
        }
        if (Input.CompanyId is { } company) CompanyName = await lookups.CompanyNameAsync(company, ct);
        await LoadOrdersAsync(ct);
    }

    /// <summary>The newest orders of the chosen company the user may see, of the kinds the contract
    /// type covers, plus those already ticked.</summary>
    private async Task LoadOrdersAsync(CancellationToken ct)
    {
        Orders = [];
        if (Input.CompanyId is not { } companyId) return;
        var kind = ContractLabels.ParseKind(Input.Kind) ?? ContractKind.Sales;
        var userId = User.RequiredUserId();
        if (kind != ContractKind.Purchase && await salesOrders.VisibleAsync(userId, ct) is { } sales)
        {
            var ticked = Input.SalesOrderIds;
            Orders.AddRange((await sales.Where(o => o.CustomerId == companyId)
                    .OrderByDescending(o => ticked.Contains(o.Id)).ThenByDescending(o => o.Id).Take(OrdersOffered)
                    .Select(o => new { o.Id, o.Number, o.OrderDate, o.Total }).ToListAsync(ct))
                .Select(o => new OrderChoice(SalesOrder.DocumentType, o.Id, o.Number, o.OrderDate, o.Total, ticked.Contains(o.Id))));
        }
        if (kind != ContractKind.Sales && await purchaseOrders.MaySeeAsync(userId, ct))
        {
            var ticked = Input.PurchaseOrderIds;
            Orders.AddRange((await db.PurchaseOrders.AsNoTracking().Where(o => o.SupplierId == companyId)
                    .OrderByDescending(o => ticked.Contains(o.Id)).ThenByDescending(o => o.Id).Take(OrdersOffered)
                    .Select(o => new { o.Id, o.Number, o.OrderDate, o.Total }).ToListAsync(ct))
                .Select(o => new OrderChoice(PurchaseOrder.DocumentType, o.Id, o.Number, o.OrderDate, o.Total, ticked.Contains(o.Id))));
        }
    }
}
