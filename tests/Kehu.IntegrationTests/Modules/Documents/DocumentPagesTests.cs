using System.Net;
using AngleSharp.Html.Dom;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using Kehu.Web.Modules.Customers;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Documents.DocumentTestData;

namespace Kehu.IntegrationTests.Modules.Documents;

/// <summary>The 附件 card on record pages and the 文档库 page, as a browser uses them.</summary>
public abstract class DocumentPagesTests(KehuApp app)
{
    private Task<long> LinsCompanyAsync() => Sales.SalesOrderTestData.CustomerAsync(app);

    /// <summary>Posts the page's form <paramref name="formSelector"/> as multipart with its anti-forgery token.</summary>
    private static async Task<HttpResponseMessage> PostFileFormAsync(PageClient page, string pageUrl, string formSelector, byte[] bytes, string fileName, bool withToken = true)
    {
        var doc = await page.GetDocumentAsync(pageUrl);
        var form = doc.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No {formSelector} on {pageUrl}");
        using var content = Form(bytes, fileName, title: "页面上传");
        if (withToken)
            content.Add(new StringContent(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken");
        return await page.Http.PostAsync(form.GetAttribute("action"), content);
    }

    [Fact]
    public async Task TheCompanyPage_ShowsTheAttachmentsCard_AndUploadThroughItWorks_AndShowsInTheHistory()
    {
        var company = await LinsCompanyAsync();
        var url = $"/customers/companies/{company}";
        using var lin = await app.BrowserAsAsync("xiaolin");
        var name = AdminTestHelpers.Unique("现场照片") + ".pdf";
        var bytes = Pdf();

        using var posted = await PostFileFormAsync(lin, url, "#attachment-upload", bytes, name);

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        posted.Headers.Location!.OriginalString.ShouldBe(url + "#attachments");
        var document = await app.WithDbAsync(db => db.Documents.AsNoTracking().SingleAsync(d => d.FileName == name));
        document.OwnerType.ShouldBe("companies");
        document.OwnerId.ShouldBe(company);
        document.Title.ShouldBe("页面上传");
        document.Sha256.ShouldBe(Sha256(bytes));
        var doc = await lin.GetDocumentAsync(url);
        var card = doc.QuerySelector("#attachments")!;
        var link = card.QuerySelectorAll("a").Single(a => a.TextContent == name);
        link.GetAttribute("href").ShouldBe($"/documents/{document.Id}/download");
        card.QuerySelector($"form[action*='documentId={document.Id}']")!.GetAttribute("data-confirm")!.ShouldContain(name);
        doc.QuerySelector("#history")!.TextContent.ShouldContain(name);

        using var download = await lin.Http.GetAsync($"/documents/{document.Id}/download");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
    }

    [Fact]
    public async Task UploadThroughThePage_WithoutTheAntiForgeryToken_IsRefusedAndChangesNothing()
    {
        var company = await LinsCompanyAsync();
        using var lin = await app.BrowserAsAsync("xiaolin");
        var (files, rows) = (StoredFiles(app).Length, await DocumentCountAsync(app));

        using var posted = await PostFileFormAsync(lin, $"/customers/companies/{company}", "#attachment-upload", Pdf(), "无令牌.pdf", withToken: false);

        posted.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        StoredFiles(app).Length.ShouldBe(files);
        (await DocumentCountAsync(app)).ShouldBe(rows);
    }

    [Fact]
    public async Task ARefusedUploadThroughThePage_ShowsTheMessageOnTheCard_AndChangesNothing()
    {
        var company = await LinsCompanyAsync();
        var url = $"/customers/companies/{company}";
        using var lin = await app.BrowserAsAsync("xiaolin");
        var (files, rows) = (StoredFiles(app).Length, await DocumentCountAsync(app));

        using var posted = await PostFileFormAsync(lin, url, "#attachment-upload", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0], "发票.pdf");

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var doc = await lin.GetDocumentAsync(url);
        doc.QuerySelector("#attachments-error")!.TextContent.ShouldContain("不支持这种文件");
        StoredFiles(app).Length.ShouldBe(files);
        (await DocumentCountAsync(app)).ShouldBe(rows);
    }

    [Fact]
    public async Task BothOrderPages_ShowTheAttachmentsCard_AndADownloadByAnOutsiderIs404()
    {
        using var lin = await app.BrowserAsAsync("xiaolin");
        using var wang = await app.BrowserAsAsync("xiaowang");
        var (sale, purchase) = await app.WithDbAsync(async db => (
            await db.SalesOrders.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(),
            await db.PurchaseOrders.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync()));

        (await lin.GetDocumentAsync($"/sales/orders/{sale}")).QuerySelector("#attachment-upload").ShouldNotBeNull();
        (await wang.GetDocumentAsync($"/purchasing/orders/{purchase}")).QuerySelector("#attachment-upload").ShouldNotBeNull();
        var demo = await app.WithDbAsync(db => db.Documents.AsNoTracking().Where(d => d.OwnerType == "sales-orders").OrderBy(d => d.Id).FirstAsync());
        var orderPage = await lin.GetDocumentAsync($"/sales/orders/{demo.OwnerId}");
        orderPage.QuerySelector("#attachments")!.TextContent.ShouldContain(demo.FileName);
        orderPage.QuerySelector("#history")!.TextContent.ShouldContain(demo.FileName);
        using var denied = await wang.Http.GetAsync($"/documents/{demo.Id}/download");
        denied.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var fragment = await wang.Http.GetAsync($"/documents/attached?owner=sales-orders&id={demo.OwnerId}");
        fragment.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var list = await wang.Http.GetAsync($"/documents?ownerType=sales-orders&ownerId={demo.OwnerId}");
        list.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheAttachmentsCardAlone_ForHtmx_ListsTheRecordsFiles()
    {
        var company = await LinsCompanyAsync();
        using var api = await app.ApiAsAsync("xiaolin");
        var name = AdminTestHelpers.Unique("片段") + ".pdf";
        await UploadedAsync(api, "companies", company, Pdf(), name);
        using var lin = await app.BrowserAsAsync("xiaolin");

        var card = await lin.GetDocumentAsync($"/documents/attached?owner=companies&id={company}");

        card.QuerySelector("#attachments")!.TextContent.ShouldContain(name);
        card.QuerySelector("nav").ShouldBeNull();
        card.QuerySelector("#attachment-upload input[name=__RequestVerificationToken]").ShouldNotBeNull();
    }

    [Fact]
    public async Task TheLibraryPage_Uploads_Lists_FiltersByName_AndDeletesWithConfirmation()
    {
        using var wang = await app.BrowserAsAsync("xiaowang");
        var name = AdminTestHelpers.Unique("目录") + ".pdf";

        using var posted = await PostFileFormAsync(wang, "/documents", "#library-upload", Pdf(), name);

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var doc = await wang.GetDocumentAsync($"/documents?q={Uri.EscapeDataString(name)}");
        var rows = doc.QuerySelectorAll("#documents-table tbody tr").ToList();
        rows.Count.ShouldBe(1);
        rows[0].TextContent.ShouldContain(name);
        var delete = rows[0].QuerySelector("form[data-confirm]") as IHtmlFormElement;
        delete.ShouldNotBeNull();
        delete.GetAttribute("data-confirm")!.ShouldContain(name);
        (await wang.GetDocumentAsync("/documents")).QuerySelector("#nav-documents").ShouldNotBeNull();

        using var deleted = await wang.PostFormAsync(delete, "/documents", new Dictionary<string, string>());

        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync(db => db.Documents.AnyAsync(d => d.FileName == name))).ShouldBeFalse();
    }
}

public sealed class DocumentPagesTestsOnSqlite(SqliteApp app) : DocumentPagesTests(app), IClassFixture<SqliteApp>;

public sealed class DocumentPagesTestsOnPostgres(PostgresApp app) : DocumentPagesTests(app), IClassFixture<PostgresApp>;
