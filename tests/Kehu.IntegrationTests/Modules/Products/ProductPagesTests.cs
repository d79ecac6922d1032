using System.Net;
using Kehu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Products;

public abstract class ProductPagesTests(KehuApp app)
{
    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task NewProductForm_Saves_AndTheSuppliersPageListsTheProduct()
    {
        var (category, sub) = await CategoryTreeAsync(app);
        var supplier = await SupplierAsync(app);
        using var page = await app.BrowserAsAsync("xiaowang");
        var name = Unique("页面商品");

        using var response = await page.SubmitFormAsync($"/products/new?supplierId={supplier}", new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.CategoryId"] = Id(category),
            ["Input.SubCategoryId"] = Id(sub),
            ["Input.PurchasePrice"] = "12.5",
            ["Input.SalePrice"] = "18",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var detail = await page.GetDocumentAsync(response.Headers.Location!.ToString());
        detail.QuerySelector("h1")!.TextContent.ShouldContain(name);
        detail.QuerySelector("#product-fields")!.TextContent.ShouldContain("12.50");
        var company = await page.GetDocumentAsync($"/customers/companies/{supplier}");
        company.QuerySelector("#supplier-products")!.TextContent.ShouldContain(name);
    }

    [Fact]
    public async Task NewProductForm_WithoutSupplierAndWithAPriceThatIsNotANumber_ShowsBothErrorsAndSavesNothing()
    {
        using var page = await app.BrowserAsAsync("xiaowang");
        var before = await app.WithDbAsync(db => db.Products.CountAsync());

        using var response = await page.SubmitFormAsync("/products/new", new Dictionary<string, string>
        {
            ["Input.Name"] = Unique("无供应商"),
            ["Input.PurchasePrice"] = "十二",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await PageClient.ParseAsync(response);
        var errors = doc.QuerySelectorAll(".field-validation-error").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        errors.ShouldContain("进价必须是数字");
        doc.QuerySelector("#Input_PurchasePrice")!.GetAttribute("value").ShouldBe("十二");
        (await app.WithDbAsync(db => db.Products.CountAsync())).ShouldBe(before);

        using var second = await page.SubmitFormAsync("/products/new", new Dictionary<string, string> { ["Input.Name"] = Unique("无供应商") });
        (await PageClient.ParseAsync(second)).QuerySelectorAll(".field-validation-error").Select(e => e.TextContent.Trim()).ShouldContain("供应商不能为空");
    }

    [Fact]
    public async Task SubCategoryDropDown_OffersOnlyTheChosenCategorysChildren()
    {
        var (category, sub) = await CategoryTreeAsync(app);
        var (_, otherSub) = await CategoryTreeAsync(app);
        using var page = await app.BrowserAsAsync("xiaowang");

        var fragment = await page.GetDocumentAsync($"/products/new?handler=SubCategories&Input.CategoryId={category}");

        var offered = fragment.QuerySelectorAll("#Input_SubCategoryId option").Select(o => o.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)).ToList();
        offered.ShouldBe([Id(sub)]);
        offered.ShouldNotContain(Id(otherSub));
    }

    [Fact]
    public async Task Salesperson_SeesTheProductListWithoutTheNewButton_AndCannotOpenTheForm()
    {
        using var page = await app.BrowserAsAsync("xiaolin");

        var list = await page.GetDocumentAsync("/products");
        using var form = await page.Http.GetAsync("/products/new");

        list.QuerySelectorAll("#products tbody tr").Length.ShouldBeGreaterThan(0);
        list.QuerySelector("a[href='/products/new']").ShouldBeNull();
        form.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        form.Headers.Location!.ToString().ShouldContain("/account/denied");
    }

    [Fact]
    public async Task ProductLookup_GivesBothPrices_ToEveryoneWhoMaySeeTheProductList()
    {
        var name = Unique("查价商品");
        await CreateProductAsync(app, new { name, purchasePrice = 10.1m, salePrice = 15.25m });

        foreach (var user in new[] { "xiaolin", "xiaowang" })
        {
            using var page = await app.BrowserAsAsync(user);
            var json = await page.Http.GetStringAsync("/products?handler=Lookup&q=" + Uri.EscapeDataString(name));
            var found = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsArray().Single()!;

            found["name"]!.GetValue<string>().ShouldBe(name);
            found["salePrice"]!.GetValue<decimal>().ShouldBe(15.25m);
            found["purchasePrice"]!.GetValue<decimal>().ShouldBe(10.1m, $"{user} sees 进价 on the product list too");
            (await page.GetDocumentAsync("/products?q=" + Uri.EscapeDataString(name))).QuerySelector("#products tbody tr")!.TextContent.ShouldContain("10.10");
        }
    }

    [Fact]
    public async Task Salesperson_CannotDeleteAProductThroughTheDetailPage()
    {
        var product = await CreateProductAsync(app);
        var id = product["id"]!.GetValue<long>();
        using var page = await app.BrowserAsAsync("xiaolin");

        using var response = await page.PostWithTokenAsync($"/products/{id}", $"/products/{id}?handler=Delete", new Dictionary<string, string>());

        response.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await app.WithDbAsync(db => db.Products.AnyAsync(p => p.Id == id))).ShouldBeTrue();
    }

    [Fact]
    public async Task CategoriesPage_IsForAdministratorsOnly_AndAddsACategoryAndASubCategory()
    {
        using var sales = await app.BrowserAsAsync("xiaowang");
        using var denied = await sales.Http.GetAsync("/products/categories");
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using var admin = await app.BrowserAsAsync("admin");
        var name = Unique("页面大类");
        (await admin.SubmitFormAsync("/products/categories", new Dictionary<string, string> { ["Input.Name"] = name }, "#add-category"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var top = await app.WithDbAsync(db => db.ProductCategories.SingleAsync(c => c.Name == name));
        var subName = Unique("页面小类");
        (await admin.SubmitFormAsync("/products/categories", new Dictionary<string, string> { ["Input.Name"] = subName }, $"#add-sub-{top.Id}"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var duplicate = await admin.SubmitFormAsync("/products/categories", new Dictionary<string, string> { ["Input.Name"] = subName }, $"#add-sub-{top.Id}");

        (await app.WithDbAsync(db => db.ProductCategories.SingleAsync(c => c.Name == subName))).ParentId.ShouldBe(top.Id);
        duplicate.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await duplicate.Content.ReadAsStringAsync()).ShouldContain($"同一级已有“{subName}”");
    }

    [Fact]
    public async Task DeleteCategory_InUse_IsRefusedWithAMessage()
    {
        var (category, sub) = await CategoryTreeAsync(app);
        await CreateProductAsync(app, new { categoryId = category, subCategoryId = sub });
        using var admin = await app.BrowserAsAsync("admin");

        using var withChildren = await admin.SubmitFormAsync("/products/categories", new Dictionary<string, string>(), $"#delete-{category}");
        using var used = await admin.SubmitFormAsync("/products/categories", new Dictionary<string, string>(), $"#delete-{sub}");

        (await withChildren.Content.ReadAsStringAsync()).ShouldContain("下还有商品小类，不能删除");
        (await used.Content.ReadAsStringAsync()).ShouldContain("已被商品使用，不能删除");
        (await app.WithDbAsync(db => db.ProductCategories.CountAsync(c => c.Id == category || c.Id == sub))).ShouldBe(2);
    }
}

public sealed class ProductPagesTestsOnSqlite(SqliteApp app) : ProductPagesTests(app), IClassFixture<SqliteApp>;

public sealed class ProductPagesTestsOnPostgres(PostgresApp app) : ProductPagesTests(app), IClassFixture<PostgresApp>;
