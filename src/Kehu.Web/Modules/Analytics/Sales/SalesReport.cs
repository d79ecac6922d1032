using System.Globalization;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Analytics.Sales;

/// <summary>销售分析 as the page shows it and the export writes it: the series against the previous
/// period, and the rankings by salesperson, customer and product; each figure links to its 销售单.</summary>
public sealed class SalesReport(AnalyticsAccess access, SalesAnalysis analysis, IStringLocalizer<SharedResource> l)
{
    public async Task<Result<ReportView>> BuildAsync(long userId, ReportPeriod period, int rows, CancellationToken ct)
    {
        var visible = await access.SalesOrdersAsync(userId, ct);
        if (!visible.IsSuccess) return visible.Error!;
        var orders = visible.Value;
        var series = await analysis.ByPeriodAsync(orders, period, ct);
        var salespeople = await analysis.BySalespersonAsync(orders, period, ct);
        var customers = await analysis.ByCustomerAsync(orders, period, ct);
        var products = await analysis.ByProductAsync(orders, period, ct);

        string Orders(DateOnly from, DateOnly to, string filter = "") =>
            $"/sales/orders?state=sold&from={ReportPeriod.Iso(from)}&to={ReportPeriod.Iso(to)}{filter}";
        var all = Orders(period.From, period.To);

        var figures = new List<ReportFigure>
        {
            new("amount", l["销售额"], Money(series.Total.Amount)),
            new("orders", l["销售单数"], series.Total.Orders.ToString("N0", CultureInfo.CurrentCulture)),
            new("previous", l["上期销售额"], Money(series.PreviousTotal.Amount), $"{ReportPeriod.Iso(series.PreviousFrom)} ~ {ReportPeriod.Iso(series.PreviousTo)}"),
            new("change", l["环比"], series.Change is { } c ? (c >= 0 ? "+" : "") + (c * 100).ToString("0.00", CultureInfo.CurrentCulture) + "%" : "—"),
        };

        var labels = series.Buckets.Select(b => b.Label).ToList();
        var trend = Charts.Bars("sales-trend", l["销售额走势（与上期对比）"], labels,
        [
            (l["本期"], "bar", series.Buckets.Select(b => new Charts.Item(b.Label, b.Amount, Orders(b.Start, b.End))).ToList()),
            (l["上期"], "line", series.Buckets.Select(b => new Charts.Item(b.Label, b.PreviousAmount ?? 0)).ToList()),
        ]);
        var top = Math.Min(10, rows);
        var bySalesperson = Charts.Bars("sales-by-salesperson", l["销售员排名"], salespeople.Rows.Take(top).Select(r => r.Name).ToList(),
            [(l["销售额"], "bar", salespeople.Rows.Take(top).Select(r => new Charts.Item(r.Name, r.Amount, Orders(period.From, period.To, $"&salespersonId={r.Id}"))).ToList())],
            horizontal: true);
        var byCustomer = Charts.Pie("sales-by-customer", l["客户销售占比（前 10 名）"],
            customers.Rows.Take(top).Select(r => new Charts.Item(r.Name, r.Amount, Orders(period.From, period.To, $"&customerId={r.Id}")))
                .Append(new Charts.Item(l["其他"], customers.Total.Amount - customers.Rows.Take(top).Sum(r => r.Amount)))
                .Where(i => i.Value != 0));
        var byProduct = Charts.Bars("sales-by-product", l["商品销售额与毛利（前 10 名）"], products.Rows.Take(top).Select(r => r.Name).ToList(),
        [
            (l["销售额"], "bar", products.Rows.Take(top).Select(r => new Charts.Item(r.Name, r.Amount, Orders(period.From, period.To, $"&productId={r.Id}"))).ToList()),
            (l["毛利"], "bar", products.Rows.Take(top).Select(r => new Charts.Item(r.Name, r.Margin)).ToList()),
        ]);

        var seriesTable = new ReportTable("sales-by-period", l["按期间汇总"],
            [new(l["期间"]), new(l["销售单数"], CellFormat.Integer), new(l["销售额"], CellFormat.Money), new(l["上期销售单数"], CellFormat.Integer), new(l["上期销售额"], CellFormat.Money)],
            series.Buckets.Select(b => new ReportRow([b.Label, new ReportCell(b.Orders, Orders(b.Start, b.End)), new ReportCell(b.Amount, Orders(b.Start, b.End)),
                new ReportCell(b.PreviousOrders), new ReportCell(b.PreviousAmount)])).ToList())
        {
            Total = new ReportRow(["", series.Total.Orders, series.Total.Amount, series.PreviousTotal.Orders, series.PreviousTotal.Amount]),
        };
        ReportTable Ranked(string id, string title, string who, Ranking ranking, string filter) =>
            new(id, title,
                [new(l["名次"], CellFormat.Integer), new(who), new(l["销售单数"], CellFormat.Integer), new(l["销售额"], CellFormat.Money), new(l["占比"], CellFormat.Percent)],
                ranking.Rows.Take(rows).Select(r => new ReportRow([r.Rank, r.Name,
                    new ReportCell(r.Orders, Orders(period.From, period.To, $"&{filter}={r.Id}")),
                    new ReportCell(r.Amount, Orders(period.From, period.To, $"&{filter}={r.Id}")), r.Share])).ToList())
            {
                Total = new ReportRow(["", "", new ReportCell(ranking.Total.Orders, all), new ReportCell(ranking.Total.Amount, all), ranking.Total.Amount == 0 ? 0m : 1m]),
                Note = ranking.Count > rows ? l["共 {0} 名，这里显示前 {1} 名；导出的 Excel 包含全部。", ranking.Count, rows].Value : null,
            };
        var productTable = new ReportTable("sales-by-product", l["商品销售排名与毛利"],
            [new(l["名次"], CellFormat.Integer), new(l["商品编号"]), new(l["商品名称"]), new(l["数量"], CellFormat.Quantity), new(l["销售额"], CellFormat.Money),
             new(l["成本"], CellFormat.Money), new(l["毛利"], CellFormat.Money), new(l["毛利率"], CellFormat.Percent)],
            products.Rows.Take(rows).Select(r => new ReportRow([r.Rank, r.Code, r.Name, r.Quantity,
                new ReportCell(r.Amount, Orders(period.From, period.To, $"&productId={r.Id}")), r.Cost, r.Margin, new ReportCell(r.MarginRate)])).ToList())
        {
            Total = new ReportRow(["", "", "", products.Total.Quantity, products.Total.Amount, products.Total.Cost, products.Total.Margin,
                new ReportCell(products.Total.Amount == 0 ? null : decimal.Round(products.Total.Margin / products.Total.Amount, 4))]),
            Note = products.Count > rows ? l["共 {0} 名，这里显示前 {1} 名；导出的 Excel 包含全部。", products.Count, rows].Value : null,
        };

        return new ReportView(l["销售分析"], period)
        {
            Figures = figures,
            Charts = [trend, bySalesperson, byCustomer, byProduct],
            Tables =
            [
                seriesTable,
                Ranked("sales-by-salesperson", l["销售员排名"], l["销售员"], salespeople, "salespersonId"),
                Ranked("sales-by-customer", l["客户排名"], l["客户"], customers, "customerId"),
                productTable,
            ],
        };
    }


    private static string Money(decimal d) => d.ToString("N2", CultureInfo.CurrentCulture);
}
