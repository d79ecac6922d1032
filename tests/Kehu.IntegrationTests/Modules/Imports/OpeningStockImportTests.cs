using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Inventory;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Imports.ImportTestData;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Imports;

/// <summary>期初库存 imports over the API, as the warehouse keeper 小周: preview, run, a second
/// import of the same file, undo (exact), undo refused after later moves, rights.</summary>
public abstract class OpeningStockImportTests(KehuApp app)
{
    /// <summary>A new product (进价 10): id, code and name.</summary>
    private async Task<(long Id, string Code, string Name)> ProductAsync()
    {
        var p = await CreateProductAsync(app);
        return (p["id"]!.GetValue<long>(), p["code"]!.GetValue<string>(), p["name"]!.GetValue<string>());
    }

    private Task<string> WarehouseNameAsync(long id) => app.WithDbAsync(db => db.Warehouses.Where(w => w.Id == id).Select(w => w.Name).SingleAsync());

    private Task<int> DocumentsAsync() => app.WithDbAsync(db => db.OpeningStocks.CountAsync());

    [Fact]
    public async Task Preview_NamesUnknownProductsAndWarehouses_ZeroQuantities_DuplicatesInTheFile_AndStockAlreadyEntered()
    {
        var (p1, p2, p3, old) = (await ProductAsync(), await ProductAsync(), await ProductAsync(), await ProductAsync());
        var main = await DefaultWarehouseAsync(app);
        var other = await WarehouseNameAsync(await OtherWarehouseAsync(app));
        using var zhou = await app.ApiAsAsync("xiaozhou");
        using (var entered = await zhou.PostAsJsonAsync("/api/v1/stock/opening", new { warehouseId = main, lines = new[] { new { productId = old.Id, quantity = 2 } } }))
            entered.StatusCode.ShouldBe(HttpStatusCode.Created, await entered.Content.ReadAsStringAsync());
        var before = await SnapshotAsync(app, p1.Id, p2.Id, p3.Id, old.Id);

        var preview = await UploadedAsync(zhou, "opening-stock", Utf8Csv(
            "仓库,商品编码,商品名称,数量,单位成本",
            $",{p1.Code},,10,2.5",
            $"{other},,{p1.Name},4,",
            ",,不存在的商品,1,",
            $"不存在的仓库,{p2.Code},,1,",
            $",{p2.Code},,0,",
            $",,{p1.Name},3,",
            $",{old.Code},,5,",
            $",{p3.Code},{p2.Name},1,"), "期初.csv");

        (preview.Int("rows"), preview.Int("toCreate"), preview.Int("toUpdate"), preview.Int("toSkip")).ShouldBe((8, 2, 0, 6));
        var mainName = await WarehouseNameAsync(main);
        Problems(preview).ShouldBe([
            "4|商品名称|商品“不存在的商品”不存在",
            "5|仓库|仓库“不存在的仓库”不存在",
            "6|数量|数量必须大于 0",
            "7|商品名称|与第 2 行重复",
            $"8|商品编码|商品“{old.Name}”在{mainName}已录入期初库存",
            $"9|商品名称|商品编码 {p3.Code} 的商品不是“{p2.Name}”",
        ]);
        (await SnapshotAsync(app, p1.Id, p2.Id, p3.Id, old.Id)).ShouldBe(before);
    }

    [Fact]
    public async Task Run_PostsOneOpeningStockPerWarehouse_AndTheStockListShowsTheBalancesAndValuation()
    {
        var (p1, p2) = (await ProductAsync(), await ProductAsync());
        var main = await DefaultWarehouseAsync(app);
        var otherId = await OtherWarehouseAsync(app);
        var other = await WarehouseNameAsync(otherId);
        var documents = await DocumentsAsync();
        using var zhou = await app.ApiAsAsync("xiaozhou");

        var done = await ImportedAsync(zhou, "opening-stock", Utf8Csv(
            "仓库,商品编号,商品名称,数量,成本单价",
            $",{p1.Code},,10,2.5",
            $"{other},,{p1.Name},4,",
            $",,{p2.Name},\"1,200\","), "期初.csv");

        (done["state"]!.GetValue<string>(), done.Int("created"), done.Int("skipped")).ShouldBe(("completed", 3, 0));
        (await DocumentsAsync()).ShouldBe(documents + 2);
        var notes = await app.WithDbAsync(db => db.OpeningStocks.OrderByDescending(d => d.Id).Take(2).Select(d => d.Notes).ToListAsync());
        notes.ShouldAllBe(n => n == "导入：期初.csv");
        var moves = await app.WithDbAsync(db => db.StockMoves.Where(m => m.ProductId == p1.Id || m.ProductId == p2.Id).OrderBy(m => m.Id).ToListAsync());
        moves.Select(m => (m.Kind, m.ProductId, m.WarehouseId, m.Quantity, m.UnitCost)).ShouldBe([
            (StockMoveKind.Opening, p1.Id, main, 10m, 2.5m),
            (StockMoveKind.Opening, p2.Id, main, 1200m, 10m),
            (StockMoveKind.Opening, p1.Id, otherId, 4m, 10m),
        ], ignoreOrder: true);
        moves.ShouldAllBe(m => m.UserId == moves[0].UserId && m.DocumentType == OpeningStock.DocumentType);
        (await app.UserIdAsync("xiaozhou")).ShouldBe(moves[0].UserId!.Value);

        var stock = await zhou.GetFromJsonAsync<JsonObject>($"/api/v1/stock?productId={p1.Id}");
        var rows = stock!["items"]!.AsArray().Select(i => (i!["warehouseId"]!.GetValue<long>(), i["quantity"]!.GetValue<decimal>(), i["averageCost"]!.GetValue<decimal>())).ToList();
        rows.ShouldBe([(main, 10m, 4.6429m), (otherId, 4m, 4.6429m)], ignoreOrder: true);
        var valuation = await app.WithDbAsync(db => db.StockValuations.SingleAsync(v => v.ProductId == p1.Id));
        (valuation.Quantity, valuation.AverageCost).ShouldBe((14m, 4.6429m));
        (await OnHandAsync(app, p2.Id, main)).ShouldBe(1200m);
    }

