using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Web;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Trade;

/// <summary>The company page's 应收应付 box: what the company still owes us and what we still owe it,
/// each side only to those who may see it on the 应收应付 page (<see cref="BalanceRights"/>).</summary>
public sealed class BalanceCompanyPanel(TradeBalances balances, IStringLocalizer<SharedResource> l) : ICompanyPanels
{
    public int Order => 0;

    public async Task<IReadOnlyList<Panel>> ForAsync(long userId, Company company, CancellationToken ct)
    {
        if (await balances.ForCompanyAsync(userId, company.Id, ct) is not { } found) return [];
        var (row, rights) = found;
        var figures = new List<PanelFigure>();
        if (rights.Receivables)
            figures.Add(new("receivable", l["应收金额"], OrderSteps.Money(row.Receivable),
                l["应收金额合计 {0}，已收 {1}", OrderSteps.Money(row.SalesTotal), OrderSteps.Money(row.Received)]));
        if (rights.Payables)
            figures.Add(new("payable", l["应付金额"], OrderSteps.Money(row.Payable),
                l["应付金额合计 {0}，已付 {1}", OrderSteps.Money(row.PurchaseTotal), OrderSteps.Money(row.Paid)]));
        return [new Panel("company-balance", l["应收应付"], "") { Figures = figures, AllUrl = "/trade/balances?q=" + Uri.EscapeDataString(company.Code) }];
    }
}
