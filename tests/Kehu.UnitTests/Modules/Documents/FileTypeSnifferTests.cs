using System.IO.Compression;
using System.Text;
using Kehu.Web.Modules.Documents;

namespace Kehu.UnitTests.Modules.Documents;

public sealed class FileTypeSnifferTests
{
    private static FileType? Detect(byte[] bytes, string name) => FileTypeSniffer.Detect(new MemoryStream(bytes), name);

    private static byte[] Bytes(params byte[] head) => [.. head, .. new byte[32]];

    private static byte[] Zip(params string[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                using var w = new StreamWriter(zip.CreateEntry(entry).Open());
                w.Write("<x/>");
            }
        }
        return stream.ToArray();
    }

    private static readonly byte[] Exe = Bytes((byte)'M', (byte)'Z', 0x90, 0x00, 0x03);

    [Theory]
    [InlineData("a.pdf", "pdf")]
    [InlineData("报价单.PDF", "pdf")]
    public void Pdf_ByItsHeader_IsAccepted(string name, string type) =>
        Detect(Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj"), name)!.Name.ShouldBe(type);

    [Fact]
    public void Png_Jpeg_Gif_Webp_ByTheirHeaders_AreAccepted()
    {
        Detect(Bytes(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A), "x.png")!.ContentType.ShouldBe("image/png");
        Detect(Bytes(0xFF, 0xD8, 0xFF, 0xE0), "x.jpg")!.ContentType.ShouldBe("image/jpeg");
        Detect(Bytes(0xFF, 0xD8, 0xFF, 0xE1), "x.jpeg")!.ContentType.ShouldBe("image/jpeg");
        Detect(Bytes("GIF89a"u8.ToArray()), "x.gif")!.ContentType.ShouldBe("image/gif");
        Detect(Bytes([.. "RIFF"u8, 0x10, 0, 0, 0, .. "WEBPVP8 "u8]), "x.webp")!.ContentType.ShouldBe("image/webp");
    }

    [Fact]
    public void OfficeOpenXml_IsAccepted_OnlyWithTheMainPartOfItsKind()
    {
        Detect(Zip("[Content_Types].xml", "word/document.xml"), "a.docx")!.Name.ShouldBe("docx");
        Detect(Zip("[Content_Types].xml", "xl/workbook.xml"), "a.xlsx")!.Name.ShouldBe("xlsx");
        Detect(Zip("[Content_Types].xml", "ppt/presentation.xml"), "a.pptx")!.Name.ShouldBe("pptx");
        Detect(Zip("[Content_Types].xml", "xl/workbook.xml"), "a.docx").ShouldBeNull();
        Detect(Zip("readme.txt"), "a.xlsx").ShouldBeNull();
    }

    [Fact]
    public void Zip_IsAccepted_AndAnOfficeFileMayAlsoGoAsZip()
    {
        Detect(Zip("readme.txt"), "a.zip")!.Name.ShouldBe("zip");
        Detect(Zip("[Content_Types].xml", "word/document.xml"), "a.zip")!.Name.ShouldBe("zip");
    }

    [Fact]
    public void OldOfficeFiles_AreOleCompoundFiles()
    {
        var ole = Bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);
        Detect(ole, "a.doc")!.Name.ShouldBe("doc");
        Detect(ole, "a.xls")!.Name.ShouldBe("xls");
        Detect(ole, "a.pdf").ShouldBeNull();
    }

    [Fact]
    public void Text_InUtf8OrGb18030_IsAccepted_ButNotWithNulBytes()
    {
        Detect(Encoding.UTF8.GetBytes("名称,数量\n离心泵,5\n"), "a.csv")!.Name.ShouldBe("csv");
        Detect(Encoding.UTF8.GetBytes("备注"), "a.txt")!.Name.ShouldBe("txt");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Detect(Encoding.GetEncoding(54936).GetBytes("名称,数量\r\n离心泵,5\r\n"), "a.csv")!.Name.ShouldBe("csv");
        Detect([.. Encoding.UTF8.GetBytes("abc"), 0, .. Encoding.UTF8.GetBytes("def")], "a.txt").ShouldBeNull();
        Detect(Exe, "a.txt").ShouldBeNull();
    }

    [Fact]
    public void AnExeRenamed_IsRefused_WhateverItIsCalled()
    {
        foreach (var name in new[] { "a.pdf", "a.png", "a.docx", "a.doc", "a.zip", "a.csv", "a.exe", "a" })
            Detect(Exe, name).ShouldBeNull(name);
    }

    [Fact]
    public void ContentOfOneTypeUnderAnotherTypesExtension_IsRefused()
    {
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n");
        Detect(pdf, "a.png").ShouldBeNull();
        Detect(pdf, "a.txt")!.Name.ShouldBe("txt");
        Detect(Bytes(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A), "a.pdf").ShouldBeNull();
    }
}

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("报价单.pdf", "报价单.pdf")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\x.pdf", "x.pdf")]
    [InlineData("C:\\x\\a.pdf", "a.pdf")]
    [InlineData("/var/www/a b.pdf", "a b.pdf")]
    [InlineData("  合同.pdf ", "合同.pdf")]
    public void Clean_KeepsOnlyTheLastSegment(string sent, string kept) => FileNames.Clean(sent).ShouldBe(kept);

    [Theory]
    [InlineData("")]
    [InlineData("../")]
    [InlineData("a\\")]
    [InlineData("..")]
    [InlineData("a\nb.pdf")]
    [InlineData("a\u0000.pdf")]
    [InlineData("x/\u001b.pdf")]
    public void Clean_RefusesANameThatIsEmptyOrHasControlCharacters(string sent) => FileNames.Clean(sent).ShouldBeNull();
}
