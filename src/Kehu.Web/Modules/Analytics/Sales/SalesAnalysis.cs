using System.Linq.Expressions;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Analytics.Sales;

public sealed record SalesTotals(int Orders, decimal Amount);

/// <summary>One bucket of the series, with the bucket at the same place in the previous period (上期).</summary>
public sealed record SalesBucket(DateOnly Start, DateOnly End, string Label, int Orders, decimal Amount, int? PreviousOrders, decimal? PreviousAmount);

public sealed record SalesByPeriod(DateOnly From, DateOnly To, string Unit, DateOnly PreviousFrom, DateOnly PreviousTo,
    IReadOnlyList<SalesBucket> Buckets, SalesTotals Total, SalesTotals PreviousTotal)
{
    /// <summary>Change against the previous period (0.12 = +12%); null when the previous period sold nothing.</summary>
    public decimal? Change => PreviousTotal.Amount == 0 ? null : decimal.Round((Total.Amount - PreviousTotal.Amount) / PreviousTotal.Amount, 4);
}

/// <summary>A salesperson's or a customer's sales in the period, ranked by amount.</summary>
public sealed record RankRow(int Rank, long Id, string Name, int Orders, decimal Amount, decimal Share);

public sealed record Ranking(DateOnly From, DateOnly To, int Count, SalesTotals Total, IReadOnlyList<RankRow> Rows);

/// <summary>A product's sales in the period: 数量 and 金额 from the lines, 成本 from the stock moves
/// that issued them, 毛利 and 毛利率.</summary>
public sealed record ProductRow(int Rank, long Id, string Code, string Name, decimal Quantity, decimal Amount, decimal Cost, decimal Margin, decimal? MarginRate);

public sealed record ProductTotals(decimal Quantity, decimal Amount, decimal Cost, decimal Margin);

public sealed record ProductRanking(DateOnly From, DateOnly To, int Count, ProductTotals Total, IReadOnlyList<ProductRow> Rows);

/// <summary>
/// 销售分析 (README: What counts). Each figure is one grouped query over the sales the user may see;
/// the rows come back already summed (per day, per salesperson, per customer, per product) and are
/// only ranked here.
/// </summary>
public sealed class SalesAnalysis(KehuDbContext db)
{
    public static IQueryable<SalesOrder> Sold(IQueryable<SalesOrder> visible, DateOnly from, DateOnly to) =>
        visible.Where(SalesOrder.IsSale).Where(o => o.OrderDate >= from && o.OrderDate <= to);

    /// <summary>The period and the previous one per 日期. A user who sees every order reads the day sums
    /// (<see cref="SalesDaySum"/>, one row a day); a scoped user, the orders they may see.</summary>
    public async Task<SalesByPeriod> ByPeriodAsync(IQueryable<SalesOrder> visible, ReportPeriod period, CancellationToken ct)
    {
        var previous = period.Previous();
        var days = SalesOrderAccess.IsAllOrders(visible)
            ? await db.SalesDaySums.Where(d => d.Day >= previous.From && d.Day <= period.To)
                .Select(d => new { d.Day, d.Orders, Cents = d.AmountCents })
                .ToListAsync(ct)
            : await Sold(visible, previous.From, period.To)
                .GroupBy(o => o.OrderDate)
                .Select(g => new { Day = g.Key, Orders = g.Count(), Cents = g.Sum(o => (long)Math.Round((double)o.Total * 100)) })
                .ToListAsync(ct);
        static (int, decimal) Add((int Orders, decimal Amount) a, (int Orders, decimal Amount) b) => (a.Orders + b.Orders, a.Amount + b.Amount);
        var figures = days.Select(d => (d.Day, (d.Orders, ExactSums.Money(d.Cents)))).ToList();
        var current = period.Fold(figures, Add, (0, 0m));
        var before = previous.Fold(figures, Add, (0, 0m));
        var buckets = current.Select((b, i) => new SalesBucket(b.Bucket.Start, b.Bucket.End, period.Label(b.Bucket), b.Value.Item1, b.Value.Item2,
            i < before.Count ? before[i].Value.Item1 : null, i < before.Count ? before[i].Value.Item2 : null)).ToList();
        return new SalesByPeriod(period.From, period.To, period.SeriesUnit.ToString().ToLowerInvariant(), previous.From, previous.To, buckets,
            new SalesTotals(current.Sum(b => b.Value.Item1), current.Sum(b => b.Value.Item2)),
            new SalesTotals(before.Sum(b => b.Value.Item1), before.Sum(b => b.Value.Item2)));
    }

    public Task<Ranking> BySalespersonAsync(IQueryable<SalesOrder> visible, ReportPeriod period, CancellationToken ct) =>
        RankAsync(visible, period, o => o.SalespersonId, db.Users.Select(u => new Named { Id = u.Id, Name = u.DisplayName }), ct);

