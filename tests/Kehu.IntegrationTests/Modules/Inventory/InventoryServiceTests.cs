using System.Net.Http.Json;
using CsCheck;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Inventory;

/// <summary>The stock ledger's guarantees, through the service purchasing and sales will call.</summary>
public abstract class InventoryServiceTests(KehuApp app)
{
    private async Task<long> NewProductAsync() => (await CreateProductAsync(app))["id"]!.GetValue<long>();

    [Fact]
    public async Task TheSamePostingSentTwice_MovesStockOnce()
    {
        var product = await NewProductAsync();
        var warehouse = await DefaultWarehouseAsync(app);
        var document = NextDocumentId();
        var posting = new StockPosting("purchase-order", document, "PO-TEST", StockMoveKind.Receipt,
            [new StockLine(1, product, warehouse, 5, 10m), new StockLine(2, product, warehouse, 3, 12m)], null);

        var first = await PostAsync(app, posting);
        var second = await PostAsync(app, posting);

        first.Value.Posted.Count.ShouldBe(2);
        second.IsSuccess.ShouldBeTrue();
        second.Value.Posted.ShouldBeEmpty();
        second.Value.AlreadyPosted.ShouldBe(2);
        (await OnHandAsync(app, product, warehouse)).ShouldBe(8);
        (await app.WithDbAsync(db => db.StockMoves.CountAsync(m => m.DocumentType == "purchase-order" && m.DocumentId == document))).ShouldBe(2);
    }

