using System.Globalization;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Analytics.Inventory;

/// <summary>进销存 as the page shows it and the export writes it: one row per product, each figure
/// linked to the stock moves behind it.</summary>
public sealed class StockReportView(AnalyticsAccess access, StockReport report, ReportPeriods periods, IStringLocalizer<SharedResource> l)
{
    public async Task<Result<StockReportResult>> DataAsync(long userId, ReportPeriod period, long? warehouseId, CancellationToken ct)
    {
        if (await access.InventoryAsync(userId, ct) is { } denied) return denied;
        var (from, to) = periods.UtcBounds(period);
        return await report.HandleAsync(period, from, to, warehouseId, ct);
    }

    public async Task<Result<ReportView>> BuildAsync(long userId, ReportPeriod period, long? warehouseId, int rows, CancellationToken ct)
    {
        var data = await DataAsync(userId, period, warehouseId, ct);
        if (!data.IsSuccess) return data.Error!;
        var r = data.Value;
        var warehouse = warehouseId is { } w ? $"&warehouseId={w}" : "";
        string Moves(long productId, string? kind) =>
            $"/inventory/moves?productId={productId}&from={ReportPeriod.Iso(period.From)}&to={ReportPeriod.Iso(period.To)}{warehouse}{(kind is null ? "" : "&kind=" + kind)}";
        var top = r.Rows.OrderByDescending(x => x.OutAmount).ThenBy(x => x.Code).Take(10).ToList();
        var chart = Charts.Bars("inventory-top", l["出库金额前 10 名商品"], top.Select(x => x.Name).ToList(),
        [
            (l["入库金额"], "bar", top.Select(x => new Charts.Item(x.Name, x.InAmount, Moves(x.ProductId, "Receipt"))).ToList()),
            (l["出库金额"], "bar", top.Select(x => new Charts.Item(x.Name, x.OutAmount, Moves(x.ProductId, "Issue"))).ToList()),
        ]);
        var t = r.Total;
        var table = new ReportTable("inventory", l["进销存"],
            [
                new(l["商品编号"]), new(l["商品名称"]),
                new(l["期初数量"], CellFormat.Quantity), new(l["期初金额"], CellFormat.Money),
                new(l["入库数量"], CellFormat.Quantity), new(l["入库金额"], CellFormat.Money),
                new(l["出库数量"], CellFormat.Quantity), new(l["出库金额"], CellFormat.Money),
                new(l["盘点调整数量"], CellFormat.Quantity), new(l["盘点调整金额"], CellFormat.Money),
                new(l["期初录入数量"], CellFormat.Quantity), new(l["期初录入金额"], CellFormat.Money),
                new(l["期末数量"], CellFormat.Quantity), new(l["期末金额"], CellFormat.Money),
            ],
            r.Rows.Take(rows).Select(x => new ReportRow([
                x.Code, x.Name,
                x.OpeningQuantity, x.OpeningAmount,
                new ReportCell(x.InQuantity, Moves(x.ProductId, "Receipt")), x.InAmount,
                new ReportCell(x.OutQuantity, Moves(x.ProductId, "Issue")), x.OutAmount,
                new ReportCell(x.AdjustmentQuantity, Moves(x.ProductId, "Adjustment")), x.AdjustmentAmount,
                new ReportCell(x.OpeningEntryQuantity, Moves(x.ProductId, "Opening")), x.OpeningEntryAmount,
                new ReportCell(x.ClosingQuantity, Moves(x.ProductId, null)), x.ClosingAmount,
            ])).ToList())
        {
            Total = new ReportRow(["", "", t.OpeningQuantity, t.OpeningAmount, t.InQuantity, t.InAmount, t.OutQuantity, t.OutAmount,
                t.AdjustmentQuantity, t.AdjustmentAmount, t.OpeningEntryQuantity, t.OpeningEntryAmount, t.ClosingQuantity, t.ClosingAmount]),
            Note = r.Count > rows ? l["共 {0} 个商品，这里显示前 {1} 个；导出的 Excel 包含全部。", r.Count, rows].Value : null,
        };
        return new ReportView(l["进销存"], period)
        {
            Figures =
            [
                new("opening", l["期初金额"], Money(t.OpeningAmount)),
                new("in", l["入库金额"], Money(t.InAmount)),
                new("out", l["出库金额"], Money(t.OutAmount)),
                new("closing", l["期末金额"], Money(t.ClosingAmount)),
            ],
            Charts = [chart],
            Tables = [table],
        };
    }


    private static string Money(decimal d) => d.ToString("N2", CultureInfo.CurrentCulture);
}
