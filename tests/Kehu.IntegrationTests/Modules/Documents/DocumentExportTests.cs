using System.Globalization;
using System.Net;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using Kehu.IntegrationTests.Platform.Export;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Documents.DocumentTestData;

namespace Kehu.IntegrationTests.Modules.Documents;

/// <summary>The document list as a file (<c>/api/v1/documents/export</c> and the 文档库 page's 导出):
/// the list's rows under its filters, and never a document of a record the user may not see.</summary>
public abstract class DocumentExportTests(KehuApp app)
{
    private Task<long> CategoryAsync(string name) =>
        app.WithDbAsync(db => db.OptionItems.Where(o => o.ListCode == OptionLists.DocumentCategory && o.Name == name).Select(o => o.Id).SingleAsync());

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task Export_HoldsTheListsRows_WithOwnerSizeCategoryAndUploader(string format)
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var company = await Sales.SalesOrderTestData.CustomerAsync(app);
        var stem = AdminTestHelpers.Unique("导出");
        var bytes = Pdf(3210);
        var attached = await UploadedAsync(lin, "companies", company, bytes, $"{stem}-报价.pdf", await CategoryAsync("报价单"), "年度报价");
        await UploadedAsync(lin, null, null, Pdf(100), $"{stem}-库.pdf");
        var listed = await ExportFiles.ApiListAsync(lin, "/api/v1/documents", i => i["fileName"]!.GetValue<string>());

        var whole = await ExportFiles.DownloadAsync(lin, $"/api/v1/documents/export?format={format}", format);
        var found = await ExportFiles.DownloadAsync(lin, $"/api/v1/documents/export?format={format}&q={Uri.EscapeDataString(stem)}", format);

