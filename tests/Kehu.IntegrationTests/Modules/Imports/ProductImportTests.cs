using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Imports;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Imports.ImportTestData;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Imports;

/// <summary>商品资料 imports over the API, as the purchaser 小王: preview, run, re-import, undo, rights.</summary>
public abstract class ProductImportTests(KehuApp app)
{
    private async Task<string> SupplierNameAsync()
    {
        var id = await SupplierAsync(app);
        return await app.WithDbAsync(db => db.Companies.Where(c => c.Id == id).Select(c => c.Name).SingleAsync());
    }

    private Task<List<Product>> ProductsNamedAsync(params string[] names) => app.WithDbAsync(db =>
    {
        var normalized = names.Select(NameNormalizer.Normalize).ToList();
        return db.Products.AsNoTracking().Where(p => normalized.Contains(p.NormalizedName)).OrderBy(p => p.Id).ToListAsync();
    });

    private Task<List<ProductCategory>> CategoriesNamedAsync(params string[] names) =>
        app.WithDbAsync(db => db.ProductCategories.AsNoTracking().Where(c => names.Contains(c.Name)).ToListAsync());

    /// <summary>A product made through the API: 进价 10, 售价 15, the purchaser's supplier, no category.</summary>
    private async Task<(long Id, string Name)> ExistingAsync()
    {
        var created = await CreateProductAsync(app, user: "xiaowang");
        return (created["id"]!.GetValue<long>(), created["name"]!.GetValue<string>());
    }

