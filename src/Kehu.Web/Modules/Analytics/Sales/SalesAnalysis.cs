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

    public async Task<SalesByPeriod> ByPeriodAsync(IQueryable<SalesOrder> visible, ReportPeriod period, CancellationToken ct)
    {
        var previous = period.Previous();
        var days = await Sold(visible, previous.From, period.To)
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

    public async Task<ProductRanking> ByProductAsync(IQueryable<SalesOrder> visible, ReportPeriod period, CancellationToken ct)
    {
        var sold = Sold(visible, period.From, period.To);
        var lines = from l in db.Set<SalesOrderLine>()
                    join o in sold on l.OrderId equals o.Id
                    group l by l.ProductId into g
                    select new { ProductId = g.Key, Thousandths = g.Sum(x => (long)Math.Round((double)x.Quantity * 1000)), Cents = g.Sum(x => (long)Math.Round((double)x.Amount * 100)) };
        var named = (await (from s in lines join p in db.Products on s.ProductId equals p.Id select new { s.ProductId, p.Code, p.Name, s.Thousandths, s.Cents }).ToListAsync(ct))
            .Select(n => new { n.ProductId, n.Code, n.Name, Quantity = ExactSums.Quantity(n.Thousandths), Amount = ExactSums.Money(n.Cents) }).ToList();
        var costs = await (from m in db.StockMoves
                           where m.DocumentType == SalesOrder.DocumentType
                           join o in sold on m.DocumentId equals o.Id
                           group m by m.ProductId into g
                           select new { ProductId = g.Key, Cents = g.Sum(x => (long)Math.Round((double)x.Amount * 100)) })
            .ToDictionaryAsync(c => c.ProductId, c => -ExactSums.Money(c.Cents), ct);
        var rows = named
            .Select(n => (n, Cost: costs.GetValueOrDefault(n.ProductId)))
            .OrderByDescending(x => x.n.Amount).ThenBy(x => x.n.ProductId)
            .Select((x, i) => new ProductRow(i + 1, x.n.ProductId, x.n.Code, x.n.Name, x.n.Quantity, x.n.Amount, x.Cost, x.n.Amount - x.Cost,
                x.n.Amount == 0 ? null : decimal.Round((x.n.Amount - x.Cost) / x.n.Amount, 4)))
            .ToList();
        var total = new ProductTotals(rows.Sum(r => r.Quantity), rows.Sum(r => r.Amount), rows.Sum(r => r.Cost), rows.Sum(r => r.Margin));
        return new ProductRanking(period.From, period.To, rows.Count, total, rows);
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
