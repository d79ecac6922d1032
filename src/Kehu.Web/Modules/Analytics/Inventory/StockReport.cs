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
/// 进销存 (README: What counts), from the stock ledger alone. A product's moves of one kind before an
/// instant t are the month sums (<see cref="StockMonthSum"/>) of the UTC months before t's month plus
/// the single moves of that month before t — or, when t is in the month's second half, the sums up to
/// and including t's month minus its moves from t on. 期初 is that at the period's start, 期末 at its
/// end, and the period's figures the difference: one query of sums and two of at most half a month of
/// moves, whatever the period's length. Every figure is an integer sum of the ledger's own quantities
/// and amounts, so the totals reconcile to the cent.
/// </summary>
public sealed class StockReport(KehuDbContext db)
{
    /// <summary>A product's moves of one kind before the period's start and before its end.</summary>
    private sealed class Tally
    {
        public long BeforeMoves, BeforeThousandths, BeforeCents, UpToMoves, UpToThousandths, UpToCents;

        public void Add(bool before, bool upTo, long moves, long thousandths, long cents)
        {
            if (before) { BeforeMoves += moves; BeforeThousandths += thousandths; BeforeCents += cents; }
            if (upTo) { UpToMoves += moves; UpToThousandths += thousandths; UpToCents += cents; }
        }
    }

    /// <summary>Where the sums stop for an instant, and the moves that then count (+1) or come off (−1).</summary>
    private readonly record struct Cut(DateTime SumsBefore, DateTime MovesFrom, DateTime MovesTo, int Sign)
    {
        public static Cut At(DateTime t)
        {
            var month = StockMonthSum.MonthOf(t);
            var next = month.AddMonths(1);
            return t - month <= next - t ? new Cut(month, month, t, 1) : new Cut(next, t, next, -1);
        }
    }

    public async Task<StockReportResult> HandleAsync(ReportPeriod period, DateTime fromUtc, DateTime toUtc, long? warehouseId, CancellationToken ct)
    {
        var start = Cut.At(fromUtc);
        var end = Cut.At(toUtc);
        var tallies = new Dictionary<(long ProductId, StockMoveKind Kind), Tally>();
        Tally TallyOf(long productId, StockMoveKind kind) =>
            tallies.TryGetValue((productId, kind), out var t) ? t : tallies[(productId, kind)] = new Tally();

        var limit = start.SumsBefore > end.SumsBefore ? start.SumsBefore : end.SumsBefore;
        var sums = db.StockMonthSums.AsNoTracking().Where(s => s.Month < limit);
        if (warehouseId is { } w) sums = sums.Where(s => s.WarehouseId == w);
        var grouped = await sums.GroupBy(s => new { s.ProductId, s.Kind, Before = s.Month < start.SumsBefore, UpTo = s.Month < end.SumsBefore })
            .Select(g => new { g.Key.ProductId, g.Key.Kind, g.Key.Before, g.Key.UpTo, Moves = g.Sum(s => s.Moves), Thousandths = g.Sum(s => s.QuantityThousandths), Cents = g.Sum(s => s.AmountCents) })
            .ToListAsync(ct);
        foreach (var x in grouped) TallyOf(x.ProductId, x.Kind).Add(x.Before, x.UpTo, x.Moves, x.Thousandths, x.Cents);
        foreach (var (cut, before) in new[] { (start, true), (end, false) })
        {
            foreach (var x in await MovesAsync(cut.MovesFrom, cut.MovesTo, warehouseId, ct))
                TallyOf(x.ProductId, x.Kind).Add(before, !before, cut.Sign * x.Moves, cut.Sign * x.Thousandths, cut.Sign * x.Cents);
        }

        var productIds = tallies.Keys.Select(k => k.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Code, p.Name }).ToDictionaryAsync(p => p.Id, ct);

        var rows = new List<StockReportRow>();
        foreach (var product in tallies.GroupBy(kv => kv.Key.ProductId))
        {
            var byKind = product.ToDictionary(kv => kv.Key.Kind, kv => kv.Value);
            decimal Q(StockMoveKind kind) => byKind.TryGetValue(kind, out var t) ? ExactSums.Quantity(t.UpToThousandths - t.BeforeThousandths) : 0;
            decimal A(StockMoveKind kind) => byKind.TryGetValue(kind, out var t) ? ExactSums.Money(t.UpToCents - t.BeforeCents) : 0;
            var tally = byKind.Values;
            var openingQuantity = ExactSums.Quantity(tally.Sum(t => t.BeforeThousandths));
            var openingAmount = ExactSums.Money(tally.Sum(t => t.BeforeCents));
            var moved = tally.Sum(t => t.UpToMoves - t.BeforeMoves) > 0;
            if (!moved && openingQuantity == 0 && openingAmount == 0) continue;
            var info = products[product.Key];
            rows.Add(new StockReportRow(product.Key, info.Code, info.Name,
                openingQuantity, openingAmount,
                Q(StockMoveKind.Receipt), A(StockMoveKind.Receipt),
                -Q(StockMoveKind.Issue), -A(StockMoveKind.Issue),
                Q(StockMoveKind.Adjustment), A(StockMoveKind.Adjustment),
                Q(StockMoveKind.Opening), A(StockMoveKind.Opening),
                ExactSums.Quantity(tally.Sum(t => t.UpToThousandths)), ExactSums.Money(tally.Sum(t => t.UpToCents))));
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

    /// <summary>The single moves in [<paramref name="from"/>, <paramref name="to"/>) — at most half a
    /// month of the ledger — summed per product and kind.</summary>
    private async Task<List<(long ProductId, StockMoveKind Kind, long Moves, long Thousandths, long Cents)>> MovesAsync(DateTime from, DateTime to, long? warehouseId, CancellationToken ct)
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
            .Select(x => (x.ProductId, x.Kind, (long)x.Moves, x.Thousandths, x.Cents)).ToList();
    }
}
