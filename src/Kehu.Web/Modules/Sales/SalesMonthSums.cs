using System.Runtime.CompilerServices;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kehu.Web.Modules.Sales;

/// <summary>
/// The lines of the orders that count as sales (<see cref="SalesOrder.IsSale"/>), per product and
/// calendar month of the order's 日期, summed: how many lines, their quantity and 金额 as whole
/// thousandths and cents, and the cost of the orders' 出库 moves of that product in cents. 销售分析's
/// product ranking reads these for the months a period covers and the lines only at its ends
/// (Analytics README). Kept by <see cref="SalesMonthSumsInterceptor"/> whenever an order starts or
/// stops counting, in the same transaction as the order's save.
/// </summary>
public sealed class SalesMonthSum
{
    /// <summary>The month's first day (order dates are the company's days already).</summary>
    public DateOnly Month { get; private set; }
    public long ProductId { get; private set; }
    public int Lines { get; private set; }
    public long QuantityThousandths { get; private set; }
    public long AmountCents { get; private set; }
    /// <summary>What the 出库 moves of these orders' product cost, positive.</summary>
    public long CostCents { get; private set; }

    private SalesMonthSum() { }

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);
}

/// <summary>
/// The orders that count as sales per 日期: how many, and their totals in cents (each order's total
/// to the cent, as 销售分析 sums them). 销售分析's series reads these for a user who sees every
/// order (Analytics README). Kept with <see cref="SalesMonthSum"/>, by the same interceptor.
/// </summary>
public sealed class SalesDaySum
{
    public DateOnly Day { get; private set; }
    public int Orders { get; private set; }
    public long AmountCents { get; private set; }

    private SalesDaySum() { }
}

/// <summary>The SQL that adds one order's lines and cost to its month's sums, or builds them all.</summary>
internal static class SalesMonthSumsSql
{
    private static bool Postgres(DatabaseFacade database) => database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;

    private static string Thousandths(bool pg, string column) => pg ? $"round({column} * 1000)::bigint" : $"CAST(round(CAST({column} AS REAL) * 1000) AS INTEGER)";

    private static string Cents(bool pg, string column) => pg ? $"round({column} * 100)::bigint" : $"CAST(round(CAST({column} AS REAL) * 100) AS INTEGER)";

    private const string Upsert = """
        ON CONFLICT (month, product_id) DO UPDATE SET
            lines = sales_month_sums.lines + excluded.lines,
            quantity_thousandths = sales_month_sums.quantity_thousandths + excluded.quantity_thousandths,
            amount_cents = sales_month_sums.amount_cents + excluded.amount_cents,
            cost_cents = sales_month_sums.cost_cents + excluded.cost_cents
        """;

    /// <summary>The month (of the order's 日期) of the orders <c>o</c>.</summary>
    private static string Month(bool pg) => pg ? "date_trunc('month', o.order_date)::date" : "substr(o.order_date, 1, 8) || '01'";

    /// <summary>Per month and product, the lines and the 出库 cost of the orders <paramref name="orders"/>
    /// selects (a condition on <c>o</c>), times <paramref name="sign"/>: the one definition of what a
    /// month sum holds, for building all of them and for adding or taking out one order.</summary>
    private static string Sums(bool pg, string orders, string sign) => $"""
        INSERT INTO sales_month_sums (month, product_id, lines, quantity_thousandths, amount_cents, cost_cents)
        SELECT month, product_id, {sign} * sum(lines), {sign} * sum(q), {sign} * sum(a), {sign} * sum(c) FROM (
            SELECT {Month(pg)} AS month, l.product_id, 1 AS lines, {Thousandths(pg, "l.quantity")} AS q, {Cents(pg, "l.amount")} AS a, 0 AS c
            FROM sales_order_lines l JOIN sales_orders o ON o.id = l.order_id
            WHERE {orders}
            UNION ALL
            SELECT {Month(pg)}, m.product_id, 0, 0, 0, -{Cents(pg, "m.amount")}
            FROM stock_moves m JOIN sales_orders o ON o.id = m.document_id
            WHERE m.document_type = '{SalesOrder.DocumentType}' AND {orders}
        ) x GROUP BY month, product_id
        """;

