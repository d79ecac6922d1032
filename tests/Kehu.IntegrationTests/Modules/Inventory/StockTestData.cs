using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>The sum of the product's moves in the warehouse, added up here rather than by the database.</summary>
    public static async Task<decimal> LedgerSumAsync(KehuApp app, long productId, long warehouseId) =>
        (await app.WithDbAsync(db => db.StockMoves.Where(m => m.ProductId == productId && m.WarehouseId == warehouseId).Select(m => m.Quantity).ToListAsync())).Sum();
}
