using System.Text;
using Kehu.Web.Modules.Imports;

namespace Kehu.UnitTests.Modules.Imports;

public sealed class ImportFileReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("kehu-import-unit-").FullName;

    static ImportFileReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(byte[] bytes)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".csv");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Utf8_WithAndWithoutBom_IsUtf8()
    {
        ImportFileReader.Inspect(Write(Encoding.UTF8.GetBytes("单位名称\n甲\n")), "csv").Encoding.ShouldBe("UTF-8");
        var bom = ImportFileReader.Inspect(Write([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("单位名称\n甲\n")]), "csv");
        (bom.Encoding, bom.Headers[0]).ShouldBe(("UTF-8", "单位名称"));
    }

    [Fact]
    public void Gbk_IsReadAsGb18030()
    {
        var path = Write(Encoding.GetEncoding("GB18030").GetBytes("单位名称,备注\n广州甲公司,“你好”\n"));
        var shape = ImportFileReader.Inspect(path, "csv");
        (shape.Encoding, shape.Headers[0], shape.Rows).ShouldBe(("GB18030", "单位名称", 1));
        var row = ImportFileReader.Read(path, "csv", Encoding.GetEncoding("GB18030")).Single();
        row.Cells.ShouldBe(["广州甲公司", "“你好”"]);
    }

    [Fact]
    public void BytesNeitherEncodingReads_AreRefused()
    {
        var e = Should.Throw<ImportFileException>(() => ImportFileReader.Inspect(Write([.. "name\n"u8, 0xFF, 0x41, 0x0A]), "csv"));
        e.Key.ShouldBe("无法识别文件的编码，请另存为 UTF-8 或 GBK 编码的 .csv 文件");
        Should.Throw<ImportFileException>(() => ImportFileReader.Inspect(Write([0xFF, 0xFE, 0x41, 0x00]), "csv"));
    }

    [Fact]
    public void QuotedCells_KeepCommasQuotesAndLineBreaks()
    {
        var path = Write(Encoding.UTF8.GetBytes("a,b\n\"1,5\",\"说\"\"好\"\"\"\n\"两\n行\",x\n"));
        var rows = ImportFileReader.Read(path, "csv", ImportFileReader.Utf8).ToList();
        rows.Select(r => r.Cells).ShouldBe([["1,5", "说\"好\""], ["两\n行", "x"]]);
    }

    [Fact]
    public void EmptyRows_AreSkipped_AndRowsKeepTheirNumbers()
    {
        var path = Write(Encoding.UTF8.GetBytes("a,b\n1,2\n,\n3,4\n,\n,\n\n\n"));
        ImportFileReader.Read(path, "csv", ImportFileReader.Utf8).Select(r => r.Number).ShouldBe([2, 4]);
    }

    [Fact]
    public void ARowWithAnotherColumnCount_IsRefusedByNumber()
    {
        var e = Should.Throw<ImportFileException>(() => ImportFileReader.Inspect(Write("a,b\n1,2\n3,4,5\n"u8.ToArray()), "csv"));
        (e.Key, e.Args[0]).ShouldBe(("第 {0} 行的列数与表头（{1} 列）不一致", (object)3));
    }
}