    /// <summary>Per 日期, the orders <paramref name="orders"/> selects and their totals in cents, times
    /// <paramref name="sign"/>: the one definition of a day sum, for building and for one order.</summary>
    private static string DaySums(bool pg, string orders, string sign) => $"""
        INSERT INTO sales_day_sums (day, orders, amount_cents)
        SELECT o.order_date, {sign} * count(*), {sign} * sum({Cents(pg, "o.total")})
        FROM sales_orders o
        WHERE {orders}
        GROUP BY o.order_date
        """;

    private const string DayUpsert = """
        ON CONFLICT (day) DO UPDATE SET
            orders = sales_day_sums.orders + excluded.orders,
            amount_cents = sales_day_sums.amount_cents + excluded.amount_cents
        """;

    /// <summary>Adds (<paramref name="sign"/> 1) or takes out (−1) the order's lines and its 出库 moves,
    /// as they are in the database now, in the month of its 日期 there, and the order and its total on
    /// that day; a month and product left without lines, or a day without orders, loses its row.</summary>
    public static async Task ApplyAsync(DatabaseFacade database, long orderId, int sign, CancellationToken ct)
    {
        var pg = Postgres(database);
        // Only fragments chosen here go into the text; the values are parameters.
        var sql = Sums(pg, "o.id = {0}", "{1}") + "\n" + Upsert;
        var daySql = DaySums(pg, "o.id = {0}", "{1}") + "\n" + DayUpsert;
#pragma warning disable EF1002
        await database.ExecuteSqlRawAsync(sql, [orderId, sign], ct);
        await database.ExecuteSqlRawAsync(daySql, [orderId, sign], ct);
        if (sign < 0)
        {
            await database.ExecuteSqlRawAsync(
                $"DELETE FROM sales_month_sums WHERE lines = 0 AND month = (SELECT {Month(pg)} FROM sales_orders o WHERE o.id = {{0}})", [orderId], ct);
            await database.ExecuteSqlRawAsync(
                "DELETE FROM sales_day_sums WHERE orders = 0 AND day = (SELECT o.order_date FROM sales_orders o WHERE o.id = {0})", [orderId], ct);
        }
#pragma warning restore EF1002
    }

    /// <summary>Every sold order's lines and moves, grouped per month and product.</summary>
    public static async Task<int> BuildAsync(DatabaseFacade database, CancellationToken ct)
    {
#pragma warning disable EF1002
        return await database.ExecuteSqlRawAsync(
            Sums(Postgres(database), Sold, "1"), ct);
#pragma warning restore EF1002
    }

    /// <summary>Every sold order, counted and summed per 日期.</summary>
    public static async Task<int> BuildDaysAsync(DatabaseFacade database, CancellationToken ct)
    {
#pragma warning disable EF1002
        return await database.ExecuteSqlRawAsync(DaySums(Postgres(database), Sold, "1"), ct);
#pragma warning restore EF1002
    }

    private static readonly string Sold = $"o.state IN ({(int)SalesOrderState.Approved}, {(int)SalesOrderState.Collected})";
}

/// <summary>
/// Keeps <see cref="SalesMonthSum"/> right whatever saves a 销售单: an order that starts counting as
/// a sale (approved: 待审核 → 待收款, or added already counting) is added after the save, when its
/// lines and its 出库 moves are in the database; one that stops counting (deleted or moved out of
/// 待收款/已收款; the workflow has no such step today) is taken out before, while its lines are still
/// there. 待收款 → 已收款 keeps counting and changes nothing. When the caller has no transaction, the
/// save and the sums get one of their own, so they commit together.
/// </summary>
public sealed class SalesMonthSumsInterceptor : SaveChangesInterceptor
{
    public static readonly SalesMonthSumsInterceptor Instance = new();

    private sealed record Pending(List<SalesOrder> Starting, IDbContextTransaction? Own);

    private readonly ConditionalWeakTable<DbContext, Pending> pending = new();

    private static bool Counts(SalesOrderState state) => state is SalesOrderState.Approved or SalesOrderState.Collected;

