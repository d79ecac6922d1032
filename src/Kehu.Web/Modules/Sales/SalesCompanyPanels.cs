using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Sales;

/// <summary>A customer's page shows its newest 销售单 and 收款单 that the user may see
/// (<see cref="SalesOrderAccess"/>): two queries, through the customer indexes.</summary>
public sealed class SalesCompanyPanels(KehuDbContext db, SalesOrderAccess access, IStringLocalizer<SharedResource> l) : ICompanyPanels
{
    public int Order => 10;

    public async Task<IReadOnlyList<Panel>> ForAsync(long userId, Company company, CancellationToken ct)
    {
        if (await access.VisibleAsync(userId, ct) is not { } visible) return [];
        var id = company.Id;
        var orders = await visible.Where(o => o.CustomerId == id)
            .OrderByDescending(o => o.OrderDate).ThenByDescending(o => o.Id).Take(TradePanels.Shown)
            .Select(o => new { o.Id, o.Number, o.OrderDate, o.State, o.Total, o.Received }).ToListAsync(ct);
        if (orders.Count == 0 && !company.IsCustomer) return [];
        var receipts = await (from r in db.Receipts.AsNoTracking()
                              where r.CustomerId == id
                              join o in visible on r.SalesOrderId equals o.Id
                              orderby r.ReceivedOn descending, r.Id descending
                              select new SettlementSummary(r.Number, r.ReceivedOn, o.Id, o.Number, r.Method, r.Amount))
            .Take(TradePanels.Shown).ToListAsync(ct);
        var summaries = orders.Select(o => new OrderSummary(o.Id, o.Number, o.OrderDate, l[SalesOrderLabels.State(o.State)], o.Total, o.Received)).ToList();
        return
        [
            TradePanels.Orders("sales-orders", "销售单", "没有销售单。", "应收金额", "已收金额", "/sales/orders", $"/sales/orders?customerId={id}", summaries, l),
            TradePanels.Settlements("receipts", "收款单", "没有收款单。", SettlementKind.Receipt, "销售单", "/sales/orders", receipts, l),
        ];
    }
}
