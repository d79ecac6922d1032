using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Sales;

/// <summary>A customer's page shows its newest 销售单 and 收款单 that the user may see
/// (<see cref="SalesOrderAccess"/>): two queries, through the customer indexes.</summary>
public sealed class SalesCompanyPanels(KehuDbContext db, SalesOrderAccess access, IStringLocalizer<SharedResource> l) : ICompanyPanels
{
    public const int Shown = 10;

    public int Order => 10;

    public async Task<IReadOnlyList<CompanyPanel>> ForAsync(long userId, Company company, CancellationToken ct)
    {
        if (await access.VisibleAsync(userId, ct) is not { } visible) return [];
        var id = company.Id;
        var orders = await visible.Where(o => o.CustomerId == id)
            .OrderByDescending(o => o.OrderDate).ThenByDescending(o => o.Id).Take(Shown)
            .Select(o => new { o.Id, o.Number, o.OrderDate, o.State, o.Total, o.Received }).ToListAsync(ct);
        if (orders.Count == 0 && !company.IsCustomer) return [];
        var receipts = await (from r in db.Receipts.AsNoTracking()
                              where r.CustomerId == id
                              join o in visible on r.SalesOrderId equals o.Id
                              orderby r.ReceivedOn descending, r.Id descending
                              select new { r.Number, r.ReceivedOn, r.Amount, r.Method, OrderId = o.Id, OrderNumber = o.Number })
            .Take(Shown).ToListAsync(ct);
        return
        [
            new CompanyPanel("sales-orders", l["销售单"], l["没有销售单。"])
            {
                Columns = [new(l["单据号"]), new(l["日期"]), new(l["状态"]), new(l["应收金额"], true), new(l["已收金额"], true)],
                Rows = orders.Select(o => new CompanyPanelRow($"/sales/orders/{o.Id}",
                    [o.Number, o.OrderDate.ToString("yyyy-MM-dd"), l[SalesOrderLabels.State(o.State)], OrderSteps.Money(o.Total), OrderSteps.Money(o.Received)])).ToList(),
                AllUrl = orders.Count > 0 ? $"/sales/orders?customerId={id}" : null,
            },
            new CompanyPanel("receipts", l["收款单"], l["没有收款单。"])
            {
                Columns = [new(l["单据号"]), new(l["收款日期"]), new(l["销售单"]), new(l["收款方式"]), new(l["收款金额"], true)],
                Rows = receipts.Select(r => new CompanyPanelRow($"/sales/orders/{r.OrderId}",
                    [r.Number, r.ReceivedOn.ToString("yyyy-MM-dd"), r.OrderNumber, l[PaymentMethods.Label(r.Method)], OrderSteps.Money(r.Amount)])).ToList(),
            },
        ];
    }
}
