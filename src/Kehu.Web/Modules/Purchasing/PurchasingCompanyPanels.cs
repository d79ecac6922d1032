using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Purchasing;

/// <summary>A supplier's page shows its newest 采购单 and 付款单 to those who may see purchase orders
/// (<see cref="PurchaseOrderWorkflow.MaySeeAsync"/>): two queries, through the supplier indexes.</summary>
public sealed class PurchasingCompanyPanels(KehuDbContext db, PurchaseOrderWorkflow workflow, IStringLocalizer<SharedResource> l) : ICompanyPanels
{
    public int Order => 20;

    public async Task<IReadOnlyList<Panel>> ForAsync(long userId, Company company, CancellationToken ct)
    {
        if (!await workflow.MaySeeAsync(userId, ct)) return [];
        var id = company.Id;
        var orders = await db.PurchaseOrders.AsNoTracking().Where(o => o.SupplierId == id)
            .OrderByDescending(o => o.OrderDate).ThenByDescending(o => o.Id).Take(TradePanels.Shown)
            .Select(o => new { o.Id, o.Number, o.OrderDate, o.State, o.Total, o.Paid }).ToListAsync(ct);
        if (orders.Count == 0 && !company.IsSupplier) return [];
        var payments = await (from p in db.Payments.AsNoTracking()
                              where p.SupplierId == id
                              join o in db.PurchaseOrders on p.PurchaseOrderId equals o.Id
                              orderby p.PaidOn descending, p.Id descending
                              select new SettlementSummary(p.Number, p.PaidOn, o.Id, o.Number, p.Method, p.Amount))
            .Take(TradePanels.Shown).ToListAsync(ct);
        var summaries = orders.Select(o => new OrderSummary(o.Id, o.Number, o.OrderDate, l[PurchaseOrderLabels.State(o.State)], o.Total, o.Paid)).ToList();
        return
        [
            TradePanels.Orders("purchase-orders", "采购单", "没有采购单。", "应付金额", "已付金额", "/purchasing/orders", $"/purchasing/orders?supplierId={id}", summaries, l),
            TradePanels.Settlements("payments", "付款单", "没有付款单。", SettlementKind.Payment, "采购单", "/purchasing/orders", payments, l),
        ];
    }
}
