using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Inventory;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Inventory;

public abstract class InventoryApiTests(KehuApp app)
{
    [Fact]
    public async Task OpeningStock_ByAPurchaser_IsNumberedPostedAtThePurchasePriceAndShownInStockAndMoves()
    {
        var product = await CreateProductAsync(app, new { purchasePrice = 6.5m });
        var productId = product["id"]!.GetValue<long>();
        using var api = await app.ApiAsAsync("xiaowang");

        using var response = await api.PostAsJsonAsync("/api/v1/stock/opening", new { notes = "上线盘点", lines = new[] { new { productId, quantity = 12 } } });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.ReadObjectAsync();
        body["number"]!.GetValue<string>().ShouldStartWith("QC-");
        var move = body["moves"]!.AsArray().Single()!;
        move["kind"]!.GetValue<string>().ShouldBe("opening");
        move["unitCost"]!.GetValue<decimal>().ShouldBe(6.5m);
        move["user"]!.GetValue<string>().ShouldBe("小王");
        var stock = await (await api.GetAsync($"/api/v1/stock?productId={productId}")).ReadObjectAsync();
        var row = stock["items"]!.AsArray().Single()!;
        row["quantity"]!.GetValue<decimal>().ShouldBe(12);
        row["value"]!.GetValue<decimal>().ShouldBe(78m);
        row["warehouse"]!.GetValue<string>().ShouldBe("主仓库");
        var moves = await (await api.GetAsync($"/api/v1/stock-moves?productId={productId}&documentType=opening-stock")).ReadObjectAsync();
        moves["items"]!.AsArray().Single()!["documentNumber"]!.GetValue<string>().ShouldBe(body["number"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpeningStock_WithBadLines_IsRefusedPerLineAndPostsNothing()
    {
        var product = await CreateProductAsync(app);
        var productId = product["id"]!.GetValue<long>();
        using var api = await app.ApiAsAsync("xiaowang");

        using var response = await api.PostAsJsonAsync("/api/v1/stock/opening", new
        {
            lines = new object[] { new { productId, quantity = 0 }, new { productId, quantity = 1.23456m, unitCost = -1 }, new { quantity = 3 } },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("lines[0].quantity")).ShouldBe(["数量必须大于 0"]);
        (await response.FieldErrorsAsync("lines[1].quantity")).ShouldBe(["数量最多 3 位小数"]);
        (await response.FieldErrorsAsync("lines[1].unitCost")).ShouldBe(["单位成本不能小于 0"]);
        (await response.FieldErrorsAsync("lines[2].productId")).ShouldBe(["商品不能为空"]);
        (await app.WithDbAsync(db => db.StockMoves.CountAsync(m => m.ProductId == productId))).ShouldBe(0);
    }

    [Fact]
    public async Task OpeningStock_ByASalesperson_Is403_AndAnonymousIs401()
    {
        var product = await CreateProductAsync(app);
        using var api = await app.ApiAsAsync("xiaolin");
        using var anonymous = app.Anonymous();

        using var response = await api.PostAsJsonAsync("/api/v1/stock/opening", new { lines = new[] { new { productId = product["id"]!.GetValue<long>(), quantity = 1 } } });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe("只有仓库管理员、采购员、采购部经理和系统管理员可以录入期初库存");
        (await anonymous.GetAsync("/api/v1/stock")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/v1/stock-moves")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.GetAsync("/api/v1/stock")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeleteProduct_WithStockMoves_IsRefusedWithAClearMessage()
    {
        var product = await CreateProductAsync(app);
        var productId = product["id"]!.GetValue<long>();
        (await PostAsync(app, StockMoveKind.Receipt, productId, await DefaultWarehouseAsync(app), 2, 1m)).IsSuccess.ShouldBeTrue();
        using var api = await app.ApiAsAsync("xiaowang");

        using var response = await api.DeleteAsync($"/api/v1/products/{productId}");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe($"商品“{product["name"]}”已被 1 条库存流水使用，不能删除。如不再需要，请停用它。");
        (await app.WithDbAsync(db => db.Products.AnyAsync(p => p.Id == productId))).ShouldBeTrue();
    }

    [Fact]
    public async Task StockList_LowFilter_ShowsProductsBelowTheirMinimumOverAllWarehouses()
    {
        var low = (await CreateProductAsync(app, new { minimumStock = 10 }))["id"]!.GetValue<long>();
        var fine = (await CreateProductAsync(app, new { minimumStock = 10 }))["id"]!.GetValue<long>();
        var main = await DefaultWarehouseAsync(app);
        var other = await OtherWarehouseAsync(app);
        await PostAsync(app, StockMoveKind.Receipt, low, main, 9, 1m);
        await PostAsync(app, StockMoveKind.Receipt, fine, main, 6, 1m);
        await PostAsync(app, StockMoveKind.Receipt, fine, other, 4, 1m);
        using var api = await app.ApiAsAsync("xiaowang");

        var items = (await (await api.GetAsync("/api/v1/stock?low=true&limit=200")).ReadObjectAsync())["items"]!.AsArray()
            .Select(i => i!["productId"]!.GetValue<long>()).ToList();

        items.ShouldContain(low);
        items.ShouldNotContain(fine);
    }

    [Fact]
    public async Task StockList_PagedForwardThenBack_GivesTheSameBalancesInTheSameOrder()
    {
        var (prefix, balances) = await StockedProductsAsync(app);
        using var api = await app.ApiAsAsync("xiaowang");
        var url = $"/api/v1/stock?q={Uri.EscapeDataString(prefix)}&limit=2";

        var pages = await ListWalk.BothWaysAsync(url, ListWalk.Api(api, url, i => (i["productId"]!.GetValue<long>(), i["warehouseId"]!.GetValue<long>())), balances);

        pages.ShouldBe(3);
    }

    [Fact]
    public async Task MovesList_PagedForwardThenBack_GivesTheSameMovesInTheSameOrder()
    {
        var (product, documents) = await ProductWithMovesAsync(app);
        using var api = await app.ApiAsAsync("xiaowang");
        var url = $"/api/v1/stock-moves?productId={product}&limit=2";

        var pages = await ListWalk.BothWaysAsync(url, ListWalk.Api(api, url, i => i["documentId"]!.GetValue<long>()), documents);

        pages.ShouldBe(3);
    }

    [Fact]
    public async Task Workbench_ShowsLowStockToPurchasersOnly()
    {
        await CreateProductAsync(app, new { minimumStock = 1_000_000 });
        using var purchaser = await app.BrowserAsAsync("caijingli");
        using var sales = await app.BrowserAsAsync("xiaolin");

        var mine = await purchaser.GetDocumentAsync("/");
        var theirs = await sales.GetDocumentAsync("/");

        mine.QuerySelectorAll("#low-stock tbody tr").Length.ShouldBeGreaterThan(0);
        theirs.QuerySelector("#low-stock").ShouldBeNull();
    }

    [Fact]
    public async Task Warehouses_AreKeptByTheAdministrator_WithOneDefault()
    {
        using var admin = await app.ApiAsAsync("admin");
        using var purchaser = await app.ApiAsAsync("xiaowang");
        var name = Unique("仓库");

        (await purchaser.PostAsJsonAsync("/api/v1/warehouses", new { name })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await purchaser.PutAsJsonAsync("/api/v1/stock-settings", new { allowNegativeStock = true })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var created = await (await admin.PostAsJsonAsync("/api/v1/warehouses", new { name })).ReadObjectAsync();
        var duplicate = await admin.PostAsJsonAsync("/api/v1/warehouses", new { name });
        var id = created["id"]!.GetValue<long>();
        var previousDefault = await DefaultWarehouseAsync(app);
        var made = await (await admin.PutAsJsonAsync($"/api/v1/warehouses/{id}", new { name, isDefault = true, version = 1 })).ReadObjectAsync();
        try
        {
            (await duplicate.FieldErrorsAsync("name")).ShouldBe([$"仓库“{name}”已存在"]);
            made["isDefault"]!.GetValue<bool>().ShouldBeTrue();
            (await app.WithDbAsync(db => db.Warehouses.CountAsync(w => w.IsDefault))).ShouldBe(1);
            var deactivate = await admin.PutAsJsonAsync($"/api/v1/warehouses/{id}", new { name, isActive = false, version = 2 });
            (await deactivate.FieldErrorsAsync("isActive")).ShouldBe(["默认仓库不能停用"]);
        }
        finally
        {
            var back = await app.WithDbAsync(db => db.Warehouses.Where(w => w.Id == previousDefault).Select(w => new { w.Name, w.Version }).SingleAsync());
            (await admin.PutAsJsonAsync($"/api/v1/warehouses/{previousDefault}", new { name = back.Name, isDefault = true, version = back.Version })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task DemoStock_ReconcilesWithTheLedger()
    {
        var balances = await app.WithDbAsync(db => db.StockBalances.ToListAsync());
        var moves = await app.WithDbAsync(db => db.StockMoves.Select(m => new { m.ProductId, m.WarehouseId, m.Quantity }).ToListAsync());

        balances.Count.ShouldBeGreaterThan(20);
        foreach (var b in balances)
            b.Quantity.ShouldBe(moves.Where(m => m.ProductId == b.ProductId && m.WarehouseId == b.WarehouseId).Sum(m => m.Quantity));
    }
}

public sealed class InventoryApiTestsOnSqlite(SqliteApp app) : InventoryApiTests(app), IClassFixture<SqliteApp>;

public sealed class InventoryApiTestsOnPostgres(PostgresApp app) : InventoryApiTests(app), IClassFixture<PostgresApp>;
