using System.Net;
using Kehu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Inventory;

public abstract class InventoryPagesTests(KehuApp app)
{
    [Fact]
    public async Task OpeningStockForm_PostsToTheLedger_AndTheStockPageShowsIt()
    {
        var product = await CreateProductAsync(app, new { purchasePrice = 3m });
        var productId = product["id"]!.GetValue<long>();
        using var page = await app.BrowserAsAsync("xiaowang");

        using var response = await page.SubmitFormAsync($"/inventory/opening/new?productId={productId}", new Dictionary<string, string>
        {
            ["Input.Quantity"] = "25",
            ["Input.UnitCost"] = "4.2",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var stock = await page.GetDocumentAsync(response.Headers.Location!.ToString());
        var row = stock.QuerySelector("#stock tbody tr")!.TextContent;
        row.ShouldContain(product["name"]!.GetValue<string>());
        row.ShouldContain("25");
        row.ShouldContain("105.00");
        var moves = await page.GetDocumentAsync($"/inventory/moves?productId={productId}");
        moves.QuerySelector("#moves tbody tr")!.TextContent.ShouldContain("期初库存");
    }

    [Fact]
    public async Task OpeningStockForm_WithAQuantityThatIsNotANumber_NamesTheFieldAndPostsNothing()
    {
        var product = await CreateProductAsync(app);
        var productId = product["id"]!.GetValue<long>();
        using var page = await app.BrowserAsAsync("xiaowang");

        using var response = await page.SubmitFormAsync($"/inventory/opening/new?productId={productId}", new Dictionary<string, string> { ["Input.Quantity"] = "abc" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(response)).QuerySelectorAll(".field-validation-error").Select(e => e.TextContent.Trim()).ShouldContain("数量必须是数字");
        (await app.WithDbAsync(db => db.StockMoves.CountAsync(m => m.ProductId == productId))).ShouldBe(0);
    }

    [Fact]
    public async Task StockPage_PagedForwardThenBackByItsLinks_ShowsTheSameBalancesInTheSameOrder()
    {
        var (prefix, balances) = await StockedProductsAsync(app);
        using var page = await app.BrowserAsAsync("xiaowang");

        // Each row links to its product's moves in its warehouse.
        const string moves = "td:last-child a";
        var pages = await ListWalk.BothWaysAsync($"/inventory/stock?q={Uri.EscapeDataString(prefix)}&limit=2",
            ListWalk.Page(page, "#stock tbody tr", row => (ListWalk.LinkValue(row, moves, "productId"), ListWalk.LinkValue(row, moves, "warehouseId"))), balances);

        pages.ShouldBe(3);
    }

    [Fact]
    public async Task MovesPage_PagedForwardThenBackByItsLinks_ShowsTheSameMovesInTheSameOrder()
    {
        var (product, documents) = await ProductWithMovesAsync(app);
        using var page = await app.BrowserAsAsync("xiaowang");

        var pages = await ListWalk.BothWaysAsync($"/inventory/moves?productId={product}&limit=2",
            ListWalk.Page(page, "#moves tbody tr", row => ListWalk.LinkValue(row, "td:nth-child(2) a", "documentId")), documents);

        pages.ShouldBe(3);
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
