using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Web;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Trade;

/// <summary>An order as a company page lists it: its state already in the user's language.</summary>
public sealed record OrderSummary(long Id, string Number, DateOnly Date, string State, decimal Total, decimal Settled);

/// <summary>A 收款单 or 付款单 as a company page lists it, linking to its order.</summary>
public sealed record SettlementSummary(string Number, DateOnly Date, long OrderId, string OrderNumber, PaymentMethod Method, decimal Amount);

/// <summary>The company page's order and money cards, laid out the same for sales and purchases.</summary>
public static class TradePanels
{
    public const int Shown = 10;

    /// <param name="ordersUrl">The order pages (<c>/sales/orders</c>); the list filtered by the company is <paramref name="allUrl"/>.</param>
    public static Panel Orders(string id, string title, string empty, string totalLabel, string settledLabel,
        string ordersUrl, string allUrl, IReadOnlyList<OrderSummary> orders, IStringLocalizer l) =>
        new(id, l[title], l[empty])
        {
            Columns = [new(l["单据号"]), new(l["日期"]), new(l["状态"]), new(l[totalLabel], true), new(l[settledLabel], true)],
            Rows = orders.Select(o => new PanelRow($"{ordersUrl}/{o.Id}",
                [o.Number, Day(o.Date), o.State, OrderSteps.Money(o.Total), OrderSteps.Money(o.Settled)])).ToList(),
            AllUrl = orders.Count > 0 ? allUrl : null,
        };

    public static Panel Settlements(string id, string title, string empty, SettlementKind kind, string orderLabel,
        string ordersUrl, IReadOnlyList<SettlementSummary> rows, IStringLocalizer l) =>
        new(id, l[title], l[empty])
        {
            Columns = [new(l["单据号"]), new(l[kind.DateLabel]), new(l[orderLabel]), new(l[kind.MethodLabel]), new(l[kind.AmountLabel], true)],
            Rows = rows.Select(r => new PanelRow($"{ordersUrl}/{r.OrderId}",
                [r.Number, Day(r.Date), r.OrderNumber, l[PaymentMethods.Label(r.Method)], OrderSteps.Money(r.Amount)])).ToList(),
        };

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
