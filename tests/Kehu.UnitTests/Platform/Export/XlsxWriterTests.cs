using System.IO.Compression;
using System.Xml.Linq;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Export;
using MiniExcelLibs;

namespace Kehu.UnitTests.Platform.Export;

public sealed class XlsxWriterTests
{
    private static readonly CompanyTimeZone Shanghai = new(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));

    private sealed record Row(string? Code, string? Name, decimal Amount, long Count, DateTime At, DateOnly? Day, decimal? Missing);

    private static readonly ExportColumn<Row>[] Columns =
    [
        new("编码", ExportKind.Code, r => r.Code),
        new("名称", ExportKind.Text, r => r.Name),
        new("金额", ExportKind.Money, r => r.Amount),
        new("数量", ExportKind.Number, r => r.Count),
        new("时间", ExportKind.DateTime, r => r.At),
        new("日期", ExportKind.Date, r => r.Day),
        new("空", ExportKind.Number, r => r.Missing),
        new("编号", ExportKind.Code, r => r.Count),
    ];

    private static async Task<string> WriteAsync(IEnumerable<Row> rows)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("kehu-xlsx-test-").FullName, "export.xlsx");
        await using (var file = File.Create(path))
        {
            await XlsxWriter.WriteAsync(file, Columns.Select(c => c.Header).ToList(), Columns, rows.ToAsyncEnumerable(), Shanghai, CancellationToken.None);
        }
        return path;
    }

    private static List<IDictionary<string, object?>> Read(string path) =>
        MiniExcel.Query(path, useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();

    [Fact]
    public async Task Cells_ReadBackAsWritten_TextAsTextNumbersAsNumbersDatesAsDates()
    {
        var at = new DateTime(2026, 11, 27, 1, 5, 7, DateTimeKind.Utc);
        var path = await WriteAsync(
        [
            new("0123", "=1+2", 12.50m, 3, at, new DateOnly(2026, 1, 2), null),
            new("6901234567892", "  前后空格 ", -0.5m, -4, at, null, null),
            new(null, "<a & b>\u0001\u000Bc\r\nd", 0m, 0, at, null, null),
        ]);

        var rows = Read(path);
        rows.Count.ShouldBe(3);
        rows[0]["编码"].ShouldBe("0123");
        rows[0]["名称"].ShouldBe("=1+2");
        Convert.ToDecimal(rows[0]["金额"]).ShouldBe(12.5m);
        Convert.ToDecimal(rows[0]["数量"]).ShouldBe(3m);
        rows[0]["时间"].ShouldBe(new DateTime(2026, 11, 27, 9, 5, 7));
        rows[0]["日期"].ShouldBe(new DateTime(2026, 1, 2));
        rows[0]["空"].ShouldBeNull();
        rows[0]["编号"].ShouldBe("3");
        rows[1]["编码"].ShouldBe("6901234567892");
        rows[1]["名称"].ShouldBe("  前后空格 ");
        Convert.ToDecimal(rows[1]["金额"]).ShouldBe(-0.5m);
        rows[1]["编号"].ShouldBe("-4");
        rows[1]["日期"].ShouldBeNull();
        rows[2]["编码"].ShouldBeNull();
        rows[2]["名称"]!.ToString()!.Replace("\r\n", "\n").ShouldBe("<a & b>c\nd");
        NoFormula(path).ShouldBeTrue();
    }

    [Fact]
    public async Task ManyRows_AreAllWrittenInOrder_AcrossManyWritesOut()
    {
        var at = new DateTime(2026, 11, 27, 1, 5, 7, DateTimeKind.Utc);
        var path = await WriteAsync(Enumerable.Range(0, 20_000).Select(i => new Row($"C{i:D6}", $"第{i}行", i / 100m, i, at.AddMinutes(i), null, null)));

        var rows = Read(path);
        rows.Select(r => r["编码"]).ShouldBe(Enumerable.Range(0, 20_000).Select(i => (object?)$"C{i:D6}"));
        rows[^1]["时间"].ShouldBe(new DateTime(2026, 11, 27, 9, 5, 7).AddMinutes(19_999));
    }

    [Fact]
    public async Task NoRows_GiveTheHeadersAlone()
    {
        var path = await WriteAsync([]);

        MiniExcel.Query(path, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Single().Values
            .ShouldBe(Columns.Select(c => (object?)c.Header));
    }

    [Fact]
    public async Task Amounts_AreNumbersShownWithTwoDecimals()
    {
        var at = new DateTime(2026, 11, 27, 1, 5, 7, DateTimeKind.Utc);
        var path = await WriteAsync([new("C1", "甲", 200.0m, 3, at, null, null)]);

        Convert.ToDecimal(Read(path)[0]["金额"]).ShouldBe(200m);
        FormatOf(path, row: 2, column: 3).ShouldBe("#,##0.00");
        FormatOf(path, row: 2, column: 4).ShouldBeNull();
    }

    /// <summary>The custom number format of a cell, read from the sheet's style index and styles.xml.</summary>
    private static string? FormatOf(string path, int row, int column)
    {
        using var zip = ZipFile.OpenRead(path);
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var c = sheet.Descendants(main + "row").Single(e => (string?)e.Attribute("r") == row.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Elements(main + "c").ElementAt(column - 1);
        if (c.Attribute("s") is not { } s) return null;
        var styles = XDocument.Load(zip.GetEntry("xl/styles.xml")!.Open());
        var xf = styles.Descendants(main + "cellXfs").Single().Elements(main + "xf").ElementAt(int.Parse(s.Value, System.Globalization.CultureInfo.InvariantCulture));
        var id = (string?)xf.Attribute("numFmtId");
        return styles.Descendants(main + "numFmt").SingleOrDefault(f => (string?)f.Attribute("numFmtId") == id)?.Attribute("formatCode")?.Value;
    }

    private static bool NoFormula(string path)
    {
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var xml = reader.ReadToEnd();
        return !xml.Contains("<f>", StringComparison.Ordinal) && !xml.Contains("<f ", StringComparison.Ordinal);
    }
}
