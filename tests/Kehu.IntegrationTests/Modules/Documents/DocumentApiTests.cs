using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Documents.DocumentTestData;

namespace Kehu.IntegrationTests.Modules.Documents;

/// <summary>文档 over the API: 小林 (salesperson) attaches files to his customers and orders; a
/// colleague who may not see them gets 404 for everything about them; refused uploads leave
/// neither a row nor a file.</summary>
public abstract class DocumentApiTests(KehuApp app)
{
    private Task<long> LinsCompanyAsync() => Sales.SalesOrderTestData.CustomerAsync(app);

    private Task<long> LinsOrderAsync() => app.WithDbAsync(async db =>
    {
        var lin = await db.Users.Where(u => u.NormalizedUserName == "xiaolin").Select(u => u.Id).SingleAsync();
        return await db.SalesOrders.Where(o => o.SalespersonId == lin).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
    });

    private async Task<HttpClient> OtherSalespersonAsync()
    {
        using var admin = await app.ApiAsAsync("admin");
        var login = AdminTestHelpers.Unique("sales");
        await admin.CreateUserAsync(login, "Other-Pass-123", "sales");
        return await app.ApiWithPasswordAsync(login, "Other-Pass-123");
    }

    private Task<long> CategoryAsync(string name) =>
        app.WithDbAsync(db => db.OptionItems.Where(o => o.ListCode == OptionLists.DocumentCategory && o.Name == name).Select(o => o.Id).SingleAsync());

    [Fact]
    public async Task UploadToACompany_ThenDownload_GivesTheSameBytesAndHash_UnderTheChineseName()
    {
        var company = await LinsCompanyAsync();
        var bytes = Pdf();
        using var lin = await app.ApiAsAsync("xiaolin");

        var created = await UploadedAsync(lin, "companies", company, bytes, "营业执照 副本.pdf", await CategoryAsync("合同扫描件"), "营业执照");

        var id = created["id"]!.GetValue<long>();
        created["fileName"]!.GetValue<string>().ShouldBe("营业执照 副本.pdf");
        created["size"]!.GetValue<long>().ShouldBe(bytes.Length);
        created["sha256"]!.GetValue<string>().ShouldBe(Sha256(bytes));
        created["contentType"]!.GetValue<string>().ShouldBe("application/pdf");
        created["category"]!.GetValue<string>().ShouldBe("合同扫描件");
        created["ownerType"]!.GetValue<string>().ShouldBe("companies");
        created["ownerId"]!.GetValue<long>().ShouldBe(company);
        created["uploadedBy"]!.GetValue<string>().ShouldBe("小林");
        var stored = await StoredPathAsync(app, id);
        File.Exists(stored).ShouldBeTrue();
        Path.GetFileName(stored).ShouldMatch("^[0-9a-f]{32}$");

        using var download = await lin.GetAsync($"/api/v1/documents/{id}/content");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        var got = await download.Content.ReadAsByteArrayAsync();
        got.ShouldBe(bytes);
        Sha256(got).ShouldBe(created["sha256"]!.GetValue<string>());
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("营业执照 副本.pdf");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);

