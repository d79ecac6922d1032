using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Inventory;

/// <summary>Posting through the inventory service as purchasing and sales will: each unit of work
/// in its own scope (its own connection) and transaction.</summary>
public static class StockTestData
{
    private static long documentIds = DateTime.UtcNow.Ticks % 1_000_000_000;

    public static long NextDocumentId() => Interlocked.Increment(ref documentIds);

    public static async Task<Result<PostingResult>> PostAsync(KehuApp app, StockPosting posting)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KehuDbContext>();
        var inventory = scope.ServiceProvider.GetRequiredService<InventoryService>();
        return await db.InTransactionAsync(ct => inventory.PostAsync(posting, ct), CancellationToken.None);
    }

    public static Task<Result<PostingResult>> PostAsync(KehuApp app, StockMoveKind kind, long productId, long warehouseId, decimal quantity, decimal? unitCost = null, long? documentId = null) =>
        PostAsync(app, new StockPosting("test-" + kind.ToString().ToLowerInvariant(), documentId ?? NextDocumentId(), null, kind,
            [new StockLine(1, productId, warehouseId, quantity, unitCost)], null));

    /// <summary>Posts a one-line stock count that found <paramref name="counted"/>.</summary>
    public static async Task<Result<IReadOnlyDictionary<int, CountedLine>>> CountAsync(KehuApp app, long productId, long warehouseId, decimal counted)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KehuDbContext>();
        var inventory = scope.ServiceProvider.GetRequiredService<InventoryService>();
        return await db.InTransactionAsync(ct => inventory.PostCountAsync(new StockCount("test-count", NextDocumentId(), null, warehouseId,
            [new CountLine(1, productId, counted)], null), ct), CancellationToken.None);
    }

    public static Task<long> DefaultWarehouseAsync(KehuApp app) =>
        app.WithDbAsync(db => db.Warehouses.Where(w => w.IsDefault).Select(w => w.Id).SingleAsync());

    public static Task<long> OtherWarehouseAsync(KehuApp app) =>
        app.WithDbAsync(db => db.Warehouses.Where(w => !w.IsDefault && w.IsActive).OrderBy(w => w.Id).Select(w => w.Id).FirstAsync());

    public static Task<decimal> OnHandAsync(KehuApp app, long productId, long warehouseId) =>
        app.WithDbAsync(db => db.StockBalances.Where(b => b.ProductId == productId && b.WarehouseId == warehouseId).Select(b => b.Quantity).SingleAsync());

    /// <summary>Three new products whose names start with one prefix, the first and the last stocked in
    /// two warehouses and the middle one in one: the prefix, and the balances in the stock list's
    /// order (newest product first, then warehouse), as (product, warehouse).</summary>
    public static async Task<(string Prefix, List<(long Product, long Warehouse)> Balances)> StockedProductsAsync(KehuApp app)
    {
        var prefix = Unique("翻页库存");
        var main = await DefaultWarehouseAsync(app);
        var other = await OtherWarehouseAsync(app);
        var products = new List<long>();
        for (var i = 0; i < 3; i++) products.Add((await CreateProductAsync(app, new { name = $"{prefix}{i}" }))["id"]!.GetValue<long>());
        foreach (var product in products) (await PostAsync(app, StockMoveKind.Receipt, product, main, 5, 1m)).IsSuccess.ShouldBeTrue();
        (await PostAsync(app, StockMoveKind.Receipt, products[0], other, 3, 1m)).IsSuccess.ShouldBeTrue();
        (await PostAsync(app, StockMoveKind.Receipt, products[2], other, 3, 1m)).IsSuccess.ShouldBeTrue();
        var (first, second) = (Math.Min(main, other), Math.Max(main, other));
        return (prefix, [(products[2], first), (products[2], second), (products[1], main), (products[0], first), (products[0], second)]);
    }

    /// <summary>Five receipts of a new product in the default warehouse: the product and the
    /// receipts' document ids, newest first (the ledger's order).</summary>
    public static async Task<(long Product, List<long> Documents)> ProductWithMovesAsync(KehuApp app)
    {
        var product = (await CreateProductAsync(app))["id"]!.GetValue<long>();
        var main = await DefaultWarehouseAsync(app);
        var documents = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var document = NextDocumentId();
            (await PostAsync(app, StockMoveKind.Receipt, product, main, 1, 1m, document)).IsSuccess.ShouldBeTrue();
            documents.Insert(0, document);
        }
        return (product, documents);
    }

    /// <summary>Everything the stock of these products is: their moves, balances, valuations and
    /// month sums, as text (numbers without trailing zeros) to compare before and after.</summary>
    public static Task<List<string>> SnapshotAsync(KehuApp app, params long[] productIds) => app.WithDbAsync<List<string>>(async db =>
    {
        static string N(decimal d) => d.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
        var moves = await db.StockMoves.AsNoTracking().Where(m => productIds.Contains(m.ProductId)).OrderBy(m => m.Id).ToListAsync();
        var balances = await db.StockBalances.AsNoTracking().Where(b => productIds.Contains(b.ProductId)).OrderBy(b => b.ProductId).ThenBy(b => b.WarehouseId).ToListAsync();
        var valuations = await db.StockValuations.AsNoTracking().Where(v => productIds.Contains(v.ProductId)).OrderBy(v => v.ProductId).ToListAsync();
        var sums = await db.StockMonthSums.AsNoTracking().Where(x => productIds.Contains(x.ProductId)).ToListAsync();
        return
        [
            .. moves.Select(m => $"move {m.Id} {m.DocumentType}/{m.DocumentId}/{m.DocumentLine} {m.Kind} p{m.ProductId} w{m.WarehouseId} {N(m.Quantity)}@{N(m.UnitCost)}={N(m.Amount)} after {N(m.BalanceAfter)} avg {N(m.AverageCostAfter)}"),
            .. balances.Select(b => $"balance p{b.ProductId} w{b.WarehouseId} {N(b.Quantity)}"),
            .. valuations.Select(v => $"valuation p{v.ProductId} {N(v.Quantity)} avg {N(v.AverageCost)}"),
            .. sums.OrderBy(x => x.ProductId).ThenBy(x => x.WarehouseId).ThenBy(x => x.Month).ThenBy(x => x.Kind)
                .Select(x => $"sum p{x.ProductId} w{x.WarehouseId} {x.Month:yyyy-MM} {x.Kind} {x.Moves} {x.QuantityThousandths} {x.AmountCents}"),
        ];
    });

    /// <summary>The sum of the product's moves in the warehouse, added up here rather than by the database.</summary>
    public static async Task<decimal> LedgerSumAsync(KehuApp app, long productId, long warehouseId) =>
        (await app.WithDbAsync(db => db.StockMoves.Where(m => m.ProductId == productId && m.WarehouseId == warehouseId).Select(m => m.Quantity).ToListAsync())).Sum();
}
