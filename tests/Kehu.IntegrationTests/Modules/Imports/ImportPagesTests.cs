using System.Net;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using static Kehu.IntegrationTests.Modules.Imports.ImportTestData;

namespace Kehu.IntegrationTests.Modules.Imports;

/// <summary>The import pages: upload (with anti-forgery), change the mapping, preview, commit, the
/// progress partial, the list, undo.</summary>
public abstract class ImportPagesTests(KehuApp app)
{
    private static async Task<HttpResponseMessage> UploadPageAsync(PageClient page, byte[] bytes, string fileName)
    {
        var doc = await page.GetDocumentAsync("/imports/new/companies");
        var token = doc.QuerySelector("#import-upload input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(bytes), "file", fileName } };
        return await page.Http.PostAsync("/imports/new/companies", form);
    }

    private Task<bool> ExistsAsync(string name) => CompanyExistsAsync(app, name);

    [Fact]
    public async Task Upload_Remap_Commit_Progress_Undo_ThroughThePages()
    {
        var name = AdminTestHelpers.Unique("页面导入");
        using var page = await app.BrowserAsAsync("xiaolin");

        using var uploaded = await UploadPageAsync(page, Utf8Csv("公司名,电话", $"{name},021-1"), "c.csv");
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var url = uploaded.Headers.Location!.OriginalString;
        var preview = await page.GetDocumentAsync(url);
        preview.QuerySelector("#import-state")!.TextContent.ShouldBe("已上传");
        preview.QuerySelector("#import-problems")!.TextContent.ShouldContain("单位名称不能为空");

        using (var remapped = await page.SubmitFormAsync(url, new Dictionary<string, string>(), "#import-mapping"))
            remapped.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var values = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", (await page.GetDocumentAsync(url)).QuerySelector("#import-mapping input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("mapping", "name"), new("mapping", "phone"),
        };
        using (var remapped = await page.Http.PostAsync(url + "?handler=Remap", new FormUrlEncodedContent(values)))
            remapped.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var again = await page.GetDocumentAsync(url);
        again.QuerySelector("#import-preview")!.TextContent.ShouldContain("将新建 1 条，更新 0 条，跳过 0 条");
        (await ExistsAsync(name)).ShouldBeFalse();

        using (var committed = await page.SubmitFormAsync(url, new Dictionary<string, string> { ["mode"] = "skipBadRows" }, "#import-commit"))
            committed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var progress = await page.Http.GetAsync(url + "?handler=Progress");
            progress.StatusCode.ShouldBe(HttpStatusCode.OK);
            if (progress.Headers.Contains("HX-Refresh")) break;
            DateTime.UtcNow.ShouldBeLessThan(deadline);
            await Task.Delay(100);
        }
        var done = await page.GetDocumentAsync(url);
        done.QuerySelector("#import-state")!.TextContent.ShouldBe("已完成");
        done.QuerySelector("#import-progress-text")!.TextContent.ShouldContain("100%");
        (await ExistsAsync(name)).ShouldBeTrue();
        (await page.GetDocumentAsync("/imports")).QuerySelector("#imports-table")!.TextContent.ShouldContain("c.csv");

        using (var undone = await page.SubmitFormAsync(url, new Dictionary<string, string>(), "#import-undo"))
            undone.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await page.GetDocumentAsync(url)).QuerySelector("#import-state")!.TextContent.ShouldBe("已撤销");
        (await ExistsAsync(name)).ShouldBeFalse();
    }

    [Fact]
    public async Task ABadFile_ShowsTheMessageOnTheUploadPage()
    {
        using var page = await app.BrowserAsAsync("xiaolin");
        using var response = await UploadPageAsync(page, Utf8Csv("单位名称,电话", "甲,1,2"), "c.csv");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PageClient.ParseAsync(response)).QuerySelector("#import-error")!.TextContent.ShouldBe("第 2 行的列数与表头（2 列）不一致");
    }

    [Fact]
    public async Task AnotherUsersImport_Is404_AndTheCompaniesListLinksToImport()
    {
        using var api = await app.ApiAsAsync("xiaolin");
        var preview = await UploadedAsync(api, "companies", Utf8Csv("单位名称", AdminTestHelpers.Unique("他人")), "c.csv");
        using var wang = await app.BrowserAsAsync("xiaowang");
        using var response = await wang.Http.GetAsync($"/imports/{preview["id"]}");
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wang.GetDocumentAsync("/customers/companies")).QuerySelector("#import-link")!.GetAttribute("href").ShouldBe("/imports/new/companies");
        using var template = await wang.Http.GetAsync("/imports/new/companies?handler=Template");
        template.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheProductListAndStockPage_LinkToTheirImports_OnlyForWhoMayImport()
    {
        using var wang = await app.BrowserAsAsync("xiaowang");
        (await wang.GetDocumentAsync("/products")).QuerySelector("#import-link")!.GetAttribute("href").ShouldBe("/imports/new/products");
        using var zhou = await app.BrowserAsAsync("xiaozhou");
        (await zhou.GetDocumentAsync("/inventory/stock")).QuerySelector("#import-link")!.GetAttribute("href").ShouldBe("/imports/new/opening-stock");
        (await zhou.GetDocumentAsync("/imports/new/opening-stock")).QuerySelector("#import-upload").ShouldNotBeNull();

        using var lin = await app.BrowserAsAsync("xiaolin");
        (await lin.GetDocumentAsync("/products")).QuerySelector("#import-link").ShouldBeNull();
        (await lin.GetDocumentAsync("/inventory/stock")).QuerySelector("#import-link").ShouldBeNull();
        (await lin.GetDocumentAsync("/imports")).QuerySelectorAll("a[href^='/imports/new/']").Select(a => a.GetAttribute("href"))
            .ShouldBe(["/imports/new/companies", "/imports/new/contacts", "/imports/new/contact-records"]);
        using var refused = await lin.Http.GetAsync("/imports/new/products");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.ShouldContain("/account/denied");
    }
}

public sealed class ImportPagesTestsOnSqlite(SqliteApp app) : ImportPagesTests(app), IClassFixture<SqliteApp>;

public sealed class ImportPagesTestsOnPostgres(PostgresApp app) : ImportPagesTests(app), IClassFixture<PostgresApp>;
