using Kehu.Web.Modules.Inventory;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Analytics.Inventory;

/// <summary>One product's 进销存 line. 出库 is shown positive (what left, at its cost); 盘点调整 keeps
/// its sign. 期末 = 期初 + 入库 − 出库 + 盘点调整 + 期初录入, in quantity and in amount.</summary>
public sealed record StockReportRow(long ProductId, string Code, string Name,
    decimal OpeningQuantity, decimal OpeningAmount,
    decimal InQuantity, decimal InAmount,
    decimal OutQuantity, decimal OutAmount,
    decimal AdjustmentQuantity, decimal AdjustmentAmount,
    decimal OpeningEntryQuantity, decimal OpeningEntryAmount,
    decimal ClosingQuantity, decimal ClosingAmount);

public sealed record StockReportTotals(
    decimal OpeningQuantity, decimal OpeningAmount,
    decimal InQuantity, decimal InAmount,
    decimal OutQuantity, decimal OutAmount,
    decimal AdjustmentQuantity, decimal AdjustmentAmount,
    decimal OpeningEntryQuantity, decimal OpeningEntryAmount,
    decimal ClosingQuantity, decimal ClosingAmount);

public sealed record StockReportResult(DateOnly From, DateOnly To, long? WarehouseId, int Count, StockReportTotals Total, IReadOnlyList<StockReportRow> Rows);

/// <summary>
/// 进销存 (README: What counts), from the stock ledger alone. The database sums the moves up to the
/// period's end per (product, kind, before the period or inside it): at most eight small sums per
/// product, pivoted here into the row. Every figure is a sum of the ledger's own quantities and
/// amounts, so the totals reconcile with the ledger to the cent.
/// </summary>
public sealed class StockReport(KehuDbContext db)
{
    public async Task<StockReportResult> HandleAsync(ReportPeriod period, DateTime fromUtc, DateTime toUtc, long? warehouseId, CancellationToken ct)
    {
        var moves = db.StockMoves.AsNoTracking().Where(m => m.At < toUtc);
        if (warehouseId is { } w) moves = moves.Where(m => m.WarehouseId == w);
        var sums = moves.GroupBy(m => new { m.ProductId, m.Kind, Before = m.At < fromUtc })
            .Select(g => new
            {
                g.Key.ProductId,
                g.Key.Kind,
                g.Key.Before,
                Thousandths = g.Sum(m => (long)Math.Round((double)m.Quantity * 1000)),
                Cents = g.Sum(m => (long)Math.Round((double)m.Amount * 100)),
            });
        var parts = (await (from s in sums join p in db.Products on s.ProductId equals p.Id
                            select new { s.ProductId, p.Code, p.Name, s.Kind, s.Before, s.Thousandths, s.Cents }).ToListAsync(ct))
            .Select(x => new { x.ProductId, x.Code, x.Name, x.Kind, x.Before, Quantity = ExactSums.Quantity(x.Thousandths), Amount = ExactSums.Money(x.Cents) }).ToList();

        var rows = new List<StockReportRow>();
        foreach (var product in parts.GroupBy(p => p.ProductId))
        {
            decimal Q(StockMoveKind kind) => product.Where(p => !p.Before && p.Kind == kind).Sum(p => p.Quantity);
            decimal A(StockMoveKind kind) => product.Where(p => !p.Before && p.Kind == kind).Sum(p => p.Amount);
            var openingQuantity = product.Where(p => p.Before).Sum(p => p.Quantity);
            var openingAmount = product.Where(p => p.Before).Sum(p => p.Amount);
            var moved = product.Any(p => !p.Before);
            if (!moved && openingQuantity == 0 && openingAmount == 0) continue;
            var first = product.First();
            rows.Add(new StockReportRow(product.Key, first.Code, first.Name,
                openingQuantity, openingAmount,
                Q(StockMoveKind.Receipt), A(StockMoveKind.Receipt),
                -Q(StockMoveKind.Issue), -A(StockMoveKind.Issue),
                Q(StockMoveKind.Adjustment), A(StockMoveKind.Adjustment),
                Q(StockMoveKind.Opening), A(StockMoveKind.Opening),
                product.Sum(p => p.Quantity), product.Sum(p => p.Amount)));
        }
        rows.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        var total = new StockReportTotals(
            rows.Sum(r => r.OpeningQuantity), rows.Sum(r => r.OpeningAmount),
            rows.Sum(r => r.InQuantity), rows.Sum(r => r.InAmount),
            rows.Sum(r => r.OutQuantity), rows.Sum(r => r.OutAmount),
            rows.Sum(r => r.AdjustmentQuantity), rows.Sum(r => r.AdjustmentAmount),
            rows.Sum(r => r.OpeningEntryQuantity), rows.Sum(r => r.OpeningEntryAmount),
            rows.Sum(r => r.ClosingQuantity), rows.Sum(r => r.ClosingAmount));
        return new StockReportResult(period.From, period.To, warehouseId, rows.Count, total, rows);
    }
}