        Column(whole, format, "文件名").ShouldBe(listed);
        var rows = Rows(found, format);
        rows.ShouldBe(
        [
            $"{stem}-库.pdf|||application/pdf|100|文档库|小林",
            $"{stem}-报价.pdf|年度报价|报价单|application/pdf|3210|{attached["ownerTitle"]!.GetValue<string>()}|小林",
        ]);
        if (format == "xlsx")
            ExportFiles.Xlsx(found).Select(r => r["大小（字节）"]).ShouldAllBe(v => v is double || v is decimal, "sizes are numeric cells");
    }

    /// <summary>文件名|标题|文档分类|文件类型|大小|所属记录|上传人 of each row, sizes as whole numbers.</summary>
    private static List<string> Rows(string file, string format)
    {
        string[] headers = ["文件名", "标题", "文档分类", "文件类型", "大小（字节）", "所属记录", "上传人"];
        static string Cell(string header, string? value) => header == "大小（字节）" && value is { Length: > 0 }
            ? decimal.Parse(value, CultureInfo.InvariantCulture).ToString("0", CultureInfo.InvariantCulture) : value ?? "";
        if (format == "xlsx")
            return ExportFiles.Xlsx(file).Select(r => string.Join("|", headers.Select(h => Cell(h, Convert.ToString(r[h], CultureInfo.InvariantCulture))))).ToList();
        var rows = ExportFiles.Csv(file);
        var at = headers.Select(h => rows[0].IndexOf(h)).ToArray();
        return rows.Skip(1).Select(r => string.Join("|", at.Select((i, n) => Cell(headers[n], r[i])))).ToList();
    }

    private static List<string?> Column(string file, string format, string header) =>
        format == "xlsx" ? ExportFiles.XlsxColumn(file, header) : ExportFiles.CsvColumn(file, header).Select(v => (string?)v).ToList();

    [Fact]
    public async Task Export_OfASalespersonWhoMayNotSeeTheCompany_LeavesItsAttachmentsOut()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        using var admin = await app.ApiAsAsync("admin");
        var login = AdminTestHelpers.Unique("sales");
        await admin.CreateUserAsync(login, "Other-Pass-123", "sales");
        using var other = await app.ApiWithPasswordAsync(login, "Other-Pass-123");
        var company = await Sales.SalesOrderTestData.CustomerAsync(app);
        var name = AdminTestHelpers.Unique("保密") + ".pdf";
        await UploadedAsync(lin, "companies", company, Pdf(), name);

        var othersFile = ExportFiles.CsvColumn(await ExportFiles.DownloadAsync(other, "/api/v1/documents/export?format=csv", "csv"), "文件名");
        var ownerFiltered = ExportFiles.Csv(await ExportFiles.DownloadAsync(other, $"/api/v1/documents/export?format=csv&ownerType=companies&ownerId={company}", "csv"));
        var linsFile = ExportFiles.CsvColumn(await ExportFiles.DownloadAsync(lin, $"/api/v1/documents/export?format=csv&ownerType=companies&ownerId={company}", "csv"), "文件名");
        var adminsFile = ExportFiles.CsvColumn(await ExportFiles.DownloadAsync(admin, "/api/v1/documents/export?format=csv", "csv"), "文件名");

        othersFile.ShouldNotContain(name);
        othersFile.ShouldBe((await ExportFiles.ApiListAsync(other, "/api/v1/documents", i => i["fileName"]!.GetValue<string>())).Select(n => n!));
        ownerFiltered.Count.ShouldBe(1, "the headers and no row");
        linsFile.ShouldContain(name);
        adminsFile.ShouldContain(name);
    }

    [Fact]
    public async Task Export_FromTheLibraryPage_CarriesItsFilter_AndARecordsPageTheUserMayNotSeeIs404()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        using var browser = await app.BrowserAsAsync("xiaolin");
        using var admin = await app.ApiAsAsync("admin");
        var login = AdminTestHelpers.Unique("sales");
        await admin.CreateUserAsync(login, "Other-Pass-123", "sales");
        var stem = AdminTestHelpers.Unique("页面");
        await UploadedAsync(lin, null, null, Pdf(), $"{stem}-a.pdf");
        await UploadedAsync(lin, null, null, Pdf(), $"{stem}-b.pdf");
        var company = await Sales.SalesOrderTestData.CustomerAsync(app);
        await UploadedAsync(lin, "companies", company, Pdf(), $"{stem}-附件.pdf");

        var page = await browser.GetDocumentAsync($"/documents?q={Uri.EscapeDataString(stem)}");
        var link = page.QuerySelector("#export-csv")!.GetAttribute("href")!;
        using var response = await browser.Http.GetAsync(link);
        var attachments = await browser.GetDocumentAsync($"/documents?ownerType=companies&ownerId={company}");
        using var attachmentsFile = await browser.Http.GetAsync(attachments.QuerySelector("#export-xlsx")!.GetAttribute("href")!);
        using var otherBrowser = await app.BrowserLoginAsync(login, "Other-Pass-123");
        using var refused = await otherBrowser.Http.GetAsync($"/documents?handler=Export&format=csv&ownerType=companies&ownerId={company}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileNameStar!.ShouldMatch(@"^文档-\d{8}\.csv$");
        var path = Path.Combine(Directory.CreateTempSubdirectory("kehu-export-test-").FullName, "page.csv");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        ExportFiles.CsvColumn(path, "文件名").ShouldBe([$"{stem}-b.pdf", $"{stem}-a.pdf"], "the library's documents only, newest first");
        attachmentsFile.StatusCode.ShouldBe(HttpStatusCode.OK);
        var xlsx = Path.Combine(Directory.CreateTempSubdirectory("kehu-export-test-").FullName, "page.xlsx");
        await File.WriteAllBytesAsync(xlsx, await attachmentsFile.Content.ReadAsByteArrayAsync());
        ExportFiles.XlsxColumn(xlsx, "文件名").ShouldContain($"{stem}-附件.pdf");
        ExportFiles.XlsxColumn(xlsx, "文件名").ShouldNotContain($"{stem}-a.pdf");
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        refused.Content.Headers.ContentDisposition.ShouldBeNull();
    }
}

public sealed class DocumentExportTestsOnSqlite(SqliteApp app) : DocumentExportTests(app), IClassFixture<SqliteApp>;

public sealed class DocumentExportTestsOnPostgres(PostgresApp app) : DocumentExportTests(app), IClassFixture<PostgresApp>;
