using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kehu.Web.Modules.Inventory;

/// <summary>
/// The moves of one kind of one product in one warehouse during one UTC calendar month, summed: how
/// many, and their quantities and amounts as whole thousandths and cents (so sums stay exact on both
/// databases). 进销存 reads these for the months a period covers whole and the ledger only for the
/// part months at its ends (Analytics README). UTC months, not the company's, so a change of
/// <c>Kehu:TimeZone</c> never makes them wrong. Kept by <see cref="InventoryService.PostAsync"/> in the
/// posting's transaction, under the product's lock.
/// </summary>
public sealed class StockMonthSum
{
    public long ProductId { get; private set; }
    public long WarehouseId { get; private set; }
    /// <summary>The month's first instant, UTC.</summary>
    public DateTime Month { get; private set; }
    public StockMoveKind Kind { get; private set; }
    public int Moves { get; private set; }
    public long QuantityThousandths { get; private set; }
    public long AmountCents { get; private set; }

    private StockMonthSum() { }

    public static DateTime MonthOf(DateTime utc) => new(utc.Year, utc.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public static long Thousandths(decimal quantity) => decimal.ToInt64(quantity * 1000m);

    public static long Cents(decimal amount) => decimal.ToInt64(amount * 100m);
}

/// <summary>Adds a posting's moves to their months' sums.</summary>
internal static class StockMonthSums
{
    public static async Task AddAsync(KehuDbContext db, IEnumerable<StockMove> moves, CancellationToken ct)
    {
        foreach (var (productId, warehouseId, month, kind, count, thousandths, cents) in Months(moves))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO stock_month_sums (product_id, warehouse_id, month, kind, moves, quantity_thousandths, amount_cents)
                VALUES ({productId}, {warehouseId}, {month}, {kind.ToString()}, {count}, {thousandths}, {cents})
                ON CONFLICT (product_id, warehouse_id, month, kind) DO UPDATE SET
                    moves = stock_month_sums.moves + excluded.moves,
                    quantity_thousandths = stock_month_sums.quantity_thousandths + excluded.quantity_thousandths,
                    amount_cents = stock_month_sums.amount_cents + excluded.amount_cents
                """, ct);
        }
    }

    /// <summary>The moves per product, warehouse, month and kind: how many, and their quantity and amount.</summary>
    private static IEnumerable<(long ProductId, long WarehouseId, DateTime Month, StockMoveKind Kind, int Count, long Thousandths, long Cents)> Months(IEnumerable<StockMove> moves) =>
        moves.GroupBy(m => (m.ProductId, m.WarehouseId, Month: StockMonthSum.MonthOf(m.At), m.Kind)).Select(g => (g.Key.ProductId, g.Key.WarehouseId, g.Key.Month, g.Key.Kind,
            g.Count(), g.Sum(m => StockMonthSum.Thousandths(m.Quantity)), g.Sum(m => StockMonthSum.Cents(m.Amount))));

    /// <summary>Takes moves being removed (an undone opening-stock import) out of their months' sums;
    /// a month left without moves loses its row, as if it had never had any.</summary>
    public static async Task SubtractAsync(KehuDbContext db, IEnumerable<StockMove> moves, CancellationToken ct)
    {
        foreach (var (productId, warehouseId, month, kind, count, thousandths, cents) in Months(moves))
        {
            var sum = db.StockMonthSums.Where(x => x.ProductId == productId && x.WarehouseId == warehouseId && x.Month == month && x.Kind == kind);
            await sum.ExecuteUpdateAsync(x => x
                .SetProperty(s => s.Moves, s => s.Moves - count)
                .SetProperty(s => s.QuantityThousandths, s => s.QuantityThousandths - thousandths)
                .SetProperty(s => s.AmountCents, s => s.AmountCents - cents), ct);
            await sum.Where(s => s.Moves == 0).ExecuteDeleteAsync(ct);
        }
    }
}

/// <summary>
/// Builds the month sums from the whole ledger, once, where there are moves but no sums yet: after the
/// migration that added them, or after a bulk load that wrote moves directly (the benchmark's).
/// One <c>INSERT … SELECT … GROUP BY</c>; the per-move rounding to thousandths and cents is exact
/// because quantities have three decimals and amounts two.
/// </summary>
public sealed class StockMonthSumsBackfill(DatabaseInfo database) : IDataBackfill
{
    public string Name => "stock month sums";

    public async Task<int> RunAsync(KehuDbContext db, IProgress<int> progress, CancellationToken ct)
    {
        if (await db.StockMonthSums.AnyAsync(ct) || !await db.StockMoves.AnyAsync(ct)) return 0;
        var month = database.Provider == DatabaseProvider.Postgres
            ? "date_trunc('month', at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'"
            : "substr(at, 1, 7) || '-01 00:00:00'";
        var quantity = database.Provider == DatabaseProvider.Postgres ? "round(quantity * 1000)::bigint" : "CAST(round(CAST(quantity AS REAL) * 1000) AS INTEGER)";
        var amount = database.Provider == DatabaseProvider.Postgres ? "round(amount * 100)::bigint" : "CAST(round(CAST(amount AS REAL) * 100) AS INTEGER)";
        // Only fragments chosen above go into the text; nothing from outside.
#pragma warning disable EF1002
        var rows = await db.Database.ExecuteSqlRawAsync($"""
            INSERT INTO stock_month_sums (product_id, warehouse_id, month, kind, moves, quantity_thousandths, amount_cents)
            SELECT product_id, warehouse_id, {month}, kind, count(*), sum({quantity}), sum({amount})
            FROM stock_moves
            GROUP BY product_id, warehouse_id, {month}, kind
            """, ct);
#pragma warning restore EF1002
        progress.Report(rows);
        return rows;
    }
}

internal sealed class StockMonthSumConfiguration : IEntityTypeConfiguration<StockMonthSum>
{
    public void Configure(EntityTypeBuilder<StockMonthSum> b)
    {
        b.HasKey(e => new { e.ProductId, e.WarehouseId, e.Month, e.Kind });
        b.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(e => new { e.Month, e.ProductId });
        b.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Warehouse>().WithMany().HasForeignKey(e => e.WarehouseId).OnDelete(DeleteBehavior.Restrict);
    }
}
