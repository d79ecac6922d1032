using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Service;

/// <summary>相关商品 on complaints (SPEC §3.2): 小李 names a product when registering; the product
/// must exist and, when newly chosen, be active; a product named by a complaint cannot be deleted.</summary>
public abstract class ComplaintProductTests(KehuApp app)
{
    private async Task<long> CompanyIdAsync() =>
        await app.WithDbAsync(db => db.Companies.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<(long Id, string Code, string Name)> ProductAsync()
    {
        var p = await CreateProductAsync(app);
        return (p["id"]!.GetValue<long>(), p["code"]!.GetValue<string>(), p["name"]!.GetValue<string>());
    }

    private async Task<HttpResponseMessage> RegisterAsync(HttpClient xiaoli, string subject, long? productId) =>
        await xiaoli.PostAsJsonAsync("/api/v1/complaints", new { companyId = await CompanyIdAsync(), subject, productId });

    private async Task<JsonObject> RegisteredAsync(HttpClient xiaoli, string subject, long? productId)
    {
        using var response = await RegisterAsync(xiaoli, subject, productId);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    private Task<long?> SavedProductAsync(long complaintId) =>
        app.WithDbAsync(db => db.Complaints.Where(c => c.Id == complaintId).Select(c => c.ProductId).SingleAsync());

    [Fact]
    public async Task CreateAndEdit_WithAProduct_RoundTripsItsIdCodeAndName()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        var first = await ProductAsync();
        var second = await ProductAsync();

        var created = await RegisteredAsync(xiaoli, Unique("商品投诉"), first.Id);

        (created["productId"]!.GetValue<long>(), created["productCode"]!.GetValue<string>(), created["productName"]!.GetValue<string>())
            .ShouldBe((first.Id, first.Code, first.Name));
        var id = created["id"]!.GetValue<long>();
        var read = await (await xiaoli.GetAsync($"/api/v1/complaints/{id}")).ReadObjectAsync();
        read["productName"]!.GetValue<string>().ShouldBe(first.Name);

        using var edited = await xiaoli.PutAsJsonAsync($"/api/v1/complaints/{id}",
            new { companyId = await CompanyIdAsync(), subject = created["subject"]!.GetValue<string>(), productId = second.Id, version = created["version"]!.GetValue<int>() });
        edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        var after = await edited.ReadObjectAsync();
        (after["productId"]!.GetValue<long>(), after["productName"]!.GetValue<string>()).ShouldBe((second.Id, second.Name));
        (await SavedProductAsync(id)).ShouldBe(second.Id);

        using var cleared = await xiaoli.PutAsJsonAsync($"/api/v1/complaints/{id}",
            new { companyId = await CompanyIdAsync(), subject = created["subject"]!.GetValue<string>(), version = after["version"]!.GetValue<int>() });
        var none = await cleared.ReadObjectAsync();
        (none["productId"], none["productName"]).ShouldBe((null, null));
        (await SavedProductAsync(id)).ShouldBeNull();
    }

    [Fact]
    public async Task Create_WithAnUnknownProduct_IsRefusedNamingTheField_AndSavesNothing()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        var subject = Unique("未知商品");

        using var response = await RegisterAsync(xiaoli, subject, long.MaxValue);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("productId")).ShouldBe(["相关商品的取值无效"]);
        (await app.WithDbAsync(db => db.Complaints.CountAsync(c => c.Subject == subject))).ShouldBe(0);
    }

    [Fact]
    public async Task AnInactiveProduct_CannotBeNewlyChosen_ButAComplaintThatNamesItKeepsItOnEdit()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var admin = await app.ApiAsAsync("admin");
        var product = await ProductAsync();
        var naming = await RegisteredAsync(xiaoli, Unique("停用前"), product.Id);
        var other = await RegisteredAsync(xiaoli, Unique("无商品"), null);
        (await admin.PostAsync($"/api/v1/products/{product.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var subject = Unique("停用后");
        using var refused = await RegisterAsync(xiaoli, subject, product.Id);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.FieldErrorsAsync("productId")).ShouldBe(["相关商品已停用，不能选择"]);
        (await app.WithDbAsync(db => db.Complaints.CountAsync(c => c.Subject == subject))).ShouldBe(0);

        var otherId = other["id"]!.GetValue<long>();
        using var chosenOnEdit = await xiaoli.PutAsJsonAsync($"/api/v1/complaints/{otherId}",
            new { companyId = await CompanyIdAsync(), subject = "改选停用商品", productId = product.Id, version = other["version"]!.GetValue<int>() });
        chosenOnEdit.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await chosenOnEdit.FieldErrorsAsync("productId")).ShouldBe(["相关商品已停用，不能选择"]);
        (await app.WithDbAsync(db => db.Complaints.Where(c => c.Id == otherId).Select(c => new { c.Subject, c.ProductId, c.Version }).SingleAsync()))
            .ShouldBe(new { Subject = other["subject"]!.GetValue<string>(), ProductId = (long?)null, Version = other["version"]!.GetValue<int>() });

        var namingId = naming["id"]!.GetValue<long>();
        using var kept = await xiaoli.PutAsJsonAsync($"/api/v1/complaints/{namingId}",
            new { companyId = await CompanyIdAsync(), subject = "停用后仍可编辑", productId = product.Id, version = naming["version"]!.GetValue<int>() });
        kept.StatusCode.ShouldBe(HttpStatusCode.OK, await kept.Content.ReadAsStringAsync());
        (await kept.ReadObjectAsync())["productName"]!.GetValue<string>().ShouldBe(product.Name);
        (await SavedProductAsync(namingId)).ShouldBe(product.Id);
    }

    [Fact]
    public async Task DeletingAProductNamedByAComplaint_IsRefusedWithAClearMessage_AndTheProductRemains()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var admin = await app.ApiAsAsync("admin");
        var product = await ProductAsync();
        await RegisteredAsync(xiaoli, Unique("删除商品"), product.Id);

        using var response = await admin.DeleteAsync($"/api/v1/products/{product.Id}");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe($"商品“{product.Name}”已被 1 张投诉单使用，不能删除。如不再需要，请停用它。");
        (await app.WithDbAsync(db => db.Products.AnyAsync(p => p.Id == product.Id))).ShouldBeTrue();
    }

    [Fact]
    public async Task List_FilteredByProduct_ReturnsOnlyTheComplaintsNamingIt_NewestFirst()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        var product = await ProductAsync();
        var otherProduct = await ProductAsync();
        var first = (await RegisteredAsync(xiaoli, Unique("商品甲一"), product.Id))["id"]!.GetValue<long>();
        await RegisteredAsync(xiaoli, Unique("商品乙"), otherProduct.Id);
        await RegisteredAsync(xiaoli, Unique("无商品"), null);
        var second = (await RegisteredAsync(xiaoli, Unique("商品甲二"), product.Id))["id"]!.GetValue<long>();

        var page = await (await xiaoli.GetAsync($"/api/v1/complaints?productId={product.Id}")).ReadObjectAsync();

        page["items"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()).ShouldBe([second, first]);
        page["items"]!.AsArray().ShouldAllBe(c => c!["productId"]!.GetValue<long>() == product.Id);
        (await app.Anonymous().GetStringAsync("/api/v1/openapi.json")).ShouldContain("typeId, productId");
    }

    [Fact]
    public async Task ComplaintForm_SavesTheChosenProduct_AndTheDetailTaskAndProductPagesShowIt()
    {
        using var xiaoli = await app.BrowserAsAsync("xiaoli");
        var product = await ProductAsync();
        var subject = Unique("页面商品");
        var form = await xiaoli.GetDocumentAsync("/service/complaints/new");
        var picker = form.QuerySelector("select[name='Input.ProductId']").ShouldNotBeNull();
        var lookup = picker.GetAttribute("data-search-url")!;
        var found = JsonNode.Parse(await xiaoli.Http.GetStringAsync(lookup + "&q=" + Uri.EscapeDataString(product.Code)))!.AsArray();
        found.Select(p => p!["id"]!.GetValue<long>()).ShouldBe([product.Id]);

        using var saved = await xiaoli.SubmitFormAsync("/service/complaints/new", new Dictionary<string, string>
        {
            ["Input.CompanyId"] = Id(await CompanyIdAsync()),
            ["Input.Subject"] = subject,
            ["Input.ProductId"] = Id(product.Id),
            ["submit"] = "true",
        });

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var complaint = await app.WithDbAsync(db => db.Complaints.AsNoTracking().SingleAsync(c => c.Subject == subject));
        complaint.ProductId.ShouldBe(product.Id);
        var detail = await xiaoli.GetDocumentAsync($"/service/complaints/{complaint.Id}");
        var shown = detail.QuerySelector("#complaint-product").ShouldNotBeNull();
        shown.QuerySelector("a")!.GetAttribute("href").ShouldBe($"/products/{product.Id}");
        shown.TextContent.ShouldContain(product.Code);

        using var sun = await app.BrowserAsAsync("sunjingli");
        var task = await app.WithDbAsync(db => db.WorkflowTasks.Where(t => t.DocumentType == "complaint" && t.DocumentId == complaint.Id).Select(t => t.Id).SingleAsync());
        var handle = await sun.GetDocumentAsync($"/tasks/{task}");
        var field = handle.QuerySelector("#field-productId").ShouldNotBeNull();
        field.GetAttribute("data-readonly").ShouldBe("true");
        field.TextContent.Trim().ShouldBe($"{product.Code} {product.Name}");

        var productPage = await xiaoli.GetDocumentAsync($"/products/{product.Id}");
        productPage.QuerySelector("#product-complaints")!.TextContent.ShouldContain(subject);
        var list = await xiaoli.GetDocumentAsync($"/service/complaints?productId={product.Id}");
        list.QuerySelectorAll("#complaints-table tbody tr").Select(r => r.TextContent).ShouldHaveSingleItem().ShouldContain(subject);
        list.QuerySelector("#f-product option[selected]")!.GetAttribute("value").ShouldBe(Id(product.Id));
    }

    [Fact]
    public async Task EditForm_ShowsTheChosenProduct_AndAChangeIsLabelledInTheHistory()
    {
        using var xiaoli = await app.BrowserAsAsync("xiaoli");
        var before = await ProductAsync();
        var after = await ProductAsync();
        var subject = Unique("页面改商品");
        using var api = await app.ApiAsAsync("xiaoli");
        var id = (await RegisteredAsync(api, subject, before.Id))["id"]!.GetValue<long>();

        var form = await xiaoli.GetDocumentAsync($"/service/complaints/{id}/edit");
        form.QuerySelector("select[name='Input.ProductId'] option[selected]")!.GetAttribute("value").ShouldBe(Id(before.Id));
        using var saved = await xiaoli.SubmitFormAsync($"/service/complaints/{id}/edit", new Dictionary<string, string> { ["Input.ProductId"] = Id(after.Id) });

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await SavedProductAsync(id)).ShouldBe(after.Id);
        var history = (await xiaoli.GetDocumentAsync($"/service/complaints/{id}")).QuerySelector("#history")!.TextContent;
        history.ShouldContain($"相关商品：{before.Code} {before.Name} → {after.Code} {after.Name}");
    }

    [Fact]
    public async Task ComplaintForm_WithAnUnknownProduct_ShowsTheMessageAtTheField_AndSavesNothing()
    {
        using var xiaoli = await app.BrowserAsAsync("xiaoli");
        var subject = Unique("页面未知商品");

        using var response = await xiaoli.SubmitFormAsync("/service/complaints/new", new Dictionary<string, string>
        {
            ["Input.CompanyId"] = Id(await CompanyIdAsync()),
            ["Input.Subject"] = subject,
            ["Input.ProductId"] = Id(long.MaxValue),
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await PageClient.ParseAsync(response);
        page.QuerySelector("#Input_ProductId")!.ParentElement!.QuerySelector(".field-validation-error")!.TextContent.Trim().ShouldBe("相关商品的取值无效");
        (await app.WithDbAsync(db => db.Complaints.CountAsync(c => c.Subject == subject))).ShouldBe(0);
    }

    [Fact]
    public async Task ProductPage_ListsOnlyTheComplaintsTheUserMaySee()
    {
        using var api = await app.ApiAsAsync("xiaoli");
        var product = await ProductAsync();
        var subject = Unique("采购看不到");
        var id = (await RegisteredAsync(api, subject, product.Id))["id"]!.GetValue<long>();
        using var xiaowang = await app.ApiAsAsync("xiaowang");
        (await xiaowang.GetAsync($"/api/v1/complaints/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var purchaser = await app.BrowserAsAsync("xiaowang");

        var page = await purchaser.GetDocumentAsync($"/products/{product.Id}");

        var section = page.QuerySelector("#product-complaints").ShouldNotBeNull();
        section.TextContent.ShouldNotContain(subject);
        section.TextContent.ShouldContain("没有涉及该商品的投诉单。");
    }

    [Fact]
    public async Task DemoData_SomeComplaintsNameAProduct()
    {
        var demo = await app.WithDbAsync(db => db.Complaints.Where(c => c.Subject == "数控机床主轴异响").Select(c => c.ProductId).SingleAsync());
        demo.ShouldNotBeNull();
        (await app.WithDbAsync(db => db.Products.Where(p => p.Id == demo).Select(p => p.Name).SingleAsync())).ShouldBe("深沟球轴承");
    }
}

public sealed class ComplaintProductTestsOnSqlite(SqliteApp app) : ComplaintProductTests(app), IClassFixture<SqliteApp>;

public sealed class ComplaintProductTestsOnPostgres(PostgresApp app) : ComplaintProductTests(app), IClassFixture<PostgresApp>;