    public Task<Ranking> ByCustomerAsync(IQueryable<SalesOrder> visible, ReportPeriod period, CancellationToken ct) =>
        RankAsync(visible, period, o => o.CustomerId, db.Companies.Select(c => new Named { Id = c.Id, Name = c.Name }), ct);

    /// <summary>Per product: lines, quantity (thousandths), 金额 and cost (cents).</summary>
    private readonly record struct ProductSums(int Lines, long Thousandths, long Cents, long CostCents)
    {
        public static ProductSums operator +(ProductSums a, ProductSums b) =>
            new(a.Lines + b.Lines, a.Thousandths + b.Thousandths, a.Cents + b.Cents, a.CostCents + b.CostCents);

        public static ProductSums operator -(ProductSums a, ProductSums b) =>
            new(a.Lines - b.Lines, a.Thousandths - b.Thousandths, a.Cents - b.Cents, a.CostCents - b.CostCents);
    }

    /// <summary>
    /// The products' sales in the period. For a user who sees every order the whole months come from
    /// <see cref="SalesMonthSum"/>, and a month the period covers in part from its lines: the covered
    /// days, or, when they are the larger part, the month's sums less the days outside. So at most
    /// about half a month of lines is read at each end, whatever the period's length. A scoped user's
    /// figures are the lines of the orders they may see (README: How sales by product stays fast).
    /// </summary>
    public async Task<ProductRanking> ByProductAsync(IQueryable<SalesOrder> visible, ReportPeriod period, CancellationToken ct)
    {
        var plan = SalesOrderAccess.IsAllOrders(visible) ? ProductPlan.Of(period.From, period.To) : new ProductPlan(null, [(period.From, period.To)], []);
        var sums = new Dictionary<long, ProductSums>();
        if (plan.Months is var (first, last))
        {
            var months = await db.SalesMonthSums.Where(s => s.Month >= first && s.Month <= last)
                .GroupBy(s => s.ProductId)
                .Select(g => new { g.Key, Lines = g.Sum(s => s.Lines), Q = g.Sum(s => s.QuantityThousandths), A = g.Sum(s => s.AmountCents), C = g.Sum(s => s.CostCents) })
                .ToListAsync(ct);
            foreach (var m in months) sums[m.Key] = new ProductSums(m.Lines, m.Q, m.A, m.C);
        }
        foreach (var (product, line) in await LineSumsAsync(visible, plan.Add, ct))
            sums[product] = sums.GetValueOrDefault(product) + line;
        foreach (var (product, line) in await LineSumsAsync(visible, plan.Subtract, ct))
            sums[product] = sums.GetValueOrDefault(product) - line;
        var ids = sums.Where(s => s.Value.Lines > 0).Select(s => s.Key).ToList();
        var names = await db.Products.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct);
        var rows = names
            .Select(n => (n, s: sums[n.Id]))
            .Select(x => (x.n, Quantity: ExactSums.Quantity(x.s.Thousandths), Amount: ExactSums.Money(x.s.Cents), Cost: ExactSums.Money(x.s.CostCents)))
            .OrderByDescending(x => x.Amount).ThenBy(x => x.n.Id)
            .Select((x, i) => new ProductRow(i + 1, x.n.Id, x.n.Code, x.n.Name, x.Quantity, x.Amount, x.Cost, x.Amount - x.Cost,
                x.Amount == 0 ? null : decimal.Round((x.Amount - x.Cost) / x.Amount, 4)))
            .ToList();
        var total = new ProductTotals(rows.Sum(r => r.Quantity), rows.Sum(r => r.Amount), rows.Sum(r => r.Cost), rows.Sum(r => r.Margin));
        return new ProductRanking(period.From, period.To, rows.Count, total, rows);
    }

    /// <summary>The sold lines of the visible orders dated in <paramref name="ranges"/> (at most two),
    /// per product, with the cost of their orders' 出库 moves.</summary>
    private async Task<Dictionary<long, ProductSums>> LineSumsAsync(IQueryable<SalesOrder> visible, IReadOnlyList<(DateOnly From, DateOnly To)> ranges, CancellationToken ct)
    {
        if (ranges.Count == 0) return [];
        var (from1, to1) = ranges[0];
        var (from2, to2) = ranges.Count > 1 ? ranges[1] : ranges[0];
        if (ranges.Count > 2) throw new ArgumentOutOfRangeException(nameof(ranges), ranges.Count, "At most two ranges.");
        var sold = visible.Where(SalesOrder.IsSale)
            .Where(o => (o.OrderDate >= from1 && o.OrderDate <= to1) || (o.OrderDate >= from2 && o.OrderDate <= to2));
        var lines = await (from l in db.Set<SalesOrderLine>()
                           join o in sold on l.OrderId equals o.Id
                           group l by l.ProductId into g
                           select new { ProductId = g.Key, Lines = g.Count(), Thousandths = g.Sum(x => (long)Math.Round((double)x.Quantity * 1000)), Cents = g.Sum(x => (long)Math.Round((double)x.Amount * 100)) })
            .ToListAsync(ct);
        var costs = await (from m in db.StockMoves
                           where m.DocumentType == SalesOrder.DocumentType
                           join o in sold on m.DocumentId equals o.Id
                           group m by m.ProductId into g
                           select new { ProductId = g.Key, Cents = g.Sum(x => (long)Math.Round((double)x.Amount * 100)) })
            .ToDictionaryAsync(c => c.ProductId, c => -c.Cents, ct);
        return lines.ToDictionary(l => l.ProductId, l => new ProductSums(l.Lines, l.Thousandths, l.Cents, costs.GetValueOrDefault(l.ProductId)));
    }

    private sealed record Summed(long Id, string Name, int Orders, decimal Amount);

    private sealed class Named
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
    }

    /// <summary>The sold orders summed per <paramref name="key"/> (salesperson, customer) by the
    /// database, named through <paramref name="names"/>, and ranked.</summary>
    private static async Task<Ranking> RankAsync(IQueryable<SalesOrder> visible, ReportPeriod period, Expression<Func<SalesOrder, long>> key,
        IQueryable<Named> names, CancellationToken ct)
    {
        var sums = Sold(visible, period.From, period.To).GroupBy(key)
            .Select(g => new { Id = g.Key, Orders = g.Count(), Cents = g.Sum(o => (long)Math.Round((double)o.Total * 100)) });
        var rows = (await (from s in sums join n in names on s.Id equals n.Id select new { s.Id, n.Name, s.Orders, s.Cents }).ToListAsync(ct))
            .Select(r => new Summed(r.Id, r.Name, r.Orders, ExactSums.Money(r.Cents))).ToList();
        return Rank(period, rows);
    }

    private static Ranking Rank(ReportPeriod period, List<Summed> rows)
    {
        var total = new SalesTotals(rows.Sum(r => r.Orders), rows.Sum(r => r.Amount));
        var ranked = rows.OrderByDescending(r => r.Amount).ThenBy(r => r.Id)
            .Select((r, i) => new RankRow(i + 1, r.Id, r.Name, r.Orders, r.Amount, Share(r.Amount, total.Amount)))
            .ToList();
        return new Ranking(period.From, period.To, ranked.Count, total, ranked);
    }

    public static decimal Share(decimal part, decimal whole) => whole == 0 ? 0 : decimal.Round(part / whole, 4);
}

