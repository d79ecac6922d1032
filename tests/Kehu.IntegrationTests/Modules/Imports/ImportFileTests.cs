using System.Net;
using System.Text;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Kehu.IntegrationTests.Modules.Imports.ImportTestData;

namespace Kehu.IntegrationTests.Modules.Imports;

/// <summary>What files an import reads (a LibreOffice .xlsx, a GBK .csv) and which it refuses, each
/// refusal with a clear message and no row written anywhere.</summary>
public abstract class ImportFileTests(KehuApp app)
{
    private async Task RefusedAsync(byte[] bytes, string fileName, string message)
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        var before = await CountsAsync(app);
        var files = Directory.Exists(app.ImportsPath) ? Directory.GetFiles(app.ImportsPath).Length : 0;

        using var response = await UploadAsync(lin, "companies", bytes, fileName);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("file")).ShouldBe([message]);
        (await CountsAsync(app)).ShouldBe(before);
        (Directory.Exists(app.ImportsPath) ? Directory.GetFiles(app.ImportsPath).Length : 0).ShouldBe(files);
    }

    private Task<bool> ExistsAsync(string name) => CompanyExistsAsync(app, name);

    [Fact]
    public async Task TruncatedXlsx_IsRefused()
    {
        var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new[] { new Dictionary<string, object> { ["单位名称"] = "截断甲" } }, excelType: ExcelType.XLSX);
        var bytes = stream.ToArray();
        await RefusedAsync(bytes[..(bytes.Length / 2)], "c.xlsx", "文件已损坏或不是有效的 .xlsx 文件");
    }

    [Fact]
    public async Task CsvWithAWrongColumnCount_IsRefused_NamingTheRow()
    {
        await RefusedAsync(Utf8Csv("单位名称,电话", "甲,1", "乙,2,多余", "丙,3"), "c.csv", "第 3 行的列数与表头（2 列）不一致");
        await RefusedAsync(Utf8Csv("单位名称,电话", "甲,1", "乙"), "c.csv", "第 3 行的列数与表头（2 列）不一致");
    }

    [Fact]
    public async Task MoreRowsThanASheetHolds_AreRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kehu-rows-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
            {
                await writer.WriteLineAsync("单位名称");
                for (var i = 1; i <= 1_048_577; i++) await writer.WriteLineAsync("c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            await RefusedAsync(await File.ReadAllBytesAsync(path), "big.csv", "文件超过 1,048,576 行数据，不能导入");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task UnknownEncoding_IsRefused()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("name\r\n"), 0xFF, 0xFE, 0x41, 0x00, 0x81, 0x20, 0x0D, 0x0A];
        await RefusedAsync(bytes, "c.csv", "无法识别文件的编码，请另存为 UTF-8 或 GBK 编码的 .csv 文件");
    }

    [Fact]
    public async Task EmptyFile_AndOtherTypes_AreRefused()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        using (var empty = await UploadAsync(lin, "companies", [], "c.csv"))
            empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await RefusedAsync(Utf8Csv(",,"), "c.csv", "文件是空的或没有表头行");
        await RefusedAsync(Utf8Csv("a"), "c.txt", "只能导入 .xlsx 或 .csv 文件");
    }

    [Fact]
    public async Task GbkCsv_IsReadAsGb18030()
    {
        var name = AdminTestHelpers.Unique("广州简体公司");
        using var lin = await app.ApiAsAsync("xiaolin");
        var preview = await UploadedAsync(lin, "companies", GbkCsv("单位名称,所在地区,备注", $"{name},广州,“引号”与中文"), "gbk.csv");
        preview["encoding"]!.GetValue<string>().ShouldBe("GB18030");
        (preview.Int("toCreate"), preview.Int("toSkip")).ShouldBe((1, 0));

        await CommitAsync(lin, preview["id"]!.GetValue<long>(), "skipBadRows");
        await WaitAsync(lin, preview["id"]!.GetValue<long>());
        var notes = await app.WithDbAsync(db => db.Companies.Where(c => c.Name == name).Select(c => c.Notes).SingleAsync());
        notes.ShouldBe("“引号”与中文");
    }

    [Fact]
    public async Task Utf8WithABom_IsRead()
    {
        var name = AdminTestHelpers.Unique("带BOM公司");
        using var lin = await app.ApiAsAsync("xiaolin");
        var preview = await UploadedAsync(lin, "companies", [0xEF, 0xBB, 0xBF, .. Utf8Csv("单位名称", name)], "bom.csv");
        (preview["encoding"]!.GetValue<string>(), preview.Int("toCreate")).ShouldBe(("UTF-8", 1));
    }

    [Fact]
    public async Task XlsxWrittenByLibreOffice_WithChineseHeadersAndEmptyTrailingRows_IsImported()
    {
        var a = AdminTestHelpers.Unique("办公套件甲");
        var b = AdminTestHelpers.Unique("办公套件乙");
        var folder = Directory.CreateTempSubdirectory("kehu-import-").FullName;
        var csv = Path.Combine(folder, "客户.csv");
        await File.WriteAllBytesAsync(csv, Utf8Csv("单位名称,客户等级,电话,类型", $"{a},重点客户,010-8888-6666,客户", $"\"{b}\",普通客户,021-5555,供应商", ",,,", ",,,"));
        var xlsx = await LibreOffice.ConvertAsync(csv, "xlsx", "CSV:44,34,76,1");
        using var lin = await app.ApiAsAsync("xiaolin");

        var done = await ImportedAsync(lin, "companies", await File.ReadAllBytesAsync(xlsx), "客户.xlsx");

        (done["state"]!.GetValue<string>(), done.Int("rows"), done.Int("created"), done.Int("skipped")).ShouldBe(("completed", 2, 2, 0));
        var phones = await app.WithDbAsync(db => db.Companies.Where(c => c.Name == a || c.Name == b).OrderBy(c => c.Name).Select(c => new { c.Phone, c.IsSupplier }).ToListAsync());
        phones.Select(p => p.Phone).ShouldBe(["010-8888-6666", "021-5555"], ignoreOrder: true);
        (await ExistsAsync(b)).ShouldBeTrue();
        Directory.Delete(folder, recursive: true);
    }
}

public sealed class ImportFileTestsOnSqlite(SqliteApp app) : ImportFileTests(app), IClassFixture<SqliteApp>;

public sealed class ImportFileTestsOnPostgres(PostgresApp app) : ImportFileTests(app), IClassFixture<PostgresApp>;
