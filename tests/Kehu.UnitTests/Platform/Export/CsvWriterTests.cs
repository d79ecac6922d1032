using System.Globalization;
using System.Text;
using CsCheck;
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

    [Theory]
    [InlineData("200.0", "200.00")]
    [InlineData("200", "200.00")]
    [InlineData("-3.5", "-3.50")]
    [InlineData("12.3400", "12.34")]
    [InlineData("0.125", "0.125")]
    public async Task Amounts_HaveTwoDecimals_AndAreNeverRounded(string stored, string written)
    {
        var amount = decimal.Parse(stored, CultureInfo.InvariantCulture);
        var bytes = await WriteAsync(csv => csv.Row([amount, amount], [ExportKind.Money, ExportKind.Number]));

        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).ShouldBe($"{written},{stored}\r\n");
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

    private static string Body(byte[] bytes) => Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);

    /// <summary>The field as RFC 4180 and the formula guard say, written the plain way.</summary>
    private static string Expected(string text)
    {
        if (text.Length == 0) return "";
        var guarded = text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        var quoted = text.IndexOfAny([',', '"', '\r', '\n']) >= 0;
        var body = (guarded ? "'" : "") + text.Replace("\"", "\"\"");
        return quoted ? $"\"{body}\"" : body;
    }

    [Fact]
    public async Task TypedCells_AreWrittenExactly_NumbersDatesAndGuardedText()
    {
        var bytes = await WriteAsync(csv =>
        {
            csv.Number(-3m);
            csv.Number(12.50m);
            csv.Number(-0.001m);
            csv.Number(79228162514264337593543950335m);
            csv.Number(-42L);
            csv.Number(long.MinValue);
            csv.Date(new DateTime(2026, 11, 27, 9, 5, 7), dateOnly: false);
            csv.Date(new DateTime(2026, 1, 2, 23, 59, 59), dateOnly: true);
            csv.Date(new DateTime(99, 3, 4, 0, 0, 0), dateOnly: false);
            csv.Date(new DateOnly(2026, 1, 2));
            csv.Empty();
            csv.Text("=HYPERLINK(\"http://x\")");
            csv.Text("-3");
            csv.Text("上海,\"机电\"\r\n第二行");
            csv.Text(null);
            csv.EndRow();
        });

        Body(bytes).ShouldBe("-3,12.50,-0.001,79228162514264337593543950335,-42,-9223372036854775808," +
            "2026-11-27 09:05:07,2026-01-02,0099-03-04 00:00:00,2026-01-02,," +
            "\"'=HYPERLINK(\"\"http://x\"\")\",'-3,\"上海,\"\"机电\"\"\r\n第二行\",\r\n");
    }

    [Fact]
    public void TypedCells_WriteWhatTheInvariantFormatsWrite()
    {
        Gen.Select(Gen.Decimal, Gen.Long, Gen.DateTime, Gen.String[Gen.Char["=+-@\t\r\n,\"'a上海 0"], 0, 12]).Sample((d, n, at, text) =>
        {
            using var stream = new MemoryStream();
            var csv = CsvWriter.StartAsync(stream, CancellationToken.None).GetAwaiter().GetResult();
            csv.Number(d);
            csv.Number(n);
            csv.Date(at, dateOnly: false);
            csv.Date(at, dateOnly: true);
            csv.Text(text);
            csv.EndRow();
            csv.FlushAsync(CancellationToken.None).GetAwaiter().GetResult();
            Body(stream.ToArray()).ShouldBe(string.Join(',',
                d.ToString(CultureInfo.InvariantCulture), n.ToString(CultureInfo.InvariantCulture),
                at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Expected(text)) + "\r\n");
        });
    }

    [Fact]
    public async Task ACellLargerThanTheBuffer_IsWrittenWhole()
    {
        var text = string.Concat(Enumerable.Repeat("长备注,\"引号\"", 40_000));

        var bytes = await WriteAsync(csv =>
        {
            csv.Row(["A", text, 1m], [ExportKind.Code, ExportKind.Text, ExportKind.Number]);
            csv.Row(["B", "短", 2m], [ExportKind.Code, ExportKind.Text, ExportKind.Number]);
        });

        Body(bytes).ShouldBe($"A,{Expected(text)},1\r\nB,短,2\r\n");
    }

    [Fact]
    public void Column_OfATypedValue_HandsTheValueOverUnboxed_AndANullAsAnEmptyCell()
    {
        ExportColumn<(decimal Amount, DateTime? At, long Id, string? Name, bool Flag)>[] columns =
        [
            new("金额", ExportKind.Money, r => r.Amount),
            new("时间", ExportKind.DateTime, r => r.At),
            new("编号", ExportKind.Code, r => r.Id),
            new("名称", ExportKind.Text, r => r.Name),
            new("标记", ExportKind.Text, r => r.Flag),
        ];
        var cells = new Recorder();

        foreach (var column in columns) column.Write((12.5m, null, 7, "甲", true), cells);

        cells.Calls.ShouldBe(["Number(decimal 12.5, Money)", "Empty", "Number(long 7, Code)", "Text(甲)", "Value(True, Text)"]);
        columns.Select(c => c.Value((12.5m, null, 7, "甲", true))).ShouldBe([12.5m, null, 7L, "甲", true]);
    }

    private sealed class Recorder : ICellWriter
    {
        public List<string> Calls { get; } = [];
        public void Text(string? text) => Calls.Add($"Text({text})");
        public void Number(decimal value, ExportKind kind) => Calls.Add($"Number(decimal {value.ToString(CultureInfo.InvariantCulture)}, {kind})");
        public void Number(long value, ExportKind kind) => Calls.Add($"Number(long {value}, {kind})");
        public void Number(double value, ExportKind kind) => Calls.Add($"Number(double {value.ToString(CultureInfo.InvariantCulture)}, {kind})");
        public void Date(DateTime value, ExportKind kind) => Calls.Add($"Date({value:O}, {kind})");
        public void Date(DateOnly value) => Calls.Add($"Date({value:O})");
        public void Empty() => Calls.Add("Empty");
        public void Value(object? value, ExportKind kind) => Calls.Add($"Value({value}, {kind})");
    }

    [Fact]
    public void ContentDisposition_CarriesTheChineseNameAsRfc5987()
    {
        var header = ExportResponse.ContentDisposition("客户信息-20261127.xlsx");

        header.ShouldStartWith("attachment; filename=");
        header.ShouldContain("filename*=UTF-8''%E5%AE%A2%E6%88%B7%E4%BF%A1%E6%81%AF-20261127.xlsx");
    }
}