/// <summary>How a period's product sales are put together from the month sums: the months read whole
/// (<see cref="Months"/>, first and last month, or none), the day ranges whose lines are added, and
/// those whose lines are taken back out of a month read whole.</summary>
internal sealed record ProductPlan((DateOnly First, DateOnly Last)? Months, IReadOnlyList<(DateOnly From, DateOnly To)> Add, IReadOnlyList<(DateOnly From, DateOnly To)> Subtract)
{
    public static ProductPlan Of(DateOnly from, DateOnly to)
    {
        var add = new List<(DateOnly, DateOnly)>();
        var subtract = new List<(DateOnly, DateOnly)>();
        var first = SalesMonthSum.MonthOf(from);
        var last = SalesMonthSum.MonthOf(to);
        static DateOnly End(DateOnly month) => month.AddMonths(1).AddDays(-1);
        static int Days(DateOnly a, DateOnly b) => b.DayNumber - a.DayNumber + 1;
        // Each end month: read its covered days, or its whole sum less the days outside, whichever reads fewer days.
        void Edge(DateOnly month, DateOnly coveredFrom, DateOnly coveredTo, ref DateOnly sumFirst, ref DateOnly sumLast, bool isFirst)
        {
            var covered = Days(coveredFrom, coveredTo);
            var all = Days(month, End(month));
            if (covered == all) return;
            if (covered <= all - covered)
            {
                add.Add((coveredFrom, coveredTo));
                if (isFirst) sumFirst = month.AddMonths(1);
                else sumLast = month.AddMonths(-1);
                return;
            }
            if (coveredFrom > month) subtract.Add((month, coveredFrom.AddDays(-1)));
            if (coveredTo < End(month)) subtract.Add((coveredTo.AddDays(1), End(month)));
        }
        var sumFirst = first;
        var sumLast = last;
        if (first == last)
        {
            Edge(first, from, to, ref sumFirst, ref sumLast, isFirst: true);
            // Read by its days alone, the one month needs no sum.
            if (sumFirst > first) sumLast = sumFirst.AddMonths(-1);
        }
        else
        {
            Edge(first, from, End(first), ref sumFirst, ref sumLast, isFirst: true);
            Edge(last, last, to, ref sumFirst, ref sumLast, isFirst: false);
        }
        return new ProductPlan(sumFirst <= sumLast ? (sumFirst, sumLast) : null, add, subtract);
    }
}
