using System.Net;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Analytics;

/// <summary>
/// 进销存 against the raw ledger: moves are posted through the real <see cref="InventoryService"/> at
/// chosen instants around March 2024 in Asia/Shanghai (one second before local midnight, at it, and on
/// the last evening), and every figure is worked out here from the moves read back.
/// </summary>
public abstract class StockReportTests(KehuApp app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateOnly From = new(2024, 3, 1), To = new(2024, 3, 31);

    private async Task PostAtAsync(DateTime utc, StockMoveKind kind, long product, long warehouse, decimal quantity, decimal? cost = null)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KehuDbContext>();
        var inventory = ActivatorUtilities.CreateInstance<InventoryService>(scope.ServiceProvider, new FakeTimeProvider(new DateTimeOffset(utc, TimeSpan.Zero)));
        var posted = await db.InTransactionAsync(ct => inventory.PostAsync(new StockPosting("test-" + kind.ToString().ToLowerInvariant(), NextDocumentId(), null, kind,
            [new StockLine(1, product, warehouse, quantity, cost)], null), ct), CancellationToken.None);
        posted.IsSuccess.ShouldBeTrue(posted.Error?.Message);
    }

    private async Task<(long P1, long P2, long W1, long W2)> MakeMovesAsync()
    {
        var p1 = (await CreateProductAsync(app))["id"]!.GetValue<long>();
        var p2 = (await CreateProductAsync(app))["id"]!.GetValue<long>();
        var w1 = await DefaultWarehouseAsync(app);
        var w2 = await OtherWarehouseAsync(app);
        await PostAtAsync(new DateTime(2024, 1, 10, 2, 0, 0), StockMoveKind.Opening, p1, w1, 10, 5m);
        await PostAtAsync(new DateTime(2024, 2, 29, 15, 59, 59), StockMoveKind.Receipt, p1, w1, 5, 6m);
        await PostAtAsync(new DateTime(2024, 2, 29, 16, 0, 0), StockMoveKind.Receipt, p1, w1, 7, 6.5m);
        await PostAtAsync(new DateTime(2024, 3, 15, 6, 0, 0), StockMoveKind.Issue, p1, w1, 4);
        await PostAtAsync(new DateTime(2024, 3, 20, 6, 0, 0), StockMoveKind.Adjustment, p1, w1, -1);
        await PostAtAsync(new DateTime(2024, 3, 21, 6, 0, 0), StockMoveKind.Receipt, p1, w2, 3, 7m);
        await PostAtAsync(new DateTime(2024, 3, 31, 15, 59, 59), StockMoveKind.Opening, p2, w2, 3, 2.5m);
        await PostAtAsync(new DateTime(2024, 3, 31, 16, 0, 0), StockMoveKind.Receipt, p2, w2, 2, 3m);
        await PostAtAsync(new DateTime(2024, 4, 5, 6, 0, 0), StockMoveKind.Issue, p2, w2, 1);
        return (p1, p2, w1, w2);
    }

    private static DateOnly LocalDay(DateTime utc) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Shanghai));

    private sealed record Expected(decimal OpeningQ, decimal OpeningA, decimal InQ, decimal InA, decimal OutQ, decimal OutA, decimal AdjQ, decimal AdjA, decimal EntryQ, decimal EntryA, decimal ClosingQ, decimal ClosingA);

    private static Expected Compute(IEnumerable<StockMove> moves, DateOnly from, DateOnly to)
    {
        var upTo = moves.Where(m => LocalDay(m.At) <= to).ToList();
        var before = upTo.Where(m => LocalDay(m.At) < from).ToList();
        var inside = upTo.Where(m => LocalDay(m.At) >= from).ToList();
        decimal Q(StockMoveKind k) => inside.Where(m => m.Kind == k).Sum(m => m.Quantity);
        decimal A(StockMoveKind k) => inside.Where(m => m.Kind == k).Sum(m => m.Amount);
        return new Expected(before.Sum(m => m.Quantity), before.Sum(m => m.Amount),
            Q(StockMoveKind.Receipt), A(StockMoveKind.Receipt), -Q(StockMoveKind.Issue), -A(StockMoveKind.Issue),
            Q(StockMoveKind.Adjustment), A(StockMoveKind.Adjustment), Q(StockMoveKind.Opening), A(StockMoveKind.Opening),
            upTo.Sum(m => m.Quantity), upTo.Sum(m => m.Amount));
    }

    private static decimal D(JsonNode? n) => n!.GetValue<decimal>();

    private static Expected Read(JsonNode row) => new(
        D(row["openingQuantity"]), D(row["openingAmount"]), D(row["inQuantity"]), D(row["inAmount"]), D(row["outQuantity"]), D(row["outAmount"]),
        D(row["adjustmentQuantity"]), D(row["adjustmentAmount"]), D(row["openingEntryQuantity"]), D(row["openingEntryAmount"]),
        D(row["closingQuantity"]), D(row["closingAmount"]));

    private static async Task<JsonObject> GetAsync(HttpClient api, string url)
    {
        using var response = await api.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    [Fact]
    public async Task Rows_MatchTheLedger_WithMovesAtLocalMidnightOnTheRightSide()
    {
        var (p1, p2, _, _) = await MakeMovesAsync();
        using var keeper = await app.ApiAsAsync("xiaozhou");

        var report = await GetAsync(keeper, "/api/v1/reports/inventory?from=2024-03-01&to=2024-03-31");

        var moves = await app.WithDbAsync(db => db.StockMoves.AsNoTracking().ToListAsync());
        var rows = report["rows"]!.AsArray().ToDictionary(r => r!["productId"]!.GetValue<long>(), r => r!);
        var one = Compute(moves.Where(m => m.ProductId == p1), From, To);
        Read(rows[p1]).ShouldBe(one);
        one.OpeningQ.ShouldBe(15m, "the receipt one second before local midnight is opening stock");
        one.InQ.ShouldBe(10m, "the receipt at local midnight and the one into the other warehouse are in the period");
        var two = Compute(moves.Where(m => m.ProductId == p2), From, To);
        Read(rows[p2]).ShouldBe(two);
        two.EntryQ.ShouldBe(3m, "entered on the period's last evening");
        two.InQ.ShouldBe(0m, "the receipt at the next local midnight is after the period");

        var all = Compute(moves, From, To);
        Read(report["total"]!).ShouldBe(all);
        foreach (var row in report["rows"]!.AsArray())
        {
            var r = Read(row!);
            r.ClosingQ.ShouldBe(r.OpeningQ + r.InQ - r.OutQ + r.AdjQ + r.EntryQ);
            r.ClosingA.ShouldBe(r.OpeningA + r.InA - r.OutA + r.AdjA + r.EntryA);
        }
    }

    [Fact]
    public async Task ClosingStock_OfAPeriodEndingToday_EqualsOnHand_ForEveryProductAndWarehouse()
    {
        var (_, _, _, w2) = await MakeMovesAsync();
        using var admin = await app.ApiAsAsync("admin");
        var today = LocalDay(DateTime.UtcNow);

        var report = await GetAsync(admin, $"/api/v1/reports/inventory?from=2024-01-01&to={today:yyyy-MM-dd}");
        var second = await GetAsync(admin, $"/api/v1/reports/inventory?from=2024-01-01&to={today:yyyy-MM-dd}&warehouseId={w2}");

        var balances = await app.WithDbAsync(db => db.StockBalances.AsNoTracking().ToListAsync());
        var onHand = balances.GroupBy(b => b.ProductId).ToDictionary(g => g.Key, g => g.Sum(b => b.Quantity));
        var rows = report["rows"]!.AsArray();
        rows.Select(r => r!["productId"]!.GetValue<long>()).ToHashSet().IsSupersetOf(onHand.Where(x => x.Value != 0).Select(x => x.Key))
            .ShouldBeTrue("every product with stock on hand has a row");
        foreach (var row in rows) D(row!["closingQuantity"]).ShouldBe(onHand.GetValueOrDefault(row["productId"]!.GetValue<long>()));
        D(report["total"]!["closingQuantity"]).ShouldBe(balances.Sum(b => b.Quantity));
        foreach (var row in second["rows"]!.AsArray())
            D(row!["closingQuantity"]).ShouldBe(balances.Where(b => b.WarehouseId == w2 && b.ProductId == row["productId"]!.GetValue<long>()).Sum(b => b.Quantity));
        D(second["total"]!["closingQuantity"]).ShouldBe(balances.Where(b => b.WarehouseId == w2).Sum(b => b.Quantity));
    }

    [Theory]
    [InlineData("2024-02-15", "2024-04-10", null)]
    [InlineData("2024-01-01", "2024-12-31", null)]
    [InlineData("2024-03-10", "2024-03-20", null)]
    [InlineData("2024-02-29", "2024-03-31", "w1")]
    [InlineData("2023-12-01", "2024-04-30", "w2")]
    public async Task Rows_MatchTheLedger_ForPeriodsCoveringWholeAndPartMonths(string from, string to, string? warehouse)
    {
        var (p1, p2, w1, w2) = await MakeMovesAsync();
        long? warehouseId = warehouse switch { "w1" => w1, "w2" => w2, _ => null };
        using var keeper = await app.ApiAsAsync("xiaozhou");

        var report = await GetAsync(keeper, $"/api/v1/reports/inventory?from={from}&to={to}" + (warehouseId is { } w ? $"&warehouseId={w}" : ""));

        var moves = await app.WithDbAsync(db => db.StockMoves.AsNoTracking().Where(m => warehouseId == null || m.WarehouseId == warehouseId).ToListAsync());
        var rows = report["rows"]!.AsArray().ToDictionary(r => r!["productId"]!.GetValue<long>(), r => r!);
        foreach (var product in new[] { p1, p2 })
        {
            var expected = Compute(moves.Where(m => m.ProductId == product), DateOnly.Parse(from), DateOnly.Parse(to));
            if (expected == new Expected(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) && !moves.Any(m => m.ProductId == product && LocalDay(m.At) >= DateOnly.Parse(from) && LocalDay(m.At) <= DateOnly.Parse(to)))
                rows.ShouldNotContainKey(product, "a product without stock or moves in the period has no row");
            else
                Read(rows[product]).ShouldBe(expected);
        }
        Read(report["total"]!).ShouldBe(Compute(moves, DateOnly.Parse(from), DateOnly.Parse(to)));
    }

    [Fact]
    public async Task MonthSums_EqualTheLedgerGroupedByUtcMonth_AndTheBackfillRebuildsThem()
    {
        await MakeMovesAsync();
        static IEnumerable<string> FromLedger(IEnumerable<StockMove> moves) => moves
            .GroupBy(m => (m.ProductId, m.WarehouseId, Month: new DateTime(m.At.Year, m.At.Month, 1), m.Kind))
            .Select(g => $"{g.Key.ProductId}/{g.Key.WarehouseId}/{g.Key.Month:yyyy-MM}/{g.Key.Kind}: {g.Count()} {g.Sum(m => m.Quantity) * 1000:0} {g.Sum(m => m.Amount) * 100:0}")
            .Order(StringComparer.Ordinal);
        static IEnumerable<string> Kept(IEnumerable<StockMonthSum> sums) => sums
            .Select(s => $"{s.ProductId}/{s.WarehouseId}/{s.Month:yyyy-MM}/{s.Kind}: {s.Moves} {s.QuantityThousandths} {s.AmountCents}")
            .Order(StringComparer.Ordinal);

        var ledger = FromLedger(await app.WithDbAsync(db => db.StockMoves.AsNoTracking().ToListAsync())).ToList();
        Kept(await app.WithDbAsync(db => db.StockMonthSums.AsNoTracking().ToListAsync())).ShouldBe(ledger, "kept by the postings");

        await app.WithDbAsync(db => db.StockMonthSums.ExecuteDeleteAsync());
        var filled = await app.WithDbAsync(db => new StockMonthSumsBackfill(app.Services.GetRequiredService<DatabaseInfo>()).RunAsync(db, new Progress<int>(), CancellationToken.None));

        filled.ShouldBe(ledger.Count);
        Kept(await app.WithDbAsync(db => db.StockMonthSums.AsNoTracking().ToListAsync())).ShouldBe(ledger, "rebuilt from the ledger");
        (await app.WithDbAsync(db => new StockMonthSumsBackfill(app.Services.GetRequiredService<DatabaseInfo>()).RunAsync(db, new Progress<int>(), CancellationToken.None)))
            .ShouldBe(0, "nothing left to fill");
    }

    [Fact]
    public async Task Salesperson_IsRefused_OnTheApiAndThePage()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        using var api = await lin.GetAsync("/api/v1/reports/inventory?from=2024-03-01&to=2024-03-31");
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var browser = await app.BrowserAsAsync("xiaolin");
        using var page = await browser.Http.GetAsync("/analytics/inventory");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/account/denied");
    }

    [Fact]
    public async Task PageAndExport_ShowTheSameFiguresAsTheApi()
    {
        var (p1, _, _, _) = await MakeMovesAsync();
        using var browser = await app.BrowserAsAsync("xiaozhou");
        using var api = await app.ApiAsAsync("xiaozhou");
        var report = await GetAsync(api, "/api/v1/reports/inventory?from=2024-03-01&to=2024-03-31");

        var doc = await browser.GetDocumentAsync("/analytics/inventory?period=month&date=2024-03-05");
        using var response = await browser.Http.GetAsync("/analytics/inventory?handler=Export&period=custom&from=2024-03-01&to=2024-03-31");

        doc.QuerySelector("#p-warehouse").ShouldNotBeNull();
        doc.QuerySelector("#figure-closing")!.TextContent.ShouldBe(D(report["total"]!["closingAmount"]).ToString("N2"));
        doc.QuerySelectorAll("#table-inventory tbody tr").Length.ShouldBe(report["rows"]!.AsArray().Count);
        var code = report["rows"]!.AsArray().Single(r => r!["productId"]!.GetValue<long>() == p1)!["code"]!.GetValue<string>();
        doc.QuerySelector($"#table-inventory a[href^='/inventory/moves?productId={p1}&from=2024-03-01&to=2024-03-31'][href$='kind=Receipt']").ShouldNotBeNull();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var sheet = MiniExcel.Query(file, useHeaderRow: true, sheetName: "进销存").Cast<IDictionary<string, object?>>().ToList();
        var line = sheet.Single(r => Equals(r["商品编号"], code));
        Convert.ToDecimal(line["期末金额"]).ShouldBe(D(report["rows"]!.AsArray().Single(r => r!["productId"]!.GetValue<long>() == p1)!["closingAmount"]));
        Convert.ToDecimal(sheet[^1]["期末数量"]).ShouldBe(D(report["total"]!["closingQuantity"]));
    }
}

public sealed class StockReportTestsOnSqlite(SqliteApp app) : StockReportTests(app), IClassFixture<SqliteApp>;

public sealed class StockReportTestsOnPostgres(PostgresApp app) : StockReportTests(app), IClassFixture<PostgresApp>;