    [Fact]
    public async Task TheSamePostingSentTwiceAtOnce_MovesStockOnce()
    {
        var product = await NewProductAsync();
        var warehouse = await DefaultWarehouseAsync(app);
        var posting = new StockPosting("purchase-order", NextDocumentId(), null, StockMoveKind.Receipt, [new StockLine(1, product, warehouse, 7, 1m)], null);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PostAsync(app, posting))));

        results.ShouldAllBe(r => r.IsSuccess);
        results.Sum(r => r.Value.Posted.Count).ShouldBe(1);
        (await OnHandAsync(app, product, warehouse)).ShouldBe(7);
    }

    [Fact]
    public async Task HundredOnHand_ThreeHundredConcurrentTakesOfOne_ExactlyHundredSucceed()
    {
        var product = await CreateProductAsync(app);
        var productId = product["id"]!.GetValue<long>();
        var warehouse = await DefaultWarehouseAsync(app);
        (await PostAsync(app, StockMoveKind.Receipt, productId, warehouse, 100, 2.5m)).IsSuccess.ShouldBeTrue();
        var warehouseName = await app.WithDbAsync(db => db.Warehouses.Where(w => w.Id == warehouse).Select(w => w.Name).SingleAsync());

        var results = await Task.WhenAll(Enumerable.Range(0, 300).Select(_ => Task.Run(() =>
            PostAsync(app, StockMoveKind.Issue, productId, warehouse, 1))));

        results.Count(r => r.IsSuccess).ShouldBe(100);
        var refusals = results.Where(r => !r.IsSuccess).Select(r => r.Error!).ToList();
        refusals.Count.ShouldBe(200);
        refusals.ShouldAllBe(e => e.Kind == ErrorKind.Conflict
            && e.Message == $"商品“{product["name"]}”（{product["code"]}）库存不足：{warehouseName}现有 0，需要 1");
        (await OnHandAsync(app, productId, warehouse)).ShouldBe(0);
        (await LedgerSumAsync(app, productId, warehouse)).ShouldBe(0);
        (await app.WithDbAsync(db => db.StockMoves.CountAsync(m => m.ProductId == productId && m.Kind == StockMoveKind.Issue))).ShouldBe(100);
        (await app.WithDbAsync(db => db.StockValuations.SingleAsync(v => v.ProductId == productId))).Quantity.ShouldBe(0);
    }

    [Fact]
    public async Task TakingMoreThanOnHand_IsRefusedNamingProductOnHandAndAsked_AndChangesNothing()
    {
        var product = await CreateProductAsync(app);
        var productId = product["id"]!.GetValue<long>();
        var warehouse = await DefaultWarehouseAsync(app);
        await PostAsync(app, StockMoveKind.Receipt, productId, warehouse, 3, 1m);
        var posting = new StockPosting("sales-order", NextDocumentId(), null, StockMoveKind.Issue,
            [new StockLine(1, productId, warehouse, 2), new StockLine(2, productId, warehouse, 2.5m)], null);

        var result = await PostAsync(app, posting);

        result.Error!.Message.ShouldBe($"商品“{product["name"]}”（{product["code"]}）库存不足：主仓库现有 1，需要 2.5");
        (await OnHandAsync(app, productId, warehouse)).ShouldBe(3);
        (await app.WithDbAsync(db => db.StockMoves.CountAsync(m => m.DocumentId == posting.DocumentId && m.DocumentType == "sales-order"))).ShouldBe(0);
    }

    [Fact]
    public async Task NegativeStock_IsAllowedOnceTheAdministratorAllowsIt()
    {
        var product = await NewProductAsync();
        var warehouse = await DefaultWarehouseAsync(app);
        using var admin = await app.ApiAsAsync("admin");
        (await admin.PutAsJsonAsync("/api/v1/stock-settings", new { allowNegativeStock = true })).EnsureSuccessStatusCode();
        try
        {
            var result = await PostAsync(app, StockMoveKind.Issue, product, warehouse, 4);

            result.IsSuccess.ShouldBeTrue();
            (await OnHandAsync(app, product, warehouse)).ShouldBe(-4);
            (await LedgerSumAsync(app, product, warehouse)).ShouldBe(-4);
        }
        finally
        {
            (await admin.PutAsJsonAsync("/api/v1/stock-settings", new { allowNegativeStock = false })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Adjustments_MoveStockEitherWay_AtTheAverageCost()
    {
        var product = await NewProductAsync();
        var warehouse = await DefaultWarehouseAsync(app);
        await PostAsync(app, StockMoveKind.Receipt, product, warehouse, 10, 4m);

        var down = await PostAsync(app, new StockPosting("stock-adjustment", NextDocumentId(), "PD-1", StockMoveKind.Adjustment, [new StockLine(1, product, warehouse, -3)], null));
        var up = await PostAsync(app, new StockPosting("stock-adjustment", NextDocumentId(), "PD-2", StockMoveKind.Adjustment, [new StockLine(1, product, warehouse, 1.5m)], null));

        down.Value.Posted.Single().Amount.ShouldBe(-12m);
        up.Value.Posted.Single().UnitCost.ShouldBe(4m);
        (await OnHandAsync(app, product, warehouse)).ShouldBe(8.5m);
    }

    /// <summary>A posting, or (<see cref="IsCount"/>) a stock count finding <see cref="Quantity"/>.</summary>
    private sealed record Step(StockMoveKind Kind, int Product, int Warehouse, decimal Quantity, decimal Cost, bool IsCount = false);

    private static readonly Gen<Step> StepGen =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 2], Gen.Int[0, 1], Gen.Int[1, 40], Gen.Bool, Gen.Int[0, 20_000], (kind, product, warehouse, units, half, cents) =>
        {
            var k = kind switch { 0 or 1 => StockMoveKind.Receipt, 2 => StockMoveKind.Issue, _ => StockMoveKind.Adjustment };
            var quantity = units + (half ? 0.5m : 0m);
            if (kind == 4) return new Step(k, product, warehouse, cents % 3 == 0 ? 0 : quantity, 0, IsCount: true);
            if (k == StockMoveKind.Adjustment && cents % 2 == 0) quantity = -quantity;
            return new Step(k, product, warehouse, quantity, cents / 100m);
        });

    [Fact]
    public async Task AfterRandomPostingsAdjustmentsAndCounts_BalancesEqualTheLedger_AndAverageCostMatchesAReferenceCalculation()
    {
        var warehouses = new[] { await DefaultWarehouseAsync(app), await OtherWarehouseAsync(app) };

        await StepGen.Array[1, 25].SampleAsync(async steps =>
        {
            var products = new long[3];
            for (var i = 0; i < products.Length; i++) products[i] = await NewProductAsync();
            // The reference: per product its quantity and average, per warehouse its quantity.
            var quantity = new decimal[3];
            var average = new decimal[3];
            var onHand = new decimal[3, 2];
            foreach (var step in steps)
            {
                if (step.IsCount)
                {
                    (await CountAsync(app, products[step.Product], warehouses[step.Warehouse], step.Quantity)).IsSuccess.ShouldBeTrue();
                }
                else
                {
                    var result = await PostAsync(app, step.Kind, products[step.Product], warehouses[step.Warehouse], step.Quantity,
                        step.Kind == StockMoveKind.Adjustment ? null : step.Cost);
                    var refused = step.Kind == StockMoveKind.Issue && onHand[step.Product, step.Warehouse] - step.Quantity < 0
                        || step.Kind == StockMoveKind.Adjustment && onHand[step.Product, step.Warehouse] + step.Quantity < 0;
                    result.IsSuccess.ShouldBe(!refused, $"{step} with {onHand[step.Product, step.Warehouse]} on hand");
                    if (refused) continue;
                }
                var delta = step.IsCount ? step.Quantity - onHand[step.Product, step.Warehouse]
                    : step.Kind == StockMoveKind.Issue ? -step.Quantity : step.Quantity;
                if (delta > 0)
                {
                    // A count's surplus is valued at the average cost, or at the 进价 (10) before there is one.
                    var cost = step.IsCount ? (average[step.Product] > 0 ? average[step.Product] : 10m)
                        : step.Kind == StockMoveKind.Adjustment ? average[step.Product] : step.Cost;
                    var before = quantity[step.Product];
                    average[step.Product] = before <= 0 || before + delta <= 0
                        ? cost
                        : Math.Round((before * average[step.Product] + delta * cost) / (before + delta), 4, MidpointRounding.AwayFromZero);
                }
                quantity[step.Product] += delta;
                onHand[step.Product, step.Warehouse] += delta;
            }

            for (var p = 0; p < products.Length; p++)
            {
                var productId = products[p];
                var moves = await app.WithDbAsync(db => db.StockMoves.Where(m => m.ProductId == productId).ToListAsync());
                var balances = await app.WithDbAsync(db => db.StockBalances.Where(b => b.ProductId == productId).ToListAsync());
                var valuation = await app.WithDbAsync(db => db.StockValuations.FirstOrDefaultAsync(v => v.ProductId == productId));
                foreach (var b in balances)
                    b.Quantity.ShouldBe(moves.Where(m => m.WarehouseId == b.WarehouseId).Sum(m => m.Quantity));
                for (var w = 0; w < warehouses.Length; w++)
                    (balances.FirstOrDefault(b => b.WarehouseId == warehouses[w])?.Quantity ?? 0).ShouldBe(onHand[p, w]);
                (valuation?.Quantity ?? 0).ShouldBe(moves.Sum(m => m.Quantity));
                (valuation?.AverageCost ?? 0).ShouldBe(average[p]);
                if (moves.Count > 0) moves.MaxBy(m => m.Id)!.AverageCostAfter.ShouldBe(average[p]);
            }
        }, iter: 12, threads: 1);
    }
}

public sealed class InventoryServiceTestsOnSqlite(SqliteApp app) : InventoryServiceTests(app), IClassFixture<SqliteApp>;

public sealed class InventoryServiceTestsOnPostgres(PostgresApp app) : InventoryServiceTests(app), IClassFixture<PostgresApp>;
