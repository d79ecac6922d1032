using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Products;

public abstract class ProductsApiTests(KehuApp app)
{
    [Fact]
    public async Task Create_AssignsACodeAndVersion_AndTheProductReadsBackWithNames()
    {
        var (category, sub) = await CategoryTreeAsync(app);
        var unit = await app.WithDbAsync(db => db.OptionItems.Where(o => o.ListCode == "unit").Select(o => o.Id).FirstAsync());
        var barcode = NewEan13();

        var created = await CreateProductAsync(app, new { barcode, categoryId = category, subCategoryId = sub, unitId = unit, minimumStock = 5.5m, specification = "M8" }, user: "xiaowang");

        created["code"]!.GetValue<string>().ShouldMatch(@"^P\d{6}$");
        created["version"]!.GetValue<int>().ShouldBe(1);
        created["isActive"]!.GetValue<bool>().ShouldBeTrue();
        created["supplier"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        created["subCategoryId"]!.GetValue<long>().ShouldBe(sub);
        created["unit"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        created["minimumStock"]!.GetValue<decimal>().ShouldBe(5.5m);
        created["barcode"]!.GetValue<string>().ShouldBe(barcode);
    }

    [Fact]
    public async Task Create_WithoutNameOrSupplier_IsRefusedNamingBothFields_AndSavesNothing()
    {
        using var api = await app.ApiAsAsync("xiaowang");
        var before = await app.WithDbAsync(db => db.Products.CountAsync());

        using var response = await api.PostAsJsonAsync("/api/v1/products", new { name = " ", purchasePrice = 3 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("supplierId")).ShouldBe(["供应商不能为空"]);
        (await app.WithDbAsync(db => db.Products.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Create_WithoutSupplier_InEnglish_NamesTheFieldInEnglish()
    {
        using var api = await app.ApiAsAsync("xiaowang");
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        using var response = await api.PostAsJsonAsync("/api/v1/products", new { name = "x" });

        (await response.FieldErrorsAsync("supplierId")).ShouldBe(["Supplier is required"]);
    }

    [Fact]
    public async Task Create_WithACompanyThatIsNotASupplier_IsRefused()
    {
        using var api = await app.ApiAsAsync("admin");
        var customer = await app.WithDbAsync(db => db.Companies.Where(c => !c.IsSupplier).Select(c => new { c.Id, c.Name }).FirstAsync());

        using var response = await api.PostAsJsonAsync("/api/v1/products", new { name = Unique("非供应商"), supplierId = customer.Id });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("supplierId")).ShouldBe([$"“{customer.Name}”不是供应商，请选择类型为供应商的单位"]);
    }

    [Fact]
    public async Task Create_WithASupplierOutsideTheUsersDataScope_IsRefused()
    {
        using var admin = await app.ApiAsAsync("admin");
        var supplier = await (await admin.PostAsJsonAsync("/api/v1/companies", new { name = Unique("销售部的供应商"), roles = new[] { "supplier" }, ownerId = await app.UserIdAsync("zhaojingli") })).ReadObjectAsync();
        using var xiaowang = await app.ApiAsAsync("xiaowang");

        using var response = await xiaowang.PostAsJsonAsync("/api/v1/products", new { name = Unique("越权"), supplierId = supplier["id"]!.GetValue<long>() });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("supplierId")).ShouldBe(["供应商不存在或无权访问"]);
    }

    [Theory]
    [InlineData("4006381333932", "1")]
    [InlineData("73513538", "7")]
    [InlineData("036000291450", "2")]
    public async Task Create_WithABadCheckDigit_IsRefusedWithTheDigitItShouldBe(string barcode, string expected)
    {
        using var api = await app.ApiAsAsync("xiaowang");

        using var response = await api.PostAsJsonAsync("/api/v1/products", new { name = Unique("坏条码"), supplierId = await SupplierAsync(app), barcode });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("barcode")).ShouldBe([$"条形码 {barcode} 的校验位不正确（应为 {expected}）"]);
    }

    [Fact]
    public async Task Create_WithValidEan8AndUpcA_IsAccepted_UpcWrittenWithHyphens()
    {
        (await CreateProductAsync(app, new { barcode = "96385074" }))["barcode"]!.GetValue<string>().ShouldBe("96385074");
        (await CreateProductAsync(app, new { barcode = "0123-4567-8905" }))["barcode"]!.GetValue<string>().ShouldBe("012345678905");
    }

    [Fact]
    public async Task Create_WithADuplicateBarcode_IsRefusedNamingTheOtherProduct()
    {
        var barcode = NewEan13();
        var first = await CreateProductAsync(app, new { barcode });
        using var api = await app.ApiAsAsync("xiaowang");

        using var response = await api.PostAsJsonAsync("/api/v1/products", new { name = Unique("重复条码"), supplierId = await SupplierAsync(app), barcode });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("barcode")).ShouldBe([$"条形码 {barcode} 已被商品 {first["name"]}（{first["code"]}）使用"]);
    }

    [Fact]
    public async Task Create_WithASubCategoryOfAnotherCategory_IsRefused()
    {
        var (category, _) = await CategoryTreeAsync(app);
        var (_, foreignSub) = await CategoryTreeAsync(app);
        using var api = await app.ApiAsAsync("xiaowang");

        using var response = await api.PostAsJsonAsync("/api/v1/products", new { name = Unique("错分类"), supplierId = await SupplierAsync(app), categoryId = category, subCategoryId = foreignSub });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("subCategoryId")).Single().ShouldStartWith("商品小类“");
        (await response.FieldErrorsAsync("subCategoryId")).Single().ShouldContain("不属于商品大类");
    }

    [Fact]
    public async Task Create_WithATopLevelCategoryAsSubCategory_IsRefused()
    {
        var (category, _) = await CategoryTreeAsync(app);
        using var api = await app.ApiAsAsync("xiaowang");

        using var response = await api.PostAsJsonAsync("/api/v1/products", new { name = Unique("错层级"), supplierId = await SupplierAsync(app), subCategoryId = category });

        (await response.FieldErrorsAsync("subCategoryId")).ShouldBe(["商品小类的取值无效"]);
    }

    [Fact]
    public async Task Create_WithOnlyASubCategory_TakesItsCategory()
    {
        var (category, sub) = await CategoryTreeAsync(app);

        var created = await CreateProductAsync(app, new { subCategoryId = sub });

        created["categoryId"]!.GetValue<long>().ShouldBe(category);
    }

    [Fact]
    public async Task Create_WithNegativeOrOverPrecisePrices_IsRefusedPerField()
    {
        using var api = await app.ApiAsAsync("xiaowang");

        using var response = await api.PostAsJsonAsync("/api/v1/products", new { name = Unique("价格"), supplierId = await SupplierAsync(app), purchasePrice = -1, salePrice = 1.005m, minimumStock = -2 });

        (await response.FieldErrorsAsync("purchasePrice")).ShouldBe(["进价不能小于 0"]);
        (await response.FieldErrorsAsync("salePrice")).ShouldBe(["售价最多 2 位小数"]);
        (await response.FieldErrorsAsync("minimumStock")).ShouldBe(["库存下限不能小于 0"]);
    }

    [Fact]
    public async Task Salesperson_CannotCreateEditOrDeleteAProduct_ButCanReadThem()
    {
        var product = await CreateProductAsync(app);
        var id = product["id"]!.GetValue<long>();
        using var api = await app.ApiAsAsync("xiaolin");
        var before = await app.WithDbAsync(db => db.Products.CountAsync());

        using var create = await api.PostAsJsonAsync("/api/v1/products", new { name = Unique("销售员"), supplierId = await SupplierAsync(app) });
        using var edit = await api.PutAsJsonAsync($"/api/v1/products/{id}", new { name = "改名", supplierId = product["supplierId"]!.GetValue<long>(), version = 1 });
        using var delete = await api.DeleteAsync($"/api/v1/products/{id}");

        create.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await create.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe("只有采购员、采购部经理和系统管理员可以维护商品资料");
        edit.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        delete.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.WithDbAsync(db => db.Products.CountAsync())).ShouldBe(before);
        (await app.WithDbAsync(db => db.Products.Where(p => p.Id == id).Select(p => p.Name).SingleAsync())).ShouldBe(product["name"]!.GetValue<string>());
        (await api.GetAsync($"/api/v1/products/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PurchaseManager_MayCreateAProduct()
    {
        var created = await CreateProductAsync(app, user: "caijingli");
        created["code"]!.GetValue<string>().ShouldStartWith("P");
    }

    [Fact]
    public async Task Anonymous_Gets401()
    {
        using var client = app.Anonymous();
        (await client.GetAsync("/api/v1/products")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/v1/products", new { name = "x" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/v1/product-categories")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Update_WithStaleVersion_Is409AndOverwritesNothing()
    {
        var product = await CreateProductAsync(app);
        var id = product["id"]!.GetValue<long>();
        var supplierId = product["supplierId"]!.GetValue<long>();
        using var api = await app.ApiAsAsync("xiaowang");
        (await api.PutAsJsonAsync($"/api/v1/products/{id}", new { name = "第一次", supplierId, version = 1 })).EnsureSuccessStatusCode();

        using var stale = await api.PutAsJsonAsync($"/api/v1/products/{id}", new { name = "第二次", supplierId, version = 1 });

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.WithDbAsync(db => db.Products.Where(p => p.Id == id).Select(p => p.Name).SingleAsync())).ShouldBe("第一次");
    }

    [Fact]
    public async Task Update_RecordsFieldLevelHistory()
    {
        var product = await CreateProductAsync(app);
        var id = product["id"]!.GetValue<long>();
        using var api = await app.ApiAsAsync("xiaowang");

        (await api.PutAsJsonAsync($"/api/v1/products/{id}", new { name = product["name"]!.GetValue<string>(), supplierId = product["supplierId"]!.GetValue<long>(), salePrice = 19.9m, purchasePrice = 10m, version = 1 })).EnsureSuccessStatusCode();

        var history = await (await api.GetAsync($"/api/v1/products/{id}/history")).Content.ReadAsStringAsync();
        history.ShouldContain("\"field\":\"SalePrice\"");
        history.ShouldContain("\"to\":\"19.9");
    }

    [Fact]
    public async Task Deactivate_KeepsTheProductButMarksItInactive_AndActivateUndoesIt()
    {
        var product = await CreateProductAsync(app);
        var id = product["id"]!.GetValue<long>();
        using var api = await app.ApiAsAsync("xiaowang");

        var off = await (await api.PostAsync($"/api/v1/products/{id}/deactivate?version=1", null)).ReadObjectAsync();
        var list = await (await api.GetAsync($"/api/v1/products?q={product["code"]}&active=true")).ReadObjectAsync();
        var on = await (await api.PostAsync($"/api/v1/products/{id}/activate", null)).ReadObjectAsync();

        off["isActive"]!.GetValue<bool>().ShouldBeFalse();
        list["items"]!.AsArray().Count.ShouldBe(0);
        on["isActive"]!.GetValue<bool>().ShouldBeTrue();
        on["version"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task Delete_AnUnusedProduct_RemovesIt()
    {
        var product = await CreateProductAsync(app);
        var id = product["id"]!.GetValue<long>();
        using var api = await app.ApiAsAsync("xiaowang");

        (await api.DeleteAsync($"/api/v1/products/{id}?version=1")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await app.WithDbAsync(db => db.Products.AnyAsync(p => p.Id == id))).ShouldBeFalse();
        (await api.GetAsync($"/api/v1/products/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Search_FindsByNameSubstringCodeAndBarcode()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var barcode = NewEan13();
        var a = await CreateProductAsync(app, new { name = $"{tag}不锈钢合页", barcode });
        await CreateProductAsync(app, new { name = $"{tag}铝合金门把手" });
        using var api = await app.ApiAsAsync("xiaolin");

        async Task<List<string>> Names(string q) =>
            (await (await api.GetAsync($"/api/v1/products?q={Uri.EscapeDataString(q)}&limit=50")).ReadObjectAsync())["items"]!.AsArray()
                .Select(i => i!["name"]!.GetValue<string>()).ToList();

        (await Names(tag + "不锈钢")).ShouldBe([$"{tag}不锈钢合页"]);
        (await Names(tag)).Count.ShouldBe(2);
        (await Names(a["code"]!.GetValue<string>().ToLowerInvariant())).ShouldBe([$"{tag}不锈钢合页"]);
        (await Names(barcode)).ShouldBe([$"{tag}不锈钢合页"]);
    }

    [Fact]
    public async Task List_PagesWithCursorsWithoutGapsOrRepeats_AndFiltersBySupplier()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var supplier = await SupplierAsync(app);
        var expected = await app.WithDbAsync(db => db.Products.Where(p => p.SupplierId == supplier).OrderByDescending(p => p.Id).Select(p => p.Id).ToListAsync());
        expected.Count.ShouldBeGreaterThan(2);

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await (await api.GetAsync($"/api/v1/products?supplierId={supplier}&limit=2&cursor={cursor}")).ReadObjectAsync();
            seen.AddRange(page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<long>()));
            cursor = page["nextCursor"]?.GetValue<string>();
        } while (cursor is not null);

        seen.ShouldBe(expected);
    }

    [Fact]
    public async Task Supplier_WithProducts_CannotBeDeletedNorLoseItsSupplierRole()
    {
        using var admin = await app.ApiAsAsync("admin");
        var company = await (await admin.PostAsJsonAsync("/api/v1/companies", new { name = Unique("有商品的供应商"), roles = new[] { "supplier" } })).ReadObjectAsync();
        var companyId = company["id"]!.GetValue<long>();
        await CreateProductAsync(app, new { supplierId = companyId });

        using var delete = await admin.DeleteAsync($"/api/v1/companies/{companyId}");
        using var demote = await admin.PutAsJsonAsync($"/api/v1/companies/{companyId}", new { name = company["name"]!.GetValue<string>(), roles = new[] { "customer" }, version = 1 });

        delete.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await delete.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe("该单位是 1 个商品的供应商，不能删除");
        demote.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await demote.FieldErrorsAsync("roles")).ShouldBe(["该单位是 1 个商品的供应商，不能取消供应商类型"]);
        (await app.WithDbAsync(db => db.Companies.Where(c => c.Id == companyId).Select(c => c.IsSupplier).SingleAsync())).ShouldBeTrue();
    }
}

public sealed class ProductsApiTestsOnSqlite(SqliteApp app) : ProductsApiTests(app), IClassFixture<SqliteApp>;

public sealed class ProductsApiTestsOnPostgres(PostgresApp app) : ProductsApiTests(app), IClassFixture<PostgresApp>;
