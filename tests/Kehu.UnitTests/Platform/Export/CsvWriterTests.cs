using System.Text;
using Kehu.Web.Platform.Export;

namespace Kehu.UnitTests.Platform.Export;

public sealed class CsvWriterTests
{
    private static async Task<byte[]> WriteAsync(Action<CsvWriter> rows)
    {
        using var stream = new MemoryStream();
        var csv = await CsvWriter.StartAsync(stream, CancellationToken.None);
        rows(csv);
        await csv.FlushAsync(CancellationToken.None);
        return stream.ToArray();
    }

    [Fact]
    public async Task File_StartsWithTheUtf8BomAndEndsRowsWithCrLf()
    {
        var bytes = await WriteAsync(csv =>
        {
            csv.TextRow(["客户编号", "单位名称"]);
            csv.Row(["C000001", "上海机电"], [ExportKind.Code, ExportKind.Text]);
        });

        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).ShouldBe("客户编号,单位名称\r\nC000001,上海机电\r\n");
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\r\nbreak", "\"line\r\nbreak\"")]
    [InlineData("lf\nonly", "\"lf\nonly\"")]
    [InlineData("", "")]
    public void Field_IsQuotedOnlyWhenRfc4180AsksAndDoublesQuotes(string text, string expected) =>
        CsvWriter.Field(text).ShouldBe(expected);

    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-3", "'-3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=A1,B1", "\"'=A1,B1\"")]
    [InlineData("a=1", "a=1")]
    public void Field_ThatASpreadsheetWouldRunAsAFormula_GetsALeadingApostrophe(string text, string expected) =>
        CsvWriter.Field(text).ShouldBe(expected);

    [Fact]
    public async Task Numbers_AreWrittenAsNumbers_ANegativeOneWithoutAGuard()
    {
        var bytes = await WriteAsync(csv => csv.Row([-3m, 12.50m, 7, -1.5, "-3"], [ExportKind.Number, ExportKind.Money, ExportKind.Number, ExportKind.Number, ExportKind.Text]));

        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).ShouldBe("-3,12.50,7,-1.5,'-3\r\n");
    }

    [Fact]
    public async Task Dates_AreWrittenIsoStyle_DatesWithoutATime()
    {
        var at = new DateTime(2026, 11, 27, 9, 5, 7);
        var bytes = await WriteAsync(csv => csv.Row([at, at, new DateOnly(2026, 1, 2), null], [ExportKind.DateTime, ExportKind.Date, ExportKind.Date, ExportKind.Text]));

        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).ShouldBe("2026-11-27 09:05:07,2026-11-27,2026-01-02,\r\n");
    }

    [Fact]
    public async Task ManyRows_AreWrittenOutWhileTheyCome()
    {
        using var stream = new MemoryStream();
        var csv = await CsvWriter.StartAsync(stream, CancellationToken.None);
        var flushedEarly = false;
        for (var i = 0; i < 10_000; i++)
        {
            csv.Row([$"第{i}行", i], [ExportKind.Text, ExportKind.Number]);
            await csv.FlushIfFullAsync(CancellationToken.None);
            if (i == 5_000) flushedEarly = stream.Length > 3;
        }
        await csv.FlushAsync(CancellationToken.None);

        flushedEarly.ShouldBeTrue("the buffer is written out before the last row");
        Encoding.UTF8.GetString(stream.ToArray()).Split("\r\n").Length.ShouldBe(10_001);
    }

    [Fact]
    public void ContentDisposition_CarriesTheChineseNameAsRfc5987()
    {
        var header = ExportResponse.ContentDisposition("客户信息-20261127.xlsx");

        header.ShouldStartWith("attachment; filename=");
        header.ShouldContain("filename*=UTF-8''%E5%AE%A2%E6%88%B7%E4%BF%A1%E6%81%AF-20261127.xlsx");
    }
}