    [Fact]
    public async Task ImportingTheSameFileTwice_RefusesEveryRowTheSecondTime_AndTheStockIsNotDoubled()
    {
        var p = await ProductAsync();
        var main = await DefaultWarehouseAsync(app);
        var file = Utf8Csv("商品编码,数量", $"{p.Code},7");
        using var zhou = await app.ApiAsAsync("xiaozhou");
        (await ImportedAsync(zhou, "opening-stock", file, "期初.csv")).Int("created").ShouldBe(1);

        var again = await ImportedAsync(zhou, "opening-stock", file, "期初.csv");

        (again["state"]!.GetValue<string>(), again.Int("created"), again.Int("skipped")).ShouldBe(("completed", 0, 1));
        Problems(again).ShouldBe([$"2|商品编码|商品“{p.Name}”在{await WarehouseNameAsync(main)}已录入期初库存"]);
        (await OnHandAsync(app, p.Id, main)).ShouldBe(7m);
    }

    [Fact]
    public async Task Undo_PutsLedgerBalancesValuationAndMonthSumsBackExactly()
    {
        var (stocked, fresh) = (await ProductAsync(), await ProductAsync());
        var main = await DefaultWarehouseAsync(app);
        var other = await OtherWarehouseAsync(app);
        (await PostAsync(app, StockMoveKind.Receipt, stocked.Id, main, 5, 3m)).IsSuccess.ShouldBeTrue();
        var before = await SnapshotAsync(app, stocked.Id, fresh.Id);
        var documents = await DocumentsAsync();
        using var zhou = await app.ApiAsAsync("xiaozhou");
        var done = await ImportedAsync(zhou, "opening-stock", Utf8Csv(
            "仓库,商品编码,数量,单位成本",
            $"{await WarehouseNameAsync(other)},{stocked.Code},2,8",
            $",{fresh.Code},3,1.25",
            $"{await WarehouseNameAsync(other)},{fresh.Code},1,"), "期初.csv");
        done.Int("created").ShouldBe(3);
        (await SnapshotAsync(app, stocked.Id, fresh.Id)).ShouldNotBe(before);

        using var response = await zhou.PostAsync($"/api/v1/imports/{done["id"]}/undo", null);
        var body = await response.ReadObjectAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());

        body["state"]!.GetValue<string>().ShouldBe("undone");
        (await SnapshotAsync(app, stocked.Id, fresh.Id)).ShouldBe(before);
        (await DocumentsAsync()).ShouldBe(documents);
    }

    [Fact]
    public async Task Undo_AfterALaterMoveOfAnImportedProduct_IsRefusedNamingProductAndWarehouse_AndChangesNothing()
    {
        var (p1, p2) = (await ProductAsync(), await ProductAsync());
        var main = await DefaultWarehouseAsync(app);
        using var zhou = await app.ApiAsAsync("xiaozhou");
        var done = await ImportedAsync(zhou, "opening-stock", Utf8Csv("商品编码,数量", $"{p1.Code},10", $"{p2.Code},3"), "期初.csv");
        (await PostAsync(app, StockMoveKind.Issue, p2.Id, main, 1)).IsSuccess.ShouldBeTrue();
        var before = await SnapshotAsync(app, p1.Id, p2.Id);
        var documents = await DocumentsAsync();

        using var response = await zhou.PostAsync($"/api/v1/imports/{done["id"]}/undo", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var detail = (await response.ReadObjectAsync())["detail"]!.GetValue<string>();
        detail.ShouldContain(p2.Name);
        detail.ShouldContain(await WarehouseNameAsync(main));
        (await SnapshotAsync(app, p1.Id, p2.Id)).ShouldBe(before);
        (await DocumentsAsync()).ShouldBe(documents);
        (await zhou.GetFromJsonAsync<JsonObject>($"/api/v1/imports/{done["id"]}"))!["state"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task ASalesperson_MayNotImportOpeningStock_AndGets403()
    {
        var p = await ProductAsync();
        var before = await CountsAsync(app);
        using var lin = await app.ApiAsAsync("xiaolin");

        using var response = await UploadAsync(lin, "opening-stock", Utf8Csv("商品编码,数量", $"{p.Code},1"), "期初.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe(InventoryModule.StockKeepersOnlyMessage);
        (await CountsAsync(app)).ShouldBe(before);
        (await app.WithDbAsync(db => db.StockMoves.AnyAsync(m => m.ProductId == p.Id))).ShouldBeFalse();
    }
}

public sealed class OpeningStockImportTestsOnSqlite(SqliteApp app) : OpeningStockImportTests(app), IClassFixture<SqliteApp>;

public sealed class OpeningStockImportTestsOnPostgres(PostgresApp app) : OpeningStockImportTests(app), IClassFixture<PostgresApp>;