        (await IdsAsync(lin, $"/api/v1/documents?ownerType=companies&ownerId={company}")).ShouldContain(id);
        (await AttachmentHistoryAsync(app, nameof(Company), company)).ShouldContain(c => c.To == "营业执照 副本.pdf" && c.From == null);
    }

    [Fact]
    public async Task UploadToTheLibrary_IsSeenByAnyone_AndFoundByName()
    {
        using var wang = await app.ApiAsAsync("xiaowang");
        var name = AdminTestHelpers.Unique("价格表") + ".csv";
        var created = await UploadedAsync(wang, null, null, "产品,单价\n离心泵,1280\n"u8.ToArray(), name);
        var id = created["id"]!.GetValue<long>();
        created["ownerType"].ShouldBeNull();
        created["contentType"]!.GetValue<string>().ShouldBe("text/csv");

        using var zhang = await app.ApiAsAsync("xiaozhang");
        (await IdsAsync(zhang, $"/api/v1/documents?ownerType=library&q={Uri.EscapeDataString(name)}")).ShouldBe([id]);
        using var download = await zhang.GetAsync($"/api/v1/documents/{id}/content");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Upload_OverTheDefault20MB_IsRefusedNamingTheFile_AndChangesNothing()
    {
        var company = await LinsCompanyAsync();
        using var lin = await app.ApiAsAsync("xiaolin");
        var (files, rows) = (StoredFiles(app).Length, await DocumentCountAsync(app));

        using var response = await UploadAsync(lin, "companies", company, Pdf(20 * 1024 * 1024 + 1), "大文件.pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("file")).ShouldBe(["文件不能超过 20 MB"]);
        StoredFiles(app).Length.ShouldBe(files);
        (await DocumentCountAsync(app)).ShouldBe(rows);
    }

    [Fact]
    public async Task Upload_OfExactly20MB_IsAccepted()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var bytes = Pdf(20 * 1024 * 1024);
        var created = await UploadedAsync(lin, null, null, bytes, "正好20MB.pdf");
        created["size"]!.GetValue<long>().ShouldBe(bytes.Length);
        created["sha256"]!.GetValue<string>().ShouldBe(Sha256(bytes));
    }

    [Theory]
    [InlineData("空文件.pdf", new byte[0], "文件是空的")]
    [InlineData("setup.pdf", new byte[] { (byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0 }, "不支持这种文件，或文件内容与扩展名不符。")]
    [InlineData("程序.exe", new byte[] { (byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0 }, "不支持这种文件，或文件内容与扩展名不符。")]
    [InlineData("../", new byte[] { (byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-' }, "文件名无效")]
    [InlineData("a\u0007b.pdf", new byte[] { (byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-' }, "文件名无效")]
    public async Task Upload_Refused_NamesTheFile_AndChangesNothing(string fileName, byte[] bytes, string message)
    {
        var company = await LinsCompanyAsync();
        using var lin = await app.ApiAsAsync("xiaolin");
        var (files, rows, history) = (StoredFiles(app).Length, await DocumentCountAsync(app), (await AttachmentHistoryAsync(app, nameof(Company), company)).Count);

        using var response = await UploadAsync(lin, "companies", company, bytes, fileName);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.FieldErrorsAsync("file")).ShouldHaveSingleItem().ShouldStartWith(message);
        StoredFiles(app).Length.ShouldBe(files);
        (await DocumentCountAsync(app)).ShouldBe(rows);
        (await AttachmentHistoryAsync(app, nameof(Company), company)).Count.ShouldBe(history);
    }

    [Theory]
    [InlineData("../../x.pdf")]
    [InlineData("..\\..\\x.pdf")]
    [InlineData("C:\\Users\\lin\\x.pdf")]
    public async Task Upload_WithAPathInTheName_KeepsOnlyTheLastSegment_AndWritesOnlyInsideTheStorageFolder(string fileName)
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var parent = Directory.GetParent(app.DocumentsPath)!.FullName;
        var before = Directory.GetFiles(parent, "x.pdf", SearchOption.AllDirectories).Length;

        var created = await UploadedAsync(lin, null, null, Pdf(), fileName);

        created["fileName"]!.GetValue<string>().ShouldBe("x.pdf");
        var stored = await StoredPathAsync(app, created["id"]!.GetValue<long>());
        File.Exists(stored).ShouldBeTrue();
        Path.GetFullPath(stored).ShouldStartWith(Path.GetFullPath(app.DocumentsPath) + Path.DirectorySeparatorChar);
        Directory.GetFiles(parent, "x.pdf", SearchOption.AllDirectories).Length.ShouldBe(before);
    }

    [Fact]
    public async Task Upload_WithAnUnknownCategory_IsRefusedNamingIt_AndChangesNothing()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var (files, rows) = (StoredFiles(app).Length, await DocumentCountAsync(app));
        var unit = await app.WithDbAsync(db => db.OptionItems.Where(o => o.ListCode == OptionLists.Unit).Select(o => o.Id).FirstAsync());

        using var response = await UploadAsync(lin, null, null, Pdf(), "a.pdf", unit);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("categoryId")).ShouldBe(["请选择有效的文档分类"]);
        StoredFiles(app).Length.ShouldBe(files);
        (await DocumentCountAsync(app)).ShouldBe(rows);
    }

    [Fact]
    public async Task ASalespersonWhoCannotSeeTheCompany_Gets404ForItsAttachment_AndCannotListOrAttach()
    {
        var company = await LinsCompanyAsync();
        using var lin = await app.ApiAsAsync("xiaolin");
        var id = (await UploadedAsync(lin, "companies", company, Pdf(), "报价.pdf"))["id"]!.GetValue<long>();
        using var other = await OtherSalespersonAsync();
        var (files, rows) = (StoredFiles(app).Length, await DocumentCountAsync(app));

        (await other.GetAsync($"/api/v1/documents/{id}/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/api/v1/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await IdsAsync(other, $"/api/v1/documents?ownerType=companies&ownerId={company}")).ShouldBeEmpty();
        (await IdsAsync(other, "/api/v1/documents?limit=200")).ShouldNotContain(id);
        (await other.DeleteAsync($"/api/v1/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var attach = await UploadAsync(other, "companies", company, Pdf(), "b.pdf"))
            attach.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        StoredFiles(app).Length.ShouldBe(files);
        (await DocumentCountAsync(app)).ShouldBe(rows);

        (await lin.GetAsync($"/api/v1/documents/{id}/content")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var zhao = await app.ApiAsAsync("zhaojingli");
        (await zhao.GetAsync($"/api/v1/documents/{id}/content")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ASalespersonWhoCannotSeeTheOrder_Gets404ForItsAttachment_AndAPurchaserToo()
    {
        var order = await LinsOrderAsync();
        using var lin = await app.ApiAsAsync("xiaolin");
        var id = (await UploadedAsync(lin, "sales-orders", order, Pdf(), "签字合同.pdf"))["id"]!.GetValue<long>();
        using var other = await OtherSalespersonAsync();
        using var wang = await app.ApiAsAsync("xiaowang");

        foreach (var outsider in new[] { other, wang })
        {
            (await outsider.GetAsync($"/api/v1/documents/{id}/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await outsider.GetAsync($"/api/v1/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await IdsAsync(outsider, $"/api/v1/documents?ownerType=sales-orders&ownerId={order}")).ShouldBeEmpty();
        }
        (await lin.GetAsync($"/api/v1/documents/{id}/content")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var qian = await app.ApiAsAsync("qianjingli");
        (await IdsAsync(qian, $"/api/v1/documents?ownerType=sales-orders&ownerId={order}")).ShouldContain(id);
        (await AttachmentHistoryAsync(app, nameof(SalesOrder), order)).ShouldContain(c => c.To == "签字合同.pdf");
    }

    [Fact]
    public async Task DeleteAnAttachment_ByWhoeverMayAttach_RemovesRowAndFile_AndTheCompanyHistoryShowsIt()
    {
        var company = await LinsCompanyAsync();
        using var lin = await app.ApiAsAsync("xiaolin");
        var name = AdminTestHelpers.Unique("旧报价") + ".pdf";
        var id = (await UploadedAsync(lin, "companies", company, Pdf(), name))["id"]!.GetValue<long>();
        var stored = await StoredPathAsync(app, id);
        using var wang = await app.ApiAsAsync("xiaowang");
        (await wang.DeleteAsync($"/api/v1/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        File.Exists(stored).ShouldBeTrue();

        using var zhao = await app.ApiAsAsync("zhaojingli");
        using var deleted = await zhao.DeleteAsync($"/api/v1/documents/{id}");

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await app.WithDbAsync(db => db.Documents.AnyAsync(d => d.Id == id))).ShouldBeFalse();
        File.Exists(stored).ShouldBeFalse();
        (await lin.GetAsync($"/api/v1/documents/{id}/content")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var history = await AttachmentHistoryAsync(app, nameof(Company), company);
        history.ShouldContain(c => c.From == null && c.To == name);
        history.ShouldContain(c => c.From == name && c.To == null);
        using var page = await app.BrowserAsAsync("xiaolin");
        var doc = await page.GetDocumentAsync($"/customers/companies/{company}");
        doc.QuerySelector("#history")!.TextContent.ShouldContain(name);
    }

    [Fact]
    public async Task DeleteALibraryDocument_IsForItsUploaderOrAnAdministrator_OthersAreRefusedAndChangeNothing()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var mine = (await UploadedAsync(lin, null, null, Pdf(), "我的.pdf"))["id"]!.GetValue<long>();
        var other = (await UploadedAsync(lin, null, null, Pdf(), "另一个.pdf"))["id"]!.GetValue<long>();
        using var wang = await app.ApiAsAsync("xiaowang");

        using (var refused = await wang.DeleteAsync($"/api/v1/documents/{mine}"))
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        File.Exists(await StoredPathAsync(app, mine)).ShouldBeTrue();

        var minePath = await StoredPathAsync(app, mine);
        (await lin.DeleteAsync($"/api/v1/documents/{mine}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        File.Exists(minePath).ShouldBeFalse();
        using var admin = await app.ApiAsAsync("admin");
        var otherPath = await StoredPathAsync(app, other);
        (await admin.DeleteAsync($"/api/v1/documents/{other}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        File.Exists(otherPath).ShouldBeFalse();
    }

    [Fact]
    public async Task ACompanyWithAttachments_CannotBeDeleted_UntilTheyAreGone()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var company = (await (await lin.PostAsJsonAsync("/api/v1/companies", new { name = AdminTestHelpers.Unique("附件单位") })).ReadObjectAsync())["id"]!.GetValue<long>();
        var id = (await UploadedAsync(lin, "companies", company, Pdf(), "a.pdf"))["id"]!.GetValue<long>();

        using (var refused = await lin.DeleteAsync($"/api/v1/companies/{company}"))
            refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await app.WithDbAsync(db => db.Companies.AnyAsync(c => c.Id == company))).ShouldBeTrue();

        (await lin.DeleteAsync($"/api/v1/documents/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await lin.DeleteAsync($"/api/v1/companies/{company}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task TheApi_IsDescribedInTheOpenApiDocument()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var text = await lin.GetStringAsync("/api/v1/openapi.json");
        text.ShouldContain("/api/v1/documents/{id}/content");
        text.ShouldContain("/api/v1/companies/{id}/documents");
        text.ShouldContain("/api/v1/purchase-orders/{id}/documents");
        text.ShouldContain("/api/v1/sales-orders/{id}/documents");
    }
}

public sealed class DocumentApiTestsOnSqlite(SqliteApp app) : DocumentApiTests(app), IClassFixture<SqliteApp>;

public sealed class DocumentApiTestsOnPostgres(PostgresApp app) : DocumentApiTests(app), IClassFixture<PostgresApp>;

/// <summary>The size limit as configured (<c>Kehu:Documents:MaxBytes</c>), here 1 KB.</summary>
public abstract class DocumentSizeLimitTests(KehuApp app)
{
    [Fact]
    public async Task Upload_OverTheConfiguredLimit_IsRefusedNamingTheFile_AndChangesNothing_WhileTheLimitItselfIsAccepted()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var (files, rows) = (StoredFiles(app).Length, await DocumentCountAsync(app));

        using var response = await UploadAsync(lin, null, null, Pdf(1025), "a.pdf");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("file")).ShouldBe(["文件不能超过 1 KB"]);
        StoredFiles(app).Length.ShouldBe(files);
        (await DocumentCountAsync(app)).ShouldBe(rows);
        (await UploadedAsync(lin, null, null, Pdf(1024), "b.pdf"))["size"]!.GetValue<long>().ShouldBe(1024);
    }
}

public sealed class SmallDocumentLimitSqliteApp : SqliteApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Kehu:Documents:MaxBytes", "1024")];
}

public sealed class SmallDocumentLimitPostgresApp : PostgresApp
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Kehu:Documents:MaxBytes", "1024")];
}

public sealed class DocumentSizeLimitTestsOnSqlite(SmallDocumentLimitSqliteApp app) : DocumentSizeLimitTests(app), IClassFixture<SmallDocumentLimitSqliteApp>;

public sealed class DocumentSizeLimitTestsOnPostgres(SmallDocumentLimitPostgresApp app) : DocumentSizeLimitTests(app), IClassFixture<SmallDocumentLimitPostgresApp>;
