using System.Net;
using Kehu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Inventory;

public abstract class InventoryPagesTests(KehuApp app)
{
    [Fact]
    public async Task OpeningStockForm_PostsEveryFilledLine_AndTheStockPageShowsThem()
    {
        var first = await CreateProductAsync(app, new { purchasePrice = 3m });
        var second = await CreateProductAsync(app, new { purchasePrice = 7m });
        var firstId = first["id"]!.GetValue<long>();
        var secondId = second["id"]!.GetValue<long>();
        using var page = await app.BrowserAsAsync("xiaowang");

        // The page opened for the first product (row 0); row 1 left empty; the second product on row 2.
        using var response = await page.SubmitFormAsync($"/inventory/opening/new?productId={firstId}", new Dictionary<string, string>
        {
            ["Input.Lines[0].Quantity"] = "25",
            ["Input.Lines[0].UnitCost"] = "4.2",
            ["Input.Lines[2].ProductId"] = secondId.ToString(),
            ["Input.Lines[2].Quantity"] = "2",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var moves = await page.GetDocumentAsync(response.Headers.Location!.ToString());
        var rows = moves.QuerySelectorAll("#moves tbody tr").Select(r => r.TextContent).ToList();
        rows.Count.ShouldBe(2);
        rows.ShouldAllBe(r => r.Contains("期初库存"));
        var stock = await page.GetDocumentAsync($"/inventory/stock?productId={firstId}");
        var row = stock.QuerySelector("#stock tbody tr")!.TextContent;
        row.ShouldContain(first["name"]!.GetValue<string>());
        row.ShouldContain("105.00");
        (await app.WithDbAsync(db => db.StockBalances.Where(b => b.ProductId == secondId).Select(b => b.Quantity).SingleAsync())).ShouldBe(2);
        (await app.WithDbAsync(db => db.StockMoves.Where(m => m.ProductId == secondId).Select(m => m.UnitCost).SingleAsync())).ShouldBe(7m);
    }

    [Fact]
    public async Task OpeningStockForm_WithAQuantityThatIsNotANumber_NamesTheFieldOnItsRowAndPostsNothing()
    {
        var product = await CreateProductAsync(app);
        var productId = product["id"]!.GetValue<long>();
        using var page = await app.BrowserAsAsync("xiaowang");

        using var response = await page.SubmitFormAsync($"/inventory/opening/new?productId={productId}", new Dictionary<string, string> { ["Input.Lines[0].Quantity"] = "abc" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await PageClient.ParseAsync(response);
        doc.QuerySelector("input[name='Input.Lines[0].Quantity']")!.GetAttribute("value").ShouldBe("abc");
        doc.QuerySelectorAll("#opening-lines .field-validation-error").Select(e => e.TextContent.Trim()).ShouldContain("数量必须是数字");
        (await app.WithDbAsync(db => db.StockMoves.CountAsync(m => m.ProductId == productId))).ShouldBe(0);
    }

    [Fact]
    public async Task OpeningStockForm_WithAZeroQuantity_ShowsTheRuleOnItsRowAndPostsNothing()
    {
        var product = await CreateProductAsync(app);
        var productId = product["id"]!.GetValue<long>();
        using var page = await app.BrowserAsAsync("xiaowang");

        using var response = await page.SubmitFormAsync($"/inventory/opening/new?productId={productId}", new Dictionary<string, string> { ["Input.Lines[0].Quantity"] = "0" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await PageClient.ParseAsync(response);
        doc.QuerySelector("#opening-lines tbody tr .field-validation-error:not(:empty)")!.TextContent.ShouldBe("数量必须大于 0");
        (await app.WithDbAsync(db => db.StockMoves.CountAsync(m => m.ProductId == productId))).ShouldBe(0);
    }

    [Fact]
    public async Task OpeningStockForm_IsNotForSalespeople()
    {
        using var page = await app.BrowserAsAsync("xiaolin");

        using var response = await page.Http.GetAsync("/inventory/opening/new");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/denied");
    }

    [Fact]
    public async Task WarehousesPage_AddsAWarehouse_AndTogglesNegativeStock()
    {
        using var page = await app.BrowserAsAsync("admin");
        var name = Unique("页面仓库");

        (await page.SubmitFormAsync("/inventory/warehouses", new Dictionary<string, string> { ["Input.Name"] = name }, "#add-warehouse"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await page.SubmitFormAsync("/inventory/warehouses", new Dictionary<string, string>(), "#negative-stock-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var allowed = await app.WithDbAsync(db => db.InventorySettings.Select(s => s.AllowNegativeStock).SingleAsync());
        (await page.SubmitFormAsync("/inventory/warehouses", new Dictionary<string, string>(), "#negative-stock-form")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await app.WithDbAsync(db => db.Warehouses.AnyAsync(w => w.Name == name))).ShouldBeTrue();
        allowed.ShouldBeTrue();
        (await app.WithDbAsync(db => db.InventorySettings.Select(s => s.AllowNegativeStock).SingleAsync())).ShouldBeFalse();
    }
}

public sealed class InventoryPagesTestsOnSqlite(SqliteApp app) : InventoryPagesTests(app), IClassFixture<SqliteApp>;

public sealed class InventoryPagesTestsOnPostgres(PostgresApp app) : InventoryPagesTests(app), IClassFixture<PostgresApp>;
