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
/// 进销存 (README: What counts), from the stock ledger alone. Up to an instant t, a product's moves of
/// one kind are the month sums (<see cref="StockMonthSum"/>) of the UTC months before t's month plus
/// the moves of t's month before t. So 期初 = sums before the first month + the head moves (from that
/// month's start to the period's start), and the period = sums from the first month to the last −
/// the head + the tail moves (from the last month's start to the period's end): three small queries,
/// whatever the period's length, and no more than two months of single moves. Every figure is an
/// integer sum of the ledger's own quantities and amounts, so the totals reconcile to the cent.
/// </summary>
public sealed class StockReport(KehuDbContext db)
{
    private sealed record Part(long ProductId, StockMoveKind Kind, bool Before, int Moves, long Thousandths, long Cents);

    public async Task<StockReportResult> HandleAsync(ReportPeriod period, DateTime fromUtc, DateTime toUtc, long? warehouseId, CancellationToken ct)
    {
        var firstMonth = StockMonthSum.MonthOf(fromUtc);
        var lastMonth = StockMonthSum.MonthOf(toUtc);

        var sums = db.StockMonthSums.AsNoTracking().Where(s => s.Month < lastMonth);
        if (warehouseId is { } w) sums = sums.Where(s => s.WarehouseId == w);
        var parts = (await sums.GroupBy(s => new { s.ProductId, s.Kind, Before = s.Month < firstMonth })
                .Select(g => new { g.Key.ProductId, g.Key.Kind, g.Key.Before, Moves = g.Sum(s => s.Moves), Thousandths = g.Sum(s => s.QuantityThousandths), Cents = g.Sum(s => s.AmountCents) })
                .ToListAsync(ct))
            .Select(x => new Part(x.ProductId, x.Kind, x.Before, x.Moves, x.Thousandths, x.Cents)).ToList();
        foreach (var head in await MovesAsync(firstMonth, fromUtc, warehouseId, ct))
        {
            parts.Add(head with { Before = true });
            parts.Add(head with { Moves = -head.Moves, Thousandths = -head.Thousandths, Cents = -head.Cents });
        }
        parts.AddRange(await MovesAsync(lastMonth, toUtc, warehouseId, ct));

        var productIds = parts.Select(p => p.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Code, p.Name }).ToDictionaryAsync(p => p.Id, ct);

        var rows = new List<StockReportRow>();
        foreach (var product in parts.GroupBy(p => p.ProductId))
        {
            var inside = product.Where(p => !p.Before).ToList();
            var before = product.Where(p => p.Before).ToList();
            decimal Q(StockMoveKind kind) => ExactSums.Quantity(inside.Where(p => p.Kind == kind).Sum(p => p.Thousandths));
            decimal A(StockMoveKind kind) => ExactSums.Money(inside.Where(p => p.Kind == kind).Sum(p => p.Cents));
            var openingQuantity = ExactSums.Quantity(before.Sum(p => p.Thousandths));
            var openingAmount = ExactSums.Money(before.Sum(p => p.Cents));
            var moved = inside.Sum(p => p.Moves) > 0;
            if (!moved && openingQuantity == 0 && openingAmount == 0) continue;
            var info = products[product.Key];
            rows.Add(new StockReportRow(product.Key, info.Code, info.Name,
                openingQuantity, openingAmount,
                Q(StockMoveKind.Receipt), A(StockMoveKind.Receipt),
                -Q(StockMoveKind.Issue), -A(StockMoveKind.Issue),
                Q(StockMoveKind.Adjustment), A(StockMoveKind.Adjustment),
                Q(StockMoveKind.Opening), A(StockMoveKind.Opening),
                ExactSums.Quantity(product.Sum(p => p.Thousandths)), ExactSums.Money(product.Sum(p => p.Cents))));
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

    /// <summary>The single moves in [<paramref name="from"/>, <paramref name="to"/>), summed per
    /// product and kind (less than a month of the ledger), as parts of the period.</summary>
    private async Task<List<Part>> MovesAsync(DateTime from, DateTime to, long? warehouseId, CancellationToken ct)
    {
        if (to <= from) return [];
        var moves = db.StockMoves.AsNoTracking().Where(m => m.At >= from && m.At < to);
        if (warehouseId is { } w) moves = moves.Where(m => m.WarehouseId == w);
        return (await moves.GroupBy(m => new { m.ProductId, m.Kind })
                .Select(g => new
                {
                    g.Key.ProductId,
                    g.Key.Kind,
                    Moves = g.Count(),
                    Thousandths = g.Sum(m => (long)Math.Round((double)m.Quantity * 1000)),
                    Cents = g.Sum(m => (long)Math.Round((double)m.Amount * 100)),
                })
                .ToListAsync(ct))
            .Select(x => new Part(x.ProductId, x.Kind, false, x.Moves, x.Thousandths, x.Cents)).ToList();
    }
}
