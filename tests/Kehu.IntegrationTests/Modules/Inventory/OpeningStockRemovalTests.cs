using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Inventory.Pages.Opening;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Inventory;

/// <summary><see cref="InventoryService.RemoveOpeningAsync"/>: opening stock taken back leaves the
/// ledger, balances, valuations and month sums exactly as they were before it was entered.</summary>
public abstract class OpeningStockRemovalTests(KehuApp app)
{
    private async Task<long> RecordAsync(long productId, long warehouseId, decimal quantity, decimal unitCost)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KehuDbContext>();
        var enter = scope.ServiceProvider.GetRequiredService<EnterOpeningStock>();
        var keeper = await app.UserIdAsync("xiaozhou");
        var recorded = await db.InTransactionAsync(ct => enter.RecordAsync(keeper, warehouseId, "测试",
            [new StockLine(1, productId, warehouseId, quantity, unitCost)], ct), CancellationToken.None);
        recorded.IsSuccess.ShouldBeTrue();
        return recorded.Value.Document.Id;
    }

    private async Task<Error?> RemoveAsync(params long[] documents)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<KehuDbContext>();
        var inventory = scope.ServiceProvider.GetRequiredService<InventoryService>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var error = await inventory.RemoveOpeningAsync(documents, CancellationToken.None);
        if (error is null) await tx.CommitAsync();
        else await tx.RollbackAsync();
        return error;
    }

    [Fact]
    public async Task RemovingOpeningStock_LeavesLedgerBalancesValuationAndMonthSumsAsBefore()
    {
        var stocked = (await CreateProductAsync(app))["id"]!.GetValue<long>();
        var fresh = (await CreateProductAsync(app))["id"]!.GetValue<long>();
        var main = await DefaultWarehouseAsync(app);
        var other = await OtherWarehouseAsync(app);
        (await PostAsync(app, StockMoveKind.Receipt, stocked, main, 5, 2m)).IsSuccess.ShouldBeTrue();
        (await PostAsync(app, StockMoveKind.Issue, stocked, main, 1)).IsSuccess.ShouldBeTrue();
        var before = await SnapshotAsync(app, stocked, fresh);

        var documents = new[]
        {
            await RecordAsync(stocked, main, 3, 7.25m),
            await RecordAsync(stocked, other, 2, 1.5m),
            await RecordAsync(fresh, other, 4, 3m),
        };
        (await SnapshotAsync(app, stocked, fresh)).ShouldNotBe(before);

        (await RemoveAsync(documents)).ShouldBeNull();

        (await SnapshotAsync(app, stocked, fresh)).ShouldBe(before);
        (await app.WithDbAsync(db => db.OpeningStocks.CountAsync(d => documents.Contains(d.Id)))).ShouldBe(0);
        (await app.WithDbAsync(db => db.StockValuations.AnyAsync(v => v.ProductId == fresh))).ShouldBeFalse();
    }

    [Fact]
    public async Task RemovingOpeningStock_AfterALaterMoveOfTheProduct_IsRefusedNamingProductAndWarehouse_AndChangesNothing()
    {
        var product = await CreateProductAsync(app);
        var id = product["id"]!.GetValue<long>();
        var main = await DefaultWarehouseAsync(app);
        var other = await OtherWarehouseAsync(app);
        var document = await RecordAsync(id, main, 10, 2m);
        (await PostAsync(app, StockMoveKind.Receipt, id, other, 1, 1m)).IsSuccess.ShouldBeTrue();
        var before = await SnapshotAsync(app, id);

        var error = await RemoveAsync(document);

        error.ShouldNotBeNull();
        error.Kind.ShouldBe(ErrorKind.Conflict);
        var otherName = await app.WithDbAsync(db => db.Warehouses.Where(w => w.Id == other).Select(w => w.Name).SingleAsync());
        error.Message.ShouldContain(product["name"]!.GetValue<string>());
        error.Message.ShouldContain(otherName);
        (await SnapshotAsync(app, id)).ShouldBe(before);
        (await app.WithDbAsync(db => db.OpeningStocks.AnyAsync(d => d.Id == document))).ShouldBeTrue();
    }
}

public sealed class OpeningStockRemovalTestsOnSqlite(SqliteApp app) : OpeningStockRemovalTests(app), IClassFixture<SqliteApp>;

public sealed class OpeningStockRemovalTestsOnPostgres(PostgresApp app) : OpeningStockRemovalTests(app), IClassFixture<PostgresApp>;
