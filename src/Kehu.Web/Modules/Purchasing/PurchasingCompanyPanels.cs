using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Purchasing;

/// <summary>A supplier's page shows its newest 采购单 and 付款单 to those who may see purchase orders
/// (<see cref="PurchaseOrderWorkflow.MaySeeAsync"/>): two queries, through the supplier indexes.</summary>
public sealed class PurchasingCompanyPanels(KehuDbContext db, PurchaseOrderWorkflow workflow, IStringLocalizer<SharedResource> l) : ICompanyPanels
{
    public const int Shown = 10;

    public int Order => 20;

    public async Task<IReadOnlyList<CompanyPanel>> ForAsync(long userId, Company company, CancellationToken ct)
    {
        if (!await workflow.MaySeeAsync(userId, ct)) return [];
        var id = company.Id;
        var orders = await db.PurchaseOrders.AsNoTracking().Where(o => o.SupplierId == id)
            .OrderByDescending(o => o.OrderDate).ThenByDescending(o => o.Id).Take(Shown)
            .Select(o => new { o.Id, o.Number, o.OrderDate, o.State, o.Total, o.Paid }).ToListAsync(ct);
        if (orders.Count == 0 && !company.IsSupplier) return [];
        var payments = await (from p in db.Payments.AsNoTracking()
                              where p.SupplierId == id
                              join o in db.PurchaseOrders on p.PurchaseOrderId equals o.Id
                              orderby p.PaidOn descending, p.Id descending
                              select new { p.Number, p.PaidOn, p.Amount, p.Method, OrderId = o.Id, OrderNumber = o.Number })
            .Take(Shown).ToListAsync(ct);
        return
        [
            new CompanyPanel("purchase-orders", l["采购单"], l["没有采购单。"])
            {
                Columns = [new(l["单据号"]), new(l["日期"]), new(l["状态"]), new(l["应付金额"], true), new(l["已付金额"], true)],
                Rows = orders.Select(o => new CompanyPanelRow($"/purchasing/orders/{o.Id}",
                    [o.Number, o.OrderDate.ToString("yyyy-MM-dd"), l[PurchaseOrderLabels.State(o.State)], OrderSteps.Money(o.Total), OrderSteps.Money(o.Paid)])).ToList(),
                AllUrl = orders.Count > 0 ? $"/purchasing/orders?supplierId={id}" : null,
            },
            new CompanyPanel("payments", l["付款单"], l["没有付款单。"])
            {
                Columns = [new(l["单据号"]), new(l["付款日期"]), new(l["采购单"]), new(l["付款方式"]), new(l["付款金额"], true)],
                Rows = payments.Select(p => new CompanyPanelRow($"/purchasing/orders/{p.OrderId}",
                    [p.Number, p.PaidOn.ToString("yyyy-MM-dd"), p.OrderNumber, l[PaymentMethods.Label(p.Method)], OrderSteps.Money(p.Amount)])).ToList(),
            },
        ];
    }
}