    /// <summary>A company 小王 sees that is a customer only.</summary>
    private async Task<string> CustomerOnlyAsync()
    {
        using var wang = await app.ApiAsAsync("xiaowang");
        var name = Unique("只是客户");
        using var response = await wang.PostAsJsonAsync("/api/v1/companies", new { name, roles = new[] { "customer" } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return name;
    }

    [Fact]
    public async Task Preview_OfAMixedFile_CountsCreatesUpdatesAndSkips_AndNamesEachProblem_WritingNothing()
    {
        var supplier = await SupplierNameAsync();
        var customer = await CustomerOnlyAsync();
        var (_, changed) = await ExistingAsync();
        var (_, same) = await ExistingAsync();
        var (a, b, c, d, e) = (Unique("导入商品甲"), Unique("导入商品乙"), Unique("导入商品丙"), Unique("导入商品丁"), Unique("导入商品戊"));
        var (top, sub) = (Unique("导入大类"), Unique("导入小类"));
        using var wang = await app.ApiAsAsync("xiaowang");

        var preview = await UploadedAsync(wang, "products", Utf8Csv(
            "商品名称,供应商,商品大类,商品小类,进价,售价",
            $"{a},{supplier},{top},{sub},\"1,234.50\",2000",
            $"{changed},{supplier},,,12,20",
            $"{b},不存在的供应商,,,1,2",
            $"{c},{customer},,,1,2",
            $"{d},{supplier},,{sub},1,2",
            $"{e},{supplier},,,abc,2",
            $"{a},{supplier},,,1,2",
            $"{same},{supplier},,,10,15"), "商品.csv");

        (preview.Int("rows"), preview.Int("toCreate"), preview.Int("toUpdate"), preview.Int("toSkip")).ShouldBe((8, 1, 1, 6));
        Problems(preview).ShouldBe([
            "4|供应商|供应商“不存在的供应商”不存在或无权访问",
            $"5|供应商|“{customer}”不是供应商，请选择类型为供应商的单位",
            "6|商品小类|填写商品小类时请同时填写商品大类",
            "7|进价|进价“abc”不是有效的数字",
            "8|商品名称|与第 2 行重复",
        ]);
        (await ProductsNamedAsync(a, b, c, d, e)).ShouldBeEmpty();
        (await CategoriesNamedAsync(top, sub)).ShouldBeEmpty();
        (await ProductsNamedAsync(changed)).Single().PurchasePrice.ShouldBe(10m);
    }

    [Fact]
    public async Task Preview_TheSameBarcodeTwiceInTheFile_IsAProblemOfTheLaterRow()
    {
        var supplier = await SupplierNameAsync();
        var barcode = NewEan13();
        using var wang = await app.ApiAsAsync("xiaowang");

        var preview = await UploadedAsync(wang, "products", Utf8Csv("商品名称,供应商,条形码",
            $"{Unique("条码甲")},{supplier},{barcode}", $"{Unique("条码乙")},{supplier},{barcode[..4]} {barcode[4..]}"), "商品.csv");

        (preview.Int("toCreate"), preview.Int("toSkip")).ShouldBe((1, 1));
        Problems(preview).ShouldBe(["3|条形码|与第 2 行重复"]);
    }

    [Fact]
    public async Task Run_CreatesAndUpdatesProducts_CreatingEachNewCategoryOnce()
    {
        var supplierId = await SupplierAsync(app);
        var supplier = await SupplierNameAsync();
        var (existingId, existing) = await ExistingAsync();
        var (a, b) = (Unique("运行商品甲"), Unique("运行商品乙"));
        var (top, sub) = (Unique("运行大类"), Unique("运行小类"));
        var barcode = NewEan13();
        using var wang = await app.ApiAsAsync("xiaowang");

        var done = await ImportedAsync(wang, "products", Utf8Csv(
            "商品名称,供应商,条形码,商品大类,商品小类,规格,进价,销售价,库存下限,状态,备注",
            $"{a},{supplier},{barcode},{top},{sub},70g,\"1,234.50\",2000,5,启用,第一行",
            $"{b},{supplier},,{top},{sub},,3,4,,停用,",
            $"{existing},{supplier},,{top},,,12,20,,,"), "商品.csv");

        (done["state"]!.GetValue<string>(), done.Int("created"), done.Int("updated"), done.Int("skipped")).ShouldBe(("completed", 2, 1, 0));
        var categories = await CategoriesNamedAsync(top, sub);
        categories.Count.ShouldBe(2);
        var topId = categories.Single(x => x.Name == top && x.ParentId == null).Id;
        var subId = categories.Single(x => x.Name == sub && x.ParentId == topId).Id;
        var products = await ProductsNamedAsync(a, b, existing);
        var first = products.Single(p => p.Name == a);
        (first.SupplierId, first.Barcode, first.CategoryId, first.SubCategoryId, first.Specification, first.PurchasePrice, first.SalePrice, first.MinimumStock, first.IsActive, first.Notes)
            .ShouldBe((supplierId, barcode, topId, subId, "70g", 1234.50m, 2000m, 5m, true, "第一行"));
        first.Code.ShouldStartWith("P");
        var second = products.Single(p => p.Name == b);
        (second.CategoryId, second.SubCategoryId, second.IsActive).ShouldBe((topId, subId, false));
        var updated = products.Single(p => p.Id == existingId);
        (updated.CategoryId, updated.SubCategoryId, updated.PurchasePrice, updated.SalePrice, updated.Version).ShouldBe((topId, null, 12m, 20m, 2));
        var wangId = await app.UserIdAsync("xiaowang");
        (first.CreatedById, updated.UpdatedById).ShouldBe((wangId, wangId));
    }

    [Fact]
    public async Task ImportingTheSameFileAgain_SkipsEveryRow_AndChangesNoVersion()
    {
        var supplier = await SupplierNameAsync();
        var (_, existing) = await ExistingAsync();
        var a = Unique("再导商品");
        var (top, sub) = (Unique("再导大类"), Unique("再导小类"));
        var file = Utf8Csv("商品名称,供应商,商品大类,商品小类,进价,售价,状态", $"{a},{supplier},{top},{sub},5,6,是", $"{existing},{supplier},{top},,11,15,true");
        using var wang = await app.ApiAsAsync("xiaowang");
        var first = await ImportedAsync(wang, "products", file, "商品.csv");
        (first.Int("created"), first.Int("updated")).ShouldBe((1, 1));
        var before = (await ProductsNamedAsync(a, existing)).Select(p => (p.Id, p.Version)).ToList();

        var again = await ImportedAsync(wang, "products", file, "商品.csv");

        (again["state"]!.GetValue<string>(), again.Int("created"), again.Int("updated"), again.Int("skipped")).ShouldBe(("completed", 0, 0, 2));
        Problems(again).ShouldBeEmpty();
        (await ProductsNamedAsync(a, existing)).Select(p => (p.Id, p.Version)).ToList().ShouldBe(before);
        (await CategoriesNamedAsync(top, sub)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Undo_RemovesCreatedProductsAndCategories_AndRestoresUpdatedOnes()
    {
        var supplier = await SupplierNameAsync();
        var (existingId, existing) = await ExistingAsync();
        var (top, sub, a) = (Unique("撤销大类"), Unique("撤销小类"), Unique("撤销商品"));
        using var wang = await app.ApiAsAsync("xiaowang");
        var done = await ImportedAsync(wang, "products", Utf8Csv("商品名称,供应商,商品大类,商品小类,进价", $"{a},{supplier},{top},{sub},5", $"{existing},{supplier},{top},{sub},99"), "商品.csv");
        (done.Int("created"), done.Int("updated")).ShouldBe((1, 1));

        using var response = await wang.PostAsync($"/api/v1/imports/{done["id"]}/undo", null);
        var body = await response.ReadObjectAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body.ToJsonString());

        body["state"]!.GetValue<string>().ShouldBe("undone");
        (await ProductsNamedAsync(a)).ShouldBeEmpty();
        (await CategoriesNamedAsync(top, sub)).ShouldBeEmpty();
        var restored = (await ProductsNamedAsync(existing)).Single();
        (restored.Id, restored.PurchasePrice, restored.SalePrice, restored.CategoryId, restored.SubCategoryId).ShouldBe((existingId, 10m, 15m, null, null));
    }

    [Fact]
    public async Task Undo_WhenAnImportedProductIsOnAPurchaseOrder_IsRefusedNamingIt_AndChangesNothing()
    {
        var supplierId = await SupplierAsync(app);
        var supplier = await SupplierNameAsync();
        var (_, existing) = await ExistingAsync();
        var (top, a) = (Unique("被用大类"), Unique("被用商品"));
        using var wang = await app.ApiAsAsync("xiaowang");
        var done = await ImportedAsync(wang, "products", Utf8Csv("商品名称,供应商,商品大类,进价", $"{a},{supplier},{top},5", $"{existing},{supplier},,77"), "商品.csv");
        var product = (await ProductsNamedAsync(a)).Single();
        await Purchasing.PurchaseOrderTestData.CreateOrderAsync(wang, new { supplierId, lines = new[] { new { productId = product.Id, quantity = 1 } } });
        var before = await CountsAsync(app);

        using var response = await wang.PostAsync($"/api/v1/imports/{done["id"]}/undo", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldContain(a);
        (await CountsAsync(app)).ShouldBe(before);
        (await ProductsNamedAsync(a)).Single().Version.ShouldBe(product.Version);
        (await ProductsNamedAsync(existing)).Single().PurchasePrice.ShouldBe(77m);
        (await CategoriesNamedAsync(top)).Count.ShouldBe(1);
        (await wang.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/imports/{done["id"]}"))!["state"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task Undo_WhenTheReplacedBarcodeNowBelongsToAnotherProduct_IsRefusedNamingBoth_AndChangesNothing()
    {
        var supplier = await SupplierNameAsync();
        var digits = Random.Shared.NextInt64(10_000_000_000, 99_999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (oldBarcode, newBarcode) = ("KH1" + digits, "KH2" + digits);
        var existing = await CreateProductAsync(app, new { barcode = oldBarcode }, user: "xiaowang");
        var name = existing["name"]!.GetValue<string>();
        using var wang = await app.ApiAsAsync("xiaowang");
        var done = await ImportedAsync(wang, "products", Utf8Csv("商品名称,供应商,条形码", $"{name},{supplier},{newBarcode}"), "商品.csv");
        done.Int("updated").ShouldBe(1);
        var holder = await CreateProductAsync(app, new { barcode = oldBarcode }, user: "xiaowang");
        var before = (await ProductsNamedAsync(name)).Single();

        using var response = await wang.PostAsync($"/api/v1/imports/{done["id"]}/undo", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var detail = (await response.ReadObjectAsync())["detail"]!.GetValue<string>();
        detail.ShouldContain(name);
        detail.ShouldContain(oldBarcode);
        detail.ShouldContain(holder["name"]!.GetValue<string>());
        var after = (await ProductsNamedAsync(name)).Single();
        (after.Barcode, after.Version).ShouldBe((newBarcode, before.Version));
        (await wang.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/api/v1/imports/{done["id"]}"))!["state"]!.GetValue<string>().ShouldBe("completed");
    }

    [Fact]
    public async Task XlsxWrittenByLibreOffice_WithChineseHeadersAndThousandsSeparators_IsImported()
    {
        var supplier = await SupplierNameAsync();
        var (a, b) = (Unique("表格商品甲"), Unique("表格商品乙"));
        var folder = Directory.CreateTempSubdirectory("kehu-import-").FullName;
        var csv = Path.Combine(folder, "商品.csv");
        await File.WriteAllBytesAsync(csv, Utf8Csv("商品名称,供应商,进价,售价", $"{a},{supplier},\"12,345.60\",\"1,000\"", $"{b},{supplier},8,\"2,500.5\"", ",,,"));
        var xlsx = await LibreOffice.ConvertAsync(csv, "xlsx", "CSV:44,34,76,1");
        using var wang = await app.ApiAsAsync("xiaowang");

        var done = await ImportedAsync(wang, "products", await File.ReadAllBytesAsync(xlsx), "商品.xlsx");

        (done["state"]!.GetValue<string>(), done.Int("rows"), done.Int("created"), done.Int("skipped")).ShouldBe(("completed", 2, 2, 0));
        var prices = (await ProductsNamedAsync(a, b)).Select(p => (p.Name, p.PurchasePrice, p.SalePrice)).OrderBy(p => p.Name).ToList();
        prices.ShouldBe(new[] { (a, 12345.60m, 1000m), (b, 8m, 2500.5m) }.OrderBy(p => p.Item1).ToList());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task ASalesperson_MayNotImportProducts_AndGets403()
    {
        var before = await CountsAsync(app);
        using var lin = await app.ApiAsAsync("xiaolin");

        using var response = await UploadAsync(lin, "products", Utf8Csv("商品名称", Unique("越权商品")), "商品.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe(ProductsModule.ManagersOnlyMessage);
        (await CountsAsync(app)).ShouldBe(before);
    }
}

public sealed class ProductImportTestsOnSqlite(SqliteApp app) : ProductImportTests(app), IClassFixture<SqliteApp>;

public sealed class ProductImportTestsOnPostgres(PostgresApp app) : ProductImportTests(app), IClassFixture<PostgresApp>;
