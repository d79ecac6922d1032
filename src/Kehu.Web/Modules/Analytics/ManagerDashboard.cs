using System.Globalization;
using System.Security.Claims;
using Kehu.Web.Modules.Analytics.Sales;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Service;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workbench;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Analytics;

/// <summary>
/// 本月概况 on a manager's 我的工作台: this month's sales against last month, what customers owe,
/// the complaints still open and the products below 库存下限, each figure only for a manager who
/// may see it, and linked to the report or list behind it.
/// </summary>
public sealed class ManagerDashboard(ReportPeriods periods, AnalyticsAccess access, SalesAnalysis sales, TradeBalances balances,
    LowStock lowStock, IStringLocalizer<SharedResource> l) : IWorkbenchReminders
{
    public static readonly IReadOnlyList<string> Managers =
        [RoleCodes.Administrator, RoleCodes.SalesManager, RoleCodes.FinanceManager, RoleCodes.PurchaseManager, RoleCodes.TechnicalManager];

    /// <summary>How many products below 库存下限 are counted before "100+".</summary>
    public const int LowStockCap = 100;

    public int Order => 0;

    public async Task<Panel?> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.IsInAnyRole(Managers)) return null;
        var userId = user.RequiredUserId();
        var month = ReportPeriod.Around(PeriodUnit.Month, periods.Today);
        var figures = new List<PanelFigure>();

        if (user.IsInAnyRole(Modules.Sales.SalesOrderAccess.ViewerRoles) && await access.SalesOrdersAsync(userId, ct) is { IsSuccess: true } orders)
        {
            var series = await sales.ByPeriodAsync(orders.Value, month, ct);
            var change = series.Change is { } c ? l["环比 {0}", (c >= 0 ? "+" : "") + (c * 100).ToString("0.0", CultureInfo.CurrentCulture) + "%"].Value : null;
            figures.Add(new PanelFigure("sales", l["本月销售额"], OrderSteps.Money(series.Total.Amount), change, "/analytics/sales?period=month"));
        }
        if ((await balances.RightsAsync(userId, ct)).Receivables)
        {
            var list = await balances.ListAsync(userId, new BalanceQuery { Kind = "receivable", Limit = 1 }, ct);
            if (list.IsSuccess)
                figures.Add(new PanelFigure("receivable", l["应收款"], OrderSteps.Money(list.Value.Totals.Receivable), l["{0} 家客户", list.Value.Totals.Count], "/trade/balances?kind=receivable"));
        }
        if (user.IsInAnyRole([RoleCodes.Administrator, RoleCodes.TechnicalManager, RoleCodes.SalesManager]))
        {
            var open = await (await access.ComplaintsAsync(userId, ct))
                .CountAsync(c => c.State == ComplaintState.Review || c.State == ComplaintState.InService || c.State == ComplaintState.Returned, ct);
            figures.Add(new PanelFigure("complaints", l["未结投诉"], open.ToString("N0", CultureInfo.CurrentCulture), null, "/analytics/service?period=month"));
        }
        if (user.IsInAnyRole([RoleCodes.Administrator, RoleCodes.PurchaseManager, RoleCodes.SalesManager]))
        {
            var low = (await lowStock.HandleAsync(LowStockCap + 1, ct)).Count;
            figures.Add(new PanelFigure("low-stock", l["低于库存下限的商品"], low > LowStockCap ? $"{LowStockCap}+" : low.ToString(CultureInfo.CurrentCulture), null, "/inventory/stock?low=true"));
        }
        if (figures.Count == 0) return null;
        return new Panel("manager-dashboard", l["本月概况"] + " " + month.Text, l["这个月还没有数据。"])
        {
            Figures = figures,
        };
    }
}