    private static (List<SalesOrder> Starting, List<long> Stopping) Changes(DbContext db)
    {
        var starting = new List<SalesOrder>();
        var stopping = new List<long>();
        foreach (var e in db.ChangeTracker.Entries<SalesOrder>())
        {
            if (e.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var state = e.Property(o => o.State);
            var date = e.Property(o => o.OrderDate);
            var before = e.State != EntityState.Added && Counts(state.OriginalValue);
            var after = e.State != EntityState.Deleted && Counts(state.CurrentValue);
            // A counting order's date never changes (only drafts are edited), but if it did, it would move months.
            var moved = before && after && date.OriginalValue != date.CurrentValue;
            if (before && (!after || moved)) stopping.Add(e.Entity.Id);
            if (after && (!before || moved)) starting.Add(e.Entity);
        }
        return (starting, stopping);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && Changes(db) is { } c && (c.Starting.Count > 0 || c.Stopping.Count > 0))
            throw new InvalidOperationException("A sales order that starts or stops counting as a sale is saved with SaveChangesAsync.");
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } db) return result;
        var (starting, stopping) = Changes(db);
        if (starting.Count == 0 && stopping.Count == 0) return result;
        var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            foreach (var id in stopping) await SalesMonthSumsSql.ApplyAsync(db.Database, id, -1, cancellationToken);
        }
        catch
        {
            if (own is not null) await own.DisposeAsync();
            throw;
        }
        pending.AddOrUpdate(db, new Pending(starting, own));
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } db || !pending.TryGetValue(db, out var p)) return result;
        pending.Remove(db);
        try
        {
            foreach (var order in p.Starting)
                await SalesMonthSumsSql.ApplyAsync(db.Database, order.Id, 1, cancellationToken);
            if (p.Own is not null) await p.Own.CommitAsync(cancellationToken);
        }
        finally
        {
            if (p.Own is not null) await p.Own.DisposeAsync();
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await ForgetAsync(eventData.Context);

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await ForgetAsync(eventData.Context);

    private async Task ForgetAsync(DbContext? db)
    {
        if (db is null || !pending.TryGetValue(db, out var p)) return;
        pending.Remove(db);
        // Disposing an uncommitted transaction rolls it back, the sums taken out before the save with it.
        if (p.Own is not null) await p.Own.DisposeAsync();
    }
}

/// <summary>Builds the sales month sums once, where there are sales but no sums yet: after the
/// migration that added them, or after a bulk load that wrote orders directly (the benchmark's).</summary>
public sealed class SalesMonthSumsBackfill : IDataBackfill
{
    public string Name => "sales month sums";

    public async Task<int> RunAsync(KehuDbContext db, IProgress<int> progress, CancellationToken ct)
    {
        if (await db.SalesMonthSums.AnyAsync(ct) || !await db.SalesOrders.AnyAsync(SalesOrder.IsSale, ct)) return 0;
        var rows = await SalesMonthSumsSql.BuildAsync(db.Database, ct);
        progress.Report(rows);
        return rows;
    }
}

/// <summary>Builds the sales day sums once, where there are sales but no day sums yet (after the
/// migration that added them, or a bulk load), as <see cref="SalesMonthSumsBackfill"/> does the month sums.</summary>
public sealed class SalesDaySumsBackfill : IDataBackfill
{
    public string Name => "sales day sums";

    public async Task<int> RunAsync(KehuDbContext db, IProgress<int> progress, CancellationToken ct)
    {
        if (await db.SalesDaySums.AnyAsync(ct) || !await db.SalesOrders.AnyAsync(SalesOrder.IsSale, ct)) return 0;
        var rows = await SalesMonthSumsSql.BuildDaysAsync(db.Database, ct);
        progress.Report(rows);
        return rows;
    }
}

internal sealed class SalesDaySumConfiguration : IEntityTypeConfiguration<SalesDaySum>
{
    public void Configure(EntityTypeBuilder<SalesDaySum> b) => b.HasKey(e => e.Day);
}

internal sealed class SalesMonthSumConfiguration : IEntityTypeConfiguration<SalesMonthSum>
{
    public void Configure(EntityTypeBuilder<SalesMonthSum> b)
    {
        b.HasKey(e => new { e.Month, e.ProductId });
        b.HasOne<Product>().WithMany().HasForeignKey(e => e.ProductId).OnDelete(DeleteBehavior.Restrict);
    }
}
